from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The knowledge library: case studies, policy briefs, toolkits and publications."""

    name = "cms.library"
    label = "library"
    verbose_name = _("Library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.library import page_cache

        page_cache.register()  # the index's filters, and what a library change makes stale
