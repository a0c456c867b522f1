from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    """Cohorts: runs of a course (or a programme) with dates, facilitators and members."""

    name = "courses.cohorts"
    label = "cohorts"
    verbose_name = _("Cohorts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.cohorts import personal_data

        personal_data.register()  # the person's cohorts in "Download my data"
