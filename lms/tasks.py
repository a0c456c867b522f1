"""Platform tasks."""

from __future__ import annotations

import smtplib
import socket

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from lms.emails import message_id_new, standard_headers
from lms.services import heartbeat_record


@shared_task(name="lms.tasks.heartbeat_task")
def heartbeat_task(*, source: str) -> None:
    """Record that a worker ran a task sent by ``source`` (beat, or `manage.py ping_worker`)."""
    heartbeat_record(source=source)


class SMTPTryLaterError(Exception):
    """The mail server answered with a 4xx code: it asks us to try again later."""


# What is worth trying again: the network and the server's "not now". A 5xx answer
# (unknown recipient, refused as spam) would fail the same way every time.
TRANSIENT_EMAIL_ERRORS = (
    smtplib.SMTPServerDisconnected,
    SMTPTryLaterError,
    ConnectionError,
    TimeoutError,
    socket.gaierror,  # the server's name did not resolve, for now
)


def _is_try_later(code: int) -> bool:
    return 400 <= code < 500


@shared_task(
    name="lms.tasks.email_send_task",
    autoretry_for=TRANSIENT_EMAIL_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def email_send_task(
    *,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send one e-mail queued by ``lms.emails.email_queue``, retrying transient failures.

    Sending is not idempotent: if the connection drops just after the server took the
    message, the retry delivers it twice. A rare duplicate is a smaller harm than a
    lost sign-up or password-reset link; every retry carries the Message-ID fixed when
    the message was queued, so mail clients fold the copies.
    """
    headers = dict(headers or {})
    language = headers.pop("Content-Language", "") or settings.LANGUAGE_CODE
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            **standard_headers(language=language, now=timezone.now()),
            "Message-ID": headers.pop("Message-ID", "") or message_id_new(),
            **headers,
        },
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except smtplib.SMTPResponseException as error:
        if _is_try_later(error.smtp_code):
            raise SMTPTryLaterError(f"{error.smtp_code} {error.smtp_error!r}") from error
        raise
    except smtplib.SMTPRecipientsRefused as error:
        if all(_is_try_later(code) for code, _message in error.recipients.values()):
            raise SMTPTryLaterError(str(error.recipients)) from error
        raise
