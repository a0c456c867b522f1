# Enrolment.updated_at for the organisation API's incremental sync (updated_since):
# added nullable, backfilled with the latest time the row is known to have changed,
# then made required.

import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import Coalesce, Greatest


def backfill(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    latest = Greatest(
        "enrolled_at",
        Coalesce("completed_at", "enrolled_at"),
        Coalesce("withdrawn_at", "enrolled_at"),
        Coalesce("last_activity_at", "enrolled_at"),
        Coalesce("learner_erased_at", "enrolled_at"),
    )
    Enrolment.objects.filter(updated_at__isnull=True).update(updated_at=latest)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0014_catalogue_trigram_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="updated_at",
            field=models.DateTimeField(null=True, verbose_name="last changed"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="enrolment",
            name="updated_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="last changed"
            ),
        ),
        migrations.AddIndex(
            model_name="enrolment",
            index=models.Index(
                fields=["organisation", "updated_at", "id"], name="courses_enr_org_updated"
            ),
        ),
    ]
