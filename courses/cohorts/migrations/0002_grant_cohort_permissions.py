"""Who may do what with cohorts, as Django permissions granted to the role groups (the
access model: code asks the permission policy, never a group's name).

- Secretariat: every cohort: create, change, delete, enrol anybody, message members.
- Trainers: create cohorts and change, follow and message the ones they facilitate.
- Coordinators: see cohorts open for enrolment and enrol their own officials.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Secretariat": [
        "add_cohort",
        "change_cohort",
        "delete_cohort",
        "view_cohort",
        "add_cohortmember",
        "view_cohortmember",
        "add_cohortmessage",
    ],
    "Trainers": [
        "add_cohort",
        "change_cohort",
        "view_cohort",
        "view_cohortmember",
        "add_cohortmessage",
    ],
    "Coordinators": ["view_cohort", "add_cohortmember"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="cohorts", codename__in=codenames)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config("cohorts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0001_cohorts"),
        ("lms", "0007_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
