"""Lets the Secretariat edit the badge issuer profile (Settings → Badge issuer profile),
as it edits the site settings (cms 0004)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAME = "change_badgeissuersettings"


def _permission(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="badges", codename=CODENAME).first()


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one is needed now.
    app_config = apps.get_app_config("badges")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    secretariat, _ = Group.objects.get_or_create(name="Secretariat")
    secretariat.permissions.add(_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    for secretariat in Group.objects.filter(name="Secretariat"):
        if permission is not None:
            secretariat.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("badges", "0001_initial"),
        ("lms", "0007_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
