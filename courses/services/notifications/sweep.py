"""The sweep (Celery beat, every five minutes): run every decider, write what they
decide, queue what is due. Safe to run at any time, by several processes at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from courses.services.notifications.deciders import DECIDERS, course_rules
from courses.services.notifications.outbox import (
    REQUEUE_AFTER,
    insert_rows,
    notifications_queue_due,
)
from courses.services.notifications.rules import BATCH_SIZE
from courses.services.notifications.sending import notifications_recover_interrupted


@dataclass
class SweepResult:
    """What one sweep did: rows offered per kind (new or already there), and sends queued."""

    decided: dict[str, int] = field(default_factory=dict)
    queued: int = 0
    # Sends a crash interrupted: queued again (same Message-ID), or marked "unknown".
    recovered: dict[str, int] = field(default_factory=dict)
    batches: int = 0

    @property
    def decided_total(self) -> int:
        return sum(self.decided.values())


def notifications_sweep(
    *,
    now: dt.datetime | None = None,
    batch_size: int = BATCH_SIZE,
    requeue_after: dt.timedelta = REQUEUE_AFTER,
    send: bool = True,
) -> SweepResult:
    """Find, from the state of the database, every message due by ``now``; record one
    row each (once, whatever runs twice) and queue the sends. Safe to run at any time,
    as often as wanted, by several processes at once.

    ``send=False`` decides only (``sweep_notifications --as-of``): rows are recorded with
    the time they are due, and a later real sweep sends each once that time has come.
    """
    now = now or timezone.now()
    result = SweepResult()
    rules = course_rules()
    for decide in DECIDERS:
        for rows in decide(now, rules, batch_size):
            result.batches += 1
            for row in rows:
                result.decided[row.kind] = result.decided.get(row.kind, 0) + 1
            insert_rows(rows)
    if not send:
        return result
    result.recovered = notifications_recover_interrupted(now=now)
    result.queued = notifications_queue_due(
        now=now, requeue_after=requeue_after, batch_size=batch_size
    )
    return result
