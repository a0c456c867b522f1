"""Lets the secretariat edit the site settings (footer, contact details, privacy policy)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one is needed now.
    app_config = apps.get_app_config("cms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    secretariat = Group.objects.filter(name="Secretariat").first()
    if secretariat is None:
        return
    secretariat.permissions.add(
        Permission.objects.get(content_type__app_label="cms", codename="change_sitesettings")
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    secretariat = Group.objects.filter(name="Secretariat").first()
    permission = Permission.objects.filter(
        content_type__app_label="cms", codename="change_sitesettings"
    ).first()
    if secretariat is not None and permission is not None:
        secretariat.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_standard_page_and_site_settings"),
        ("lms", "0003_platform_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
