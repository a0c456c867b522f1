"""Sending e-mail without making anyone wait: every message goes through a Celery worker.

Callers render the message themselves (in the recipient's language) and hand over
plain strings; ``email_queue`` only queues them, after the current transaction
commits, so a rolled-back action sends nothing and a slow SMTP server never holds
up a request.
"""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime, make_msgid

from django.conf import settings
from django.utils import translation


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
    """Queue one e-mail for ``lms.tasks.email_send_task``, once the transaction commits.

    ``language`` is the one the message was rendered in (the active language when not
    given); it becomes the ``Content-Language`` header.
    """
    from lms.tasks import email_send_task  # lms.tasks imports the services, which may import us

    headers = dict(headers or {})
    headers.setdefault(
        "Content-Language", language or translation.get_language() or settings.LANGUAGE_CODE
    )
    # Fixed here, before the task is queued, so each retry of it sends the same message.
    headers.setdefault("Message-ID", message_id_new())
    email_send_task.delay_on_commit(
        to=to,
        # A subject is one header line; a template's trailing newline would be refused.
        subject=" ".join(subject.split()),
        text=text,
        html=html,
        headers=headers,
    )
