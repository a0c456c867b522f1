from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """The learning domain: courses, modules, enrolment, progress, certificates."""

    name = "courses"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses import (
            background,
            listing_signals,
            page_cache,
            personal_data,
            shell,
            signals,  # noqa: F401 (connects the receivers)
        )

        personal_data.register()
        background.register()  # task queues and sweeps (lms.background)
        shell.register()  # header links and home page sections (cms.registry)
        listing_signals.connect(self)  # the course listing filled after migrating
        page_cache.register()  # what public pages show, and what purges them (cms.page_cache)
