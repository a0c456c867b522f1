"""Platform tasks."""

from __future__ import annotations

from celery import shared_task

from lms.services import heartbeat_record


@shared_task(name="lms.tasks.heartbeat_task")
def heartbeat_task(*, source: str) -> None:
    """Record that a worker ran a task sent by ``source`` (beat, or `manage.py ping_worker`)."""
    heartbeat_record(source=source)
