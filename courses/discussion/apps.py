from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    """Threads and replies per course (every language version shares them) and per cohort."""

    name = "courses.discussion"
    label = "discussion"
    verbose_name = _("Discussion")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.discussion import personal_data

        personal_data.register()  # posts in "Download my data"; authors anonymised on erasure
