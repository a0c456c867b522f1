"""Grants the learning domain's model permissions to the platform's roles.

``courses.permissions`` asks for these (and ``lms.permissions``' reach) before showing a
row; no code compares a group's name.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Secretariat": [
        "view_enrolment",
        "view_certificate",
        "change_certificate",
        "view_certificatearchive",
        "add_certificatearchive",
        "view_reportexport",
        "add_reportexport",
        "view_notificationdelivery",
        "change_notificationdelivery",
        "view_webinarregistration",
        "change_webinarregistration",
    ],
    "Coordinators": [
        "view_enrolment",
        "view_certificate",
        "view_certificatearchive",
        "add_certificatearchive",
        "view_reportexport",
        "add_reportexport",
        "view_webinarregistration",
        "change_webinarregistration",
    ],
    "Trainers": [
        "view_enrolment",
        "view_reportexport",
        "add_reportexport",
        "view_webinarregistration",
        "change_webinarregistration",
    ],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("courses")
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
        ("courses", "0010_report_exports"),
        ("lms", "0007_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
