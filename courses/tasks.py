"""Celery tasks of the learning domain: thin, they take ids and call one service.

Routed by name (lms/celery.py): ``*notif*`` tasks go to the ``notifications`` queue.
"""

from __future__ import annotations

from celery import shared_task

from courses.services.notifications import notification_send, notifications_sweep
from lms.tasks import TRANSIENT_EMAIL_ERRORS

SEND_MAX_RETRIES = 8


@shared_task(name="courses.tasks.notifications_sweep_task")
def notifications_sweep_task() -> dict:
    """Record and queue every reminder due now (beat, every five minutes)."""
    result = notifications_sweep()
    return {"decided": result.decided_total, "queued": result.queued}


@shared_task(
    bind=True,
    name="courses.tasks.notification_send_task",
    autoretry_for=TRANSIENT_EMAIL_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,  # below the sweep's REQUEUE_AFTER: a retry is not a lost message
    retry_jitter=True,
    max_retries=SEND_MAX_RETRIES,
)
def notification_send_task(self, *, delivery_id: int) -> str:
    """Send one ``NotificationDelivery`` (once, however often this message is delivered)."""
    return notification_send(
        delivery_id=delivery_id, final_attempt=self.request.retries >= SEND_MAX_RETRIES
    )
