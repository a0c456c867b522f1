"""The Secretariat sends questionnaires to translation as it does pages: with
wagtail-localize's "Translate" action, which asks for wagtail_localize.submit_translation
(created by wagtail_localize 0006, given there only to groups named Editors and Moderators,
which this project does not have). Trainers do not get it: sending to translation and
syncing translations stay the Secretariat's, as for pages."""

from django.db import migrations

GROUPS = ("Secretariat",)


def _permission(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()


def grant(apps, schema_editor):
    permission = _permission(apps)
    if permission is None:
        return
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = _permission(apps)
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        if permission is not None:
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0003_response_cohort"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
