from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    """Open Badges 3.0 verifiable credentials for certificates (VC-JWT, RS256)."""

    name = "courses.badges"
    label = "badges"
    verbose_name = _("Badges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.badges import checks, personal_data, receivers  # noqa: F401 (connects)

        personal_data.register()  # the badges in exports, scrubbed on erasure
