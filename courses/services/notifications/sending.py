"""Sending one decided message, exactly once, and resending a failed one.

Kept apart from deciding and rendering: the send state machine lives here alone.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import transaction
from django.utils import timezone

from courses.models import NotificationDelivery
from courses.services.notifications.outbox import queue_sends
from courses.services.notifications.recheck import skip_reason
from courses.services.notifications.rendering import notification_render
from courses.services.notifications.rules import Status
from lms.tasks import TRANSIENT_EMAIL_ERRORS, SMTPTryLaterError


def _deliver(message: EmailMultiAlternatives) -> None:
    """Send, turning the server's "try again later" (4xx) into a transient error."""
    try:
        message.send()
    except smtplib.SMTPResponseException as error:
        if 400 <= error.smtp_code < 500:
            raise SMTPTryLaterError(f"{error.smtp_code} {error.smtp_error!r}") from error
        raise
    except smtplib.SMTPRecipientsRefused as error:
        if all(400 <= code < 500 for code, _message in error.recipients.values()):
            raise SMTPTryLaterError(str(error.recipients)) from error
        raise


def notification_send(*, delivery_id: int, now: dt.datetime, final_attempt: bool = False) -> str:
    """Send one pending delivery; returns what happened ("sent", "skipped", "failed",
    "not pending").

    The row is locked (SKIP LOCKED) for the whole send, and only a pending row is
    sent: a second task for the same row, at the same time or later, does nothing.
    A worker killed mid-send rolls the transaction back, so the row stays pending and
    the re-delivered task sends it. A transient SMTP error is recorded and raised again
    for the task to retry, unless this was the ``final_attempt``: then the row fails.
    ``now`` decides what is still worth sending and stamps the row.
    """
    retry_error: Exception | None = None
    with transaction.atomic():
        delivery = (
            NotificationDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=delivery_id, status=Status.PENDING)
            .first()
        )
        if delivery is None:
            return "not pending"
        reason = skip_reason(delivery, now)
        if reason:
            delivery.status = Status.SKIPPED
            delivery.skip_reason = reason
            delivery.save(update_fields=["status", "skip_reason"])
            return "skipped"
        rendered = notification_render(delivery)
        message_id = make_msgid(domain=_mail_domain())
        message = EmailMultiAlternatives(
            subject=rendered.subject,
            body=rendered.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[delivery.recipient.email],
            headers={**rendered.headers, "Message-ID": message_id},
        )
        message.attach_alternative(rendered.html, "text/html")
        for attachment in rendered.attachments:
            message.attach(*attachment)
        delivery.attempts += 1
        fields = ["attempts", "status", "last_error", "queued_at"]
        try:
            _deliver(message)
        except TRANSIENT_EMAIL_ERRORS as error:
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            if final_attempt:
                delivery.status = Status.FAILED
            else:
                delivery.queued_at = now  # the retry is the queued message now
                retry_error = error
        except smtplib.SMTPException as error:  # refused for good (5xx): retrying will not help
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            delivery.status = Status.FAILED
        else:
            delivery.status = Status.SENT
            delivery.sent_at = now
            delivery.last_error = ""
            delivery.to_email = delivery.recipient.email
            delivery.language = rendered.language
            delivery.rendered_subject = rendered.subject[:300]
            delivery.rendered_text = rendered.text
            delivery.rendered_html = rendered.html
            delivery.message_id = message_id
            fields += [
                "sent_at",
                "to_email",
                "language",
                "rendered_subject",
                "rendered_text",
                "rendered_html",
                "message_id",
            ]
        delivery.save(update_fields=fields)
    if retry_error is not None:
        raise retry_error
    return delivery.status


def _mail_domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ")
    return address or "localhost"


@transaction.atomic
def notification_resend(*, delivery: NotificationDelivery) -> NotificationDelivery:
    """Try a failed delivery again (the secretariat's "Resend"): back to pending, queued
    after commit. Anything but a failed delivery is left alone."""
    delivery = NotificationDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != Status.FAILED:
        return delivery
    delivery.status = Status.PENDING
    delivery.due_at = min(delivery.due_at, timezone.now())
    delivery.queued_at = timezone.now()
    delivery.save(update_fields=["status", "due_at", "queued_at"])
    queue_sends([delivery.pk])
    return delivery
