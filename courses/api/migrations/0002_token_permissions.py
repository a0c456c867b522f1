"""Grants the API token permissions: coordinators create, list and revoke their
organisation's tokens (``courses.api.permissions.api_token_policy`` narrows them to their
own organisations); the secretariat every organisation's."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Secretariat": ["view_apitoken", "add_apitoken", "change_apitoken"],
    "Coordinators": ["view_apitoken", "add_apitoken", "change_apitoken"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="api", codename__in=codenames))


def grant(apps, schema_editor):
    app_config = apps.get_app_config("api")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = _permissions(apps, codenames)
        assert len(permissions) == len(codenames), name
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_api_tokens"),
        ("lms", "0007_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
