"""Who may read evaluation results: the Secretariat, Coordinators and Trainers see the
responses within their reach; only the Secretariat and Trainers read free text."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Secretariat": [
        "view_response",
        "view_free_text",
        "view_questionnaire",
        "add_questionnaire",
        "change_questionnaire",
        "delete_questionnaire",
    ],
    "Trainers": [
        "view_response",
        "view_free_text",
        "view_questionnaire",
        "add_questionnaire",
        "change_questionnaire",
    ],
    "Coordinators": ["view_response"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="evaluation", codename__in=codenames)
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("evaluation")
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
        ("evaluation", "0001_initial"),
        ("lms", "0007_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
