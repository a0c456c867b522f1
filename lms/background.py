"""Background work of every app: the beat schedule and the queue each task runs on.

lms must not import the apps above it (courses → cms → lms), yet exactly one beat
process runs every app's periodic work, and one Celery app routes every task. So each
app registers, from its ``AppConfig.ready()`` (as apps register exporters into
``lms.personal_data``):

- its *beat entries*, into ``SCHEDULE``, which ``lms/celery.py`` hands to Celery. Every
  entry carries ``why``: the sentence a comment in a hand-written schedule would have
  said, kept with the entry (``REASONS``);
- the *queue* of its tasks, by task name or glob (``register_task_queue``), which
  ``route`` (Celery's ``task_routes``) answers when a task is sent.

Periodic work is a state-based sweep over the database, never a pile of ETA tasks:
a missed or doubled beat is caught up, or made a no-op, by the next sweep.
Registering a name again replaces the earlier entry, so a ``ready()`` that runs twice
is harmless.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from typing import Any

from celery.schedules import crontab

#: Celery's ``beat_schedule``, by entry name. The very dict Celery reads when beat
#: starts (after every app is ready), so entries registered in ready() are in it.
SCHEDULE: dict[str, dict[str, Any]] = {}

#: Why each entry runs (entry name → sentence).
REASONS: dict[str, str] = {}

#: Task name or glob → queue; the first registered match wins.
QUEUES: dict[str, str] = {}


def register_beat_entry(
    name: str,
    *,
    task: str,
    schedule: Any,
    why: str,
    kwargs: dict[str, Any] | None = None,
) -> None:
    """Run the task named ``task`` on ``schedule`` (a crontab or seconds) with ``kwargs``.

    ``why`` says what would go wrong without it; an entry without one is refused.
    """
    if not why.strip():
        raise ValueError(f"Say why the beat entry {name!r} runs.")
    SCHEDULE[name] = {"task": task, "schedule": schedule, "kwargs": dict(kwargs or {})}
    REASONS[name] = why


def register_task_queue(pattern: str, queue: str) -> None:
    """Send the tasks whose name matches ``pattern`` (fnmatch, case-sensitive) to ``queue``.

    The queue must be one that lms/celery.py declares; a task no pattern matches goes
    to the default queue.
    """
    QUEUES[pattern] = queue


def route(name: str, args, kwargs, options, task=None, **kw) -> dict[str, str] | None:
    """Celery's router (``task_routes``): the queue registered for the task ``name``."""
    for pattern, queue in QUEUES.items():
        if fnmatchcase(name, pattern):
            return {"queue": queue}
    return None


def unregister_beat_entry(name: str) -> None:
    SCHEDULE.pop(name, None)
    REASONS.pop(name, None)


@contextmanager
def registry_snapshot() -> Iterator[None]:
    """Put the registries back as they were on exit: for tests that register their own."""
    saved = (dict(SCHEDULE), dict(REASONS), dict(QUEUES))
    try:
        yield
    finally:
        for registry, before in zip((SCHEDULE, REASONS, QUEUES), saved, strict=True):
            registry.clear()
            registry.update(before)


def register() -> None:
    """The platform's own background work (lms.apps.LmsConfig.ready)."""
    # Account e-mail beside the reminders, never behind a burst of PDFs.
    register_task_queue("lms.tasks.email_*", "notifications")
    register_beat_entry(
        "account-email-sweep",
        task="lms.tasks.email_sweep_task",
        schedule=crontab(minute="*"),
        why=(
            "Account e-mails (sign-up, password reset, invitations) are rows first: every "
            "minute the sweep queues those whose message was lost to a broker outage, whose "
            "retry is due, or whose send a crash interrupted, so a person waits minutes, "
            "not forever, for their link."
        ),
    )
    register_beat_entry(
        "heartbeat",
        task="lms.tasks.heartbeat_task",
        schedule=crontab(minute="*"),
        kwargs={"source": "beat"},
        why=(
            "Proves beat and a worker are alive end to end; /health/ reports how long ago "
            "this ran, so a stopped beat or worker is visible from outside."
        ),
    )
