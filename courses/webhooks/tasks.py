"""Celery tasks of the webhooks: thin, they take ids and call one service. Routed to the
``webhooks`` queue (courses/webhooks/background.py), so a slow receiver never delays a
reminder or a certificate."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from courses.webhooks.delivery import webhook_deliver, webhooks_sweep
from lms.queueing import publish


@shared_task(
    name="courses.webhooks.tasks.webhook_deliver_task",
    # Connect and read timeouts are 10 s each; this bounds everything else.
    time_limit=60,
    soft_time_limit=50,
    max_retries=None,  # the service bounds the attempts (RETRY_WAITS), not a count here
)
def webhook_deliver_task(*, delivery_id: int) -> str:
    """Send one ``WebhookDelivery`` if due (once, however often this message arrives).

    A retry seconds away is a new message with a countdown (the row stays "queued", so
    the sweep leaves it alone meanwhile); longer waits are the sweep's."""
    outcome = webhook_deliver(delivery_id=delivery_id, now=timezone.now())
    if outcome.retry_in is not None:
        publish(
            webhook_deliver_task,
            kwargs={"delivery_id": delivery_id},
            countdown=max(outcome.retry_in.total_seconds(), 1),
        )
    return outcome.state


@shared_task(name="courses.webhooks.tasks.webhooks_sweep_task")
def webhooks_sweep_task() -> dict:
    """Catch up due retries, lost messages and stranded sends (beat, every minute)."""
    result = webhooks_sweep(now=timezone.now())
    return {"stranded": result.stranded, "queued": result.queued}
