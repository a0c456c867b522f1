from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """The learning domain. Its page types and services arrive with the courses issue."""

    name = "courses"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"
