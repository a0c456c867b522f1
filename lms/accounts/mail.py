"""The account e-mails: rendered in the recipient's language, queued for a worker."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from lms.accounts.tokens import EMAIL_VERIFICATION_MAX_AGE, email_verification_token
from lms.emails import email_queue
from lms.models import User
from lms.urls_absolute import public_base_url

TEMPLATE_DIR = "emails/accounts"


def site_root(request: HttpRequest | None = None) -> str:
    """scheme://host[:port] for absolute links in e-mails (no trailing slash): the public
    base URL, not the request's host, which a proxy or a typed IP address may change."""
    return public_base_url()


def account_email_queue(*, user: User, name: str, context: dict[str, Any]) -> None:
    """Render ``emails/accounts/<name>_subject.txt``, ``_body.txt`` and ``_body.html``
    in ``user``'s preferred language and queue the message to their address.

    The templates build their links with ``{{ site_root }}{% url … %}``, so the links
    too are in the recipient's language, not the sender's.
    """
    context = {"user": user, **context}
    with translation.override(user.preferred_language):
        subject = render_to_string(f"{TEMPLATE_DIR}/{name}_subject.txt", context)
        text = render_to_string(f"{TEMPLATE_DIR}/{name}_body.txt", context)
        html = render_to_string(f"{TEMPLATE_DIR}/{name}_body.html", context)
    email_queue(
        to=user.email,
        subject=subject,
        text=text,
        html=html,
        language=user.preferred_language or settings.LANGUAGE_CODE,
    )


def verification_email_queue(*, request: HttpRequest, user: User) -> None:
    """Send ``user`` a link that confirms their address."""
    account_email_queue(
        user=user,
        name="verify_email",
        context={
            "site_root": site_root(request),
            "token": email_verification_token(user),
            "valid_days": EMAIL_VERIFICATION_MAX_AGE.days,
        },
    )


def existing_account_email_queue(*, request: HttpRequest, user: User) -> None:
    """Tell the owner of an address that someone tried to sign up with it.

    The sign-up page answers as if the account were new, so that it does not tell
    strangers which addresses have an account; the owner learns it here instead.
    """
    account_email_queue(
        user=user, name="signup_existing", context={"site_root": site_root(request)}
    )
