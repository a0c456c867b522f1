from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """The learning domain: courses, modules, enrolment, progress, certificates."""

    name = "courses"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses import personal_data, signals  # noqa: F401 (connects the receivers)

        personal_data.register()
