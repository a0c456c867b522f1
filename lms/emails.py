"""Sending e-mail without making anyone wait: every message goes through a Celery worker.

Callers render the message themselves (in the recipient's language) and hand over
plain strings; ``email_queue`` only queues them, after the current transaction
commits, so a rolled-back action sends nothing and a slow SMTP server never holds
up a request.
"""

from __future__ import annotations


def email_queue(
    *,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Queue one e-mail for ``lms.tasks.email_send_task``, once the transaction commits."""
    from lms.tasks import email_send_task  # lms.tasks imports the services, which may import us

    email_send_task.delay_on_commit(
        to=to,
        # A subject is one header line; a template's trailing newline would be refused.
        subject=" ".join(subject.split()),
        text=text,
        html=html,
        headers=dict(headers) if headers else None,
    )
