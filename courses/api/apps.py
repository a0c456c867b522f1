from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The organisation API: tokens, the django-ninja application and its documentation."""

    name = "courses.api"
    label = "api"
    verbose_name = _("Organisation API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.api.public import course_api_fields_register

        course_api_fields_register()
