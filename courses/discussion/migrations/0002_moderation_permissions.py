"""Grants the discussion's permissions to the platform's roles: trainers moderate the
discussions of the courses they teach and the secretariat every one
(``courses.discussion.permissions``, which also applies the reach); both see the abuse
reports of those discussions in the admin. No code compares a group's name."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Secretariat": ["moderate_thread", "view_report", "change_report"],
    "Trainers": ["moderate_thread", "view_report", "change_report"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="discussion", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("discussion")
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
        ("discussion", "0001_threads_posts_reports"),
        ("courses", "0011_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
