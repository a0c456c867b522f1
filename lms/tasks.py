"""Platform tasks."""

from __future__ import annotations

import smtplib
import socket

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from lms.emails import account_email_send, account_emails_sweep
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


def deliver(message: EmailMultiAlternatives) -> None:
    """Send ``message``, turning the server's "try again later" (4xx) into a transient error."""
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


@shared_task(name="lms.tasks.email_send_task")
def email_send_task(*, email_id: int | None = None, **legacy) -> str:
    """Send one ``AccountEmail`` (queued by ``lms.emails.email_queue``) once it is due.

    Transient failures are recorded on the row with its next attempt, which
    ``account_emails_sweep_task`` queues; the task itself never retries, so a retry
    never waits in the broker. ``legacy`` is a message queued by an earlier release
    (the mail's fields instead of a row): it is recorded, then sent the same way.
    """
    if email_id is None:
        from lms.emails import email_queue

        email_queue(**legacy)
        return "recorded"
    return account_email_send(email_id=email_id, now=timezone.now())


@shared_task(name="lms.tasks.email_sweep_task")
def email_sweep_task() -> int:
    """Queue account e-mails whose message was lost, whose retry is due, or whose send a
    crash interrupted (beat, every minute)."""
    return account_emails_sweep(now=timezone.now())
