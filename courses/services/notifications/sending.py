"""Sending one decided message: the send state machine, its retry window, the recovery of
sends a crash interrupted, and the secretariat's "Resend".

Kept apart from deciding and rendering: the state machine lives here alone (the states
and the kinds' policies are drawn in ``courses/models/notifications.py``). The rule that
makes it survive a crash at any instant: the row says "sending", with the Message-ID
fixed, in a transaction committed *before* the SMTP conversation, and the outcome is
written after it. A process that dies between the two leaves a row that says the
message may have left, never one that says it did not.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from courses.models import NotificationDelivery
from courses.services.notifications.outbox import queue_sends
from courses.services.notifications.recheck import skip_reason
from courses.services.notifications.rendering import notification_render
from courses.services.notifications.rules import BATCH_SIZE, Kind, Status
from lms.emails import message_id_new, standard_headers
from lms.tasks import TRANSIENT_EMAIL_ERRORS, SMTPTryLaterError

# A transient failure (the server's 4xx, the network) keeps a row retryable this long
# from its first attempt; only then, or on a permanent 5xx, does it fail for good.
RETRY_WINDOW = dt.timedelta(hours=24)
# The wait after the 1st, 2nd, … transient failure; the last one repeats. ~22 attempts
# in the 24 hours.
RETRY_WAITS = tuple(
    dt.timedelta(seconds=seconds) for seconds in (30, 60, 120, 240, 480, 900, 1800, 3600, 7200)
)
# Waits up to this long the broker carries (the task retries itself with a countdown,
# and the row is stamped queued: below the sweep's REQUEUE_AFTER, so the sweep does not
# queue it a second time); longer ones wait in the database for the sweep to queue.
# Below the broker's visibility timeout (240 s): Redis hands a message a worker has held
# longer than that to another worker, so a longer countdown would come back as copies.
BROKER_WAIT_UP_TO = dt.timedelta(minutes=2)
# A retry's countdown may fire a little early on another machine's clock.
CLOCK_SKEW = dt.timedelta(seconds=10)
# The send task's hard time limit (courses.tasks): past it the worker kills the task.
SEND_TIME_LIMIT = dt.timedelta(minutes=2)
# A row still "sending" this long after its claim has no live worker (the limit above has
# killed any that ran long): its send was interrupted, and the sweep takes it up.
SENDING_STALE_AFTER = SEND_TIME_LIMIT + dt.timedelta(minutes=1)

# Sent at most once: the nudges a later message repeats anyway. A row interrupted
# mid-send becomes "unknown" (maybe sent) rather than a second copy in the inbox.
AT_MOST_ONCE_KINDS = frozenset({Kind.INACTIVITY, Kind.DEADLINE_7D, Kind.WEBINAR_24H, Kind.DIGEST})
# Sent at least once, every copy with one Message-ID: what a person needs (a confirmation,
# a join link, a change, a certificate, a link to a file). Mail clients and many MTAs
# fold copies that share a Message-ID; a lost one cannot be folded back.
RESEND_KINDS = frozenset(Kind.values) - AT_MOST_ONCE_KINDS


class RetryLater(Exception):
    """A transient failure whose next attempt the broker should carry, after ``wait``."""

    def __init__(self, error: Exception, wait: dt.timedelta):
        super().__init__(str(error))
        self.error = error
        self.wait = wait


def retry_wait(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th attempt failed for now."""
    return RETRY_WAITS[min(max(attempts, 1), len(RETRY_WAITS)) - 1]


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


def _claim(
    delivery_id: int, now: dt.datetime
) -> tuple[str, NotificationDelivery | None, EmailMultiAlternatives | None]:
    """Take the row and commit "sending", with its Message-ID, before anything leaves.

    Only a row a send may take (pending and not waiting for a retry, or marked to be sent
    again) is taken, under ``SKIP LOCKED``: a second task for the same row, at the same
    time or later, finds nothing to do.
    """
    with transaction.atomic():
        delivery = (
            NotificationDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=delivery_id)
            .to_send(now + CLOCK_SKEW)
            .first()
        )
        if delivery is None:
            return "not pending", None, None
        reason = skip_reason(delivery, now)
        if reason:
            if delivery.status == Status.RESENDING:
                # It may have left before the crash: "not sent" could be untrue.
                delivery.status = Status.UNKNOWN
                delivery.skip_reason = f"interrupted, then no longer to be sent: {reason}"[:200]
            else:
                delivery.status = Status.SKIPPED
                delivery.skip_reason = reason
            delivery.save(update_fields=["status", "skip_reason"])
            return delivery.status, None, None
        rendered = notification_render(delivery)
        # Fixed at the first attempt and kept by every later one, so copies fold.
        delivery.message_id = delivery.message_id or message_id_new()
        delivery.status = Status.SENDING
        delivery.sending_at = now
        delivery.first_attempt_at = delivery.first_attempt_at or now
        delivery.next_attempt_at = None
        delivery.attempts += 1
        delivery.to_email = delivery.recipient.email
        delivery.language = rendered.language
        delivery.rendered_subject = rendered.subject[:300]
        delivery.rendered_text = rendered.text
        delivery.rendered_html = rendered.html
        delivery.save(
            update_fields=[
                "message_id",
                "status",
                "sending_at",
                "first_attempt_at",
                "next_attempt_at",
                "attempts",
                "to_email",
                "language",
                "rendered_subject",
                "rendered_text",
                "rendered_html",
            ]
        )
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.to_email],
        headers={
            **rendered.headers,
            **standard_headers(language=rendered.language, now=now),
            "Message-ID": delivery.message_id,
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    for attachment in rendered.attachments:
        message.attach(*attachment)
    return Status.SENDING, delivery, message


def _record(delivery: NotificationDelivery, **fields) -> None:
    """Write the outcome of the attempt ``delivery`` claimed (and only of that one).

    If the database connection died while the server took the message (a failover, a
    terminated backend), try once more on a new connection: the row would otherwise say
    "sending" until the sweep's recovery.
    """
    claimed = NotificationDelivery.objects.filter(
        pk=delivery.pk, status=Status.SENDING, attempts=delivery.attempts
    )
    try:
        claimed.update(**fields)
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise
        connection.close()
        claimed.update(**fields)


def notification_send(*, delivery_id: int, now: dt.datetime) -> str:
    """Send one delivery; returns what happened ("sent", "skipped", "failed", "waiting",
    "unknown", "not pending"), or raises ``RetryLater`` for the broker to carry a short
    wait after a transient failure.

    1. Claim: in one transaction, re-check the row, render it, fix its Message-ID and
       commit "sending". 2. Talk to the SMTP server, outside any transaction. 3. Record
       "sent", "failed" (a 5xx, or transient failures for ``RETRY_WINDOW``) or "pending"
       with ``next_attempt_at``. A crash between 1 and 3 leaves "sending", which
       ``notifications_recover_interrupted`` resolves by the kind's policy.
    """
    outcome, delivery, message = _claim(delivery_id, now)
    if delivery is None:
        return outcome
    try:
        _deliver(message)
    except TRANSIENT_EMAIL_ERRORS as error:
        return _after_transient_failure(delivery, error, now)
    except smtplib.SMTPException as error:  # refused for good (5xx): retrying will not help
        _record(delivery, status=Status.FAILED, last_error=_describe(error))
        return Status.FAILED
    _record(delivery, status=Status.SENT, sent_at=now, last_error="")
    return Status.SENT


def _after_transient_failure(delivery: NotificationDelivery, error: Exception, now) -> str:
    if now - delivery.first_attempt_at >= RETRY_WINDOW:
        _record(delivery, status=Status.FAILED, last_error=_describe(error))
        return Status.FAILED
    wait = retry_wait(delivery.attempts)
    by_broker = wait <= BROKER_WAIT_UP_TO
    _record(
        delivery,
        status=Status.PENDING,
        last_error=_describe(error),
        next_attempt_at=now + wait,
        # A retry the broker carries is this row's queued message; a longer wait has
        # none, and the sweep queues the row when next_attempt_at comes.
        queued_at=now if by_broker else None,
    )
    if by_broker:
        raise RetryLater(error, wait)
    return "waiting"


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def notifications_recover_interrupted(
    *,
    now: dt.datetime,
    stale_after: dt.timedelta = SENDING_STALE_AFTER,
    batch_size: int = BATCH_SIZE,
) -> dict[str, int]:
    """Resolve the rows still "sending" ``stale_after`` after their claim: the worker died,
    or lost its database, between the SMTP conversation and recording its outcome.

    A kind in ``RESEND_KINDS`` is marked "resending" and queued: sent again with the same
    Message-ID. A kind in ``AT_MOST_ONCE_KINDS`` becomes "unknown" for the outbox to show.
    Returns how many of each. Safe to run by several sweeps at once (``SKIP LOCKED``).
    """
    counts = {"resending": 0, "unknown": 0}
    clock = timezone.now()
    while True:
        with transaction.atomic():
            rows = list(
                NotificationDelivery.objects.filter(
                    status=Status.SENDING, sending_at__lt=now - stale_after
                )
                .order_by("sending_at", "pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", "kind")[:batch_size]
            )
            again = [pk for pk, kind in rows if kind in RESEND_KINDS]
            maybe = [pk for pk, kind in rows if kind not in RESEND_KINDS]
            note = "interrupted after the claim: the message may have been sent"
            if again:
                NotificationDelivery.objects.filter(pk__in=again).update(
                    status=Status.RESENDING, queued_at=clock, last_error=note
                )
                queue_sends(again)
            if maybe:
                NotificationDelivery.objects.filter(pk__in=maybe).update(
                    status=Status.UNKNOWN, last_error=note
                )
        counts["resending"] += len(again)
        counts["unknown"] += len(maybe)
        if len(rows) < batch_size:
            return counts


@transaction.atomic
def notification_resend(
    *, delivery: NotificationDelivery, now: dt.datetime | None = None
) -> NotificationDelivery:
    """Try a failed or maybe-sent delivery again (the secretariat's "Resend"), queued
    after commit, with the Message-ID it had: a failed one as new (a fresh retry window),
    a maybe-sent one as a copy. Anything else is left alone."""
    now = now or timezone.now()
    delivery = NotificationDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status not in (Status.FAILED, Status.UNKNOWN):
        return delivery
    if delivery.status == Status.FAILED:
        delivery.status = Status.PENDING
        delivery.first_attempt_at = None
    else:
        delivery.status = Status.RESENDING
    delivery.next_attempt_at = None
    delivery.due_at = min(delivery.due_at, now)
    delivery.queued_at = now
    delivery.save(
        update_fields=["status", "first_attempt_at", "next_attempt_at", "due_at", "queued_at"]
    )
    queue_sends([delivery.pk])
    return delivery
