from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    """Platform core: users, member organisations and their roles."""

    name = "lms"
    verbose_name = _("Platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms import (
            background,
            checks,  # noqa: F401 (registers the deployment checks)
        )
        from lms.accounts import backends
        from lms.accounts.backends import login_attempts_erase
        from lms.emails import account_emails_erase
        from lms.personal_data import register_eraser
        from lms.spreadsheets import guard_wagtail_exports

        register_eraser(login_attempts_erase)
        register_eraser(account_emails_erase)
        background.register()  # the heartbeat and the queue of account e-mail
        guard_wagtail_exports()  # no formula runs from a cell of any admin export
        backends.connect()  # kept permissions are dropped when anyone's change


class LmsUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user management, with forms for our e-mail login and full name."""

    user_viewset = "lms.admin.users.UserViewSet"
