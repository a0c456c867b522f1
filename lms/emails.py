"""Sending e-mail without making anyone wait: every message goes through a Celery worker.

Callers render the message themselves (in the recipient's language) and hand over
plain strings; ``email_queue`` records them as an ``AccountEmail`` row and queues the
send after the current transaction commits, so a rolled-back action sends nothing, a
slow SMTP server never holds up a request, and a broker outage only delays the mail:
``account_emails_sweep`` (every minute) queues what was saved, retries transient
failures for 24 hours, and sends again what a crash interrupted (docs/reliability.md).
"""

from __future__ import annotations

import datetime as dt
import smtplib
from email.utils import format_datetime, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation


def sender_domain() -> str:
    """The domain of DEFAULT_FROM_EMAIL ("GSEF Academy <academy@gsef-net.org>" gives
    "gsef-net.org"): Message-IDs are ours under the sender's domain, not the worker's
    host name, which says nothing to the reader and changes with every machine."""
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].strip("> ")
    return address.rsplit("@", 1)[-1] if "@" in address else "localhost"


def message_id_new() -> str:
    return make_msgid(domain=sender_domain())


def standard_headers(*, language: str, now: dt.datetime) -> dict[str, str]:
    """The headers every message we send carries: ``Content-Language`` (the language the
    recipient reads it in) and ``Date`` in UTC written ``+0000`` (Django writes ``-0000``,
    which RFC 5322 reserves for "local time unknown")."""
    return {
        "Content-Language": language,
        "Date": format_datetime(now.astimezone(dt.UTC)),
    }


def email_queue(
    *,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    language: str | None = None,
) -> None:
    """Record one e-mail in the outbox (``AccountEmail``, in the caller's transaction) and
    queue ``lms.tasks.email_send_task`` for it once the transaction commits.

    ``language`` is the one the message was rendered in (the active language when not
    given); it becomes the ``Content-Language`` header. A rolled-back action leaves no
    row; a broker outage leaves the row for ``account_emails_sweep``.
    """
    from lms.models import AccountEmail
    from lms.tasks import email_send_task  # lms.tasks imports the services, which may import us

    headers = dict(headers or {})
    headers.setdefault(
        "Content-Language", language or translation.get_language() or settings.LANGUAGE_CODE
    )
    # Fixed here, before the first attempt, so every attempt sends the same message.
    message_id = headers.pop("Message-ID", "") or message_id_new()
    now = timezone.now()
    email = AccountEmail.objects.create(
        to=to,
        # A subject is one header line; a template's trailing newline would be refused.
        subject=" ".join(subject.split()),
        text=text,
        html=html or "",
        headers=headers,
        message_id=message_id,
        created_at=now,
        queued_at=now,
    )
    email_send_task.delay_on_commit(email_id=email.pk)


# --- sending, retrying and catching up ----------------------------------------------------

#: A transient failure keeps an e-mail retryable this long from its first attempt.
RETRY_WINDOW = dt.timedelta(hours=24)
#: The wait after the 1st, 2nd, … transient failure; the last one repeats.
RETRY_WAITS = tuple(
    dt.timedelta(seconds=seconds) for seconds in (30, 60, 120, 240, 480, 900, 1800, 3600)
)
#: A pending row published longer ago than this lost its message: queued again. Above
#: the broker's visibility timeout (240 s), so a crashed worker's message comes back first.
REQUEUE_AFTER = dt.timedelta(minutes=5)
#: A row still "sending" this long after its claim has no live worker (the task's hard
#: limit, 180 s, has killed any that ran long): sent again, with the same Message-ID.
SENDING_STALE_AFTER = dt.timedelta(minutes=4)
SWEEP_LIMIT = 500


def _message(email) -> EmailMultiAlternatives:
    headers = dict(email.headers or {})
    language = headers.pop("Content-Language", "") or settings.LANGUAGE_CODE
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={
            **standard_headers(language=language, now=timezone.now()),
            "Message-ID": email.message_id,
            **headers,
        },
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    return message


def account_email_send(*, email_id: int, now: dt.datetime) -> str:
    """Send one ``AccountEmail`` if it is due; returns its status afterwards (or why not).

    Claimed with ``SKIP LOCKED`` and committed as ``sending`` before the SMTP
    conversation, so two messages for one row send it once; the outcome is recorded after.
    """
    from lms.models import AccountEmail
    from lms.tasks import TRANSIENT_EMAIL_ERRORS, deliver

    Status = AccountEmail.Status
    with transaction.atomic():
        email = (
            AccountEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=Status.PENDING)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .first()
        )
        if email is None:
            return "not due"
        email.status = Status.SENDING
        email.attempts += 1
        email.claimed_at = now
        email.save(update_fields=["status", "attempts", "claimed_at"])
    try:
        deliver(_message(email))
    except TRANSIENT_EMAIL_ERRORS as error:
        if now - email.created_at >= RETRY_WINDOW:
            return _record(email, status=Status.FAILED, error=error)
        wait = RETRY_WAITS[min(email.attempts, len(RETRY_WAITS)) - 1]
        return _record(email, status=Status.PENDING, error=error, next_attempt_at=now + wait)
    except smtplib.SMTPException as error:  # refused for good (5xx)
        return _record(email, status=Status.FAILED, error=error)
    return _record(email, status=Status.SENT, sent_at=now)


def _record(email, *, status: str, error: Exception | None = None, **fields) -> str:
    from lms.models import AccountEmail

    values = {
        "status": status,
        "last_error": f"{type(error).__name__}: {error}"[:2000] if error else "",
    }
    if status in (AccountEmail.Status.SENT, AccountEmail.Status.FAILED):
        values.update(text="", html="")  # one-time links do not outlive the attempt
    if status == AccountEmail.Status.PENDING:
        values["queued_at"] = None  # no message waits for it: the sweep queues it when due
    values.update(fields)
    AccountEmail.objects.filter(pk=email.pk).update(**values)
    return status


def account_emails_sweep(*, now: dt.datetime) -> int:
    """Queue the account e-mails whose message was lost (a broker outage, a Redis restart),
    whose retry is due, or whose send a crash interrupted (beat, every minute)."""
    from lms.models import AccountEmail
    from lms.tasks import email_send_task

    Status = AccountEmail.Status
    with transaction.atomic():
        AccountEmail.objects.filter(
            status=Status.SENDING, claimed_at__lt=now - SENDING_STALE_AFTER
        ).update(status=Status.PENDING, queued_at=None)
        ids = list(
            AccountEmail.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=now - REQUEUE_AFTER))
            .order_by("created_at")
            .values_list("pk", flat=True)[:SWEEP_LIMIT]
        )
        AccountEmail.objects.filter(pk__in=ids).update(queued_at=now)
        for pk in ids:
            email_send_task.delay_on_commit(email_id=pk)
    return len(ids)


def account_emails_erase(user) -> None:
    """A deleted account's e-mails still waiting or kept as sent (``lms.personal_data``)."""
    from lms.models import AccountEmail

    AccountEmail.objects.filter(to__iexact=user.email).delete()
