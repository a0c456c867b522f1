"""The webhooks' background work, registered into lms.background: their queue and sweep."""

from lms.background import register_beat_entry, register_task_queue


def register() -> None:
    # A receiver that answers slowly (up to its 10 s timeouts) never delays a reminder
    # or a certificate: webhooks have their own queue.
    register_task_queue("courses.webhooks.tasks.*", "webhooks")
    register_beat_entry(
        "webhooks-sweep",
        task="courses.webhooks.tasks.webhooks_sweep_task",
        schedule=60.0,
        why=(
            "Webhook retries minutes to hours away, messages lost to a broker outage and "
            "sends a crash interrupted are found from the deliveries' state every minute, "
            "so a receiver that was down gets every event once it is back."
        ),
    )
