from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed HTTP callbacks to member organisations' systems when learning happens."""

    name = "courses.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # receivers connects the events; tasks registers the tasks with Celery in every
        # process (beat and the web send them by name), not only in workers.
        from courses.webhooks import background, receivers, tasks  # noqa: F401
        from courses.webhooks.services import webhook_deliveries_erase
        from lms import personal_data

        background.register()  # the webhooks queue and the delivery sweep (lms.background)
        personal_data.register_eraser(webhook_deliveries_erase)  # payloads forget the person
