"""Grants the webhooks' model permissions to the coordinators and the secretariat;
``courses.webhooks.permissions`` scopes them to organisations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_webhookendpoint",
    "add_webhookendpoint",
    "change_webhookendpoint",
    "manage_webhookendpoint",
    "view_webhookdelivery",
]
GRANTS = {"Secretariat": CODENAMES, "Coordinators": CODENAMES}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="webhooks", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("webhooks")
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
        ("webhooks", "0001_endpoints_and_deliveries"),
        ("lms", "0007_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
