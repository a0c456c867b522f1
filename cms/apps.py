from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The site shell: home page, standard pages, shared blocks and site settings."""

    name = "cms"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms import page_cache, shell_cache

        page_cache.connect()  # purge the page cache on publish, move, delete
        shell_cache.connect()  # what every page's shell reads, dropped on a change
