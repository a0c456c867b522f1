"""How long the reminders sweep takes to decide and enqueue on 100,000 enrolments.

Run against a throwaway PostgreSQL database (it is created, migrated and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_academy \
        .venv/bin/python -m tests.benchmarks.bench_sweep [--enrolments 100000] [--courses 50]

It generates learners and enrolments with ``bulk_create`` (a spread of enrolment
dates, activity and deadlines, so every enrolment kind has work), runs the sweep with
send tasks only counted, not run, and prints the time, the rows decided, the queries
per batch, and that a second sweep enqueues nothing. ``measure`` is also run on each
size of ``tests.benchmarks.bench_scale``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time
import uuid
from unittest import mock

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrolments", type=int, default=100_000)
    parser.add_argument("--courses", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=None, help="default: the engine's")
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner

    assert connection.vendor == "postgresql", "set DATABASE_URL=postgres://…"
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        run(arguments)
    finally:
        runner.teardown_databases(old_config)


def run(arguments) -> None:
    from django.utils import timezone

    from courses.models import Enrolment
    from lms.models import User

    rng = random.Random(42)
    now = timezone.now().replace(microsecond=0)
    zones = ["UTC", "Asia/Seoul", "America/Mexico_City", "Africa/Bamako", "America/Toronto"]
    courses = [uuid.uuid4() for _ in range(arguments.courses)]

    started = time.perf_counter()
    users = User.objects.bulk_create(
        [
            User(
                email=f"bench{number}@members.example",
                full_name=f"Learner {number}",
                time_zone=zones[number % len(zones)],
                password="!",
            )
            for number in range(arguments.enrolments)
        ],
        batch_size=5000,
    )
    enrolments = []
    for number, user in enumerate(users):
        enrolled = now - dt.timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440))
        active = enrolled + (now - enrolled) * rng.random()
        status = rng.choices(["active", "completed", "withdrawn"], weights=[8, 1, 1])[0]
        enrolments.append(
            Enrolment(
                user=user,
                course_key=courses[number % len(courses)],
                enrolled_at=enrolled,
                last_activity_at=active,
                due_on=(now + dt.timedelta(days=rng.randint(-10, 30))).date()
                if rng.random() < 0.5
                else None,
                status=status,
                completed_at=now if status == "completed" else None,
            )
        )
    Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    print(
        f"generated {len(users):,} learners and enrolments across {len(courses)} courses "
        f"in {time.perf_counter() - started:.1f} s"
    )

    measure(now=now, batch_size=arguments.batch_size)


def measure(*, now, batch_size: int | None = None, log=print) -> list[dict]:
    """Two sweeps at ``now`` over the enrolments in the database: the first decides
    everything, the second must enqueue nothing. Sending is counted, not performed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.models import NotificationDelivery
    from courses.services import notifications as engine

    queued: list[int] = []

    def count_only(ids):  # measure deciding and enqueuing, not the SMTP conversation
        queued.extend(ids)

    results = []
    for label in ("first sweep", "second sweep"):
        queued.clear()
        with (
            mock.patch.object(engine, "_queue", count_only),
            CaptureQueriesContext(connection) as captured,
        ):
            started = time.perf_counter()
            result = engine.notifications_sweep(now=now, batch_size=batch_size or engine.BATCH_SIZE)
            elapsed = time.perf_counter() - started
        per_batch = len(captured) / max(result.batches, 1)
        log(
            f"{label}: {elapsed:.2f} s, {result.decided_total:,} due "
            f"({', '.join(f'{k} {v:,}' for k, v in sorted(result.decided.items()))}), "
            f"{len(queued):,} queued, {len(captured)} queries in {result.batches} batches "
            f"({per_batch:.1f} per batch)"
        )
        results.append(
            {
                "what": label,
                "seconds": elapsed,
                "due": result.decided_total,
                "queued": len(queued),
                "queries": len(captured),
                "batches": result.batches,
            }
        )
    log(f"rows recorded: {NotificationDelivery.objects.count():,}")
    assert not queued, "the second sweep must enqueue nothing"
    log("second sweep enqueued nothing: OK")
    return results


if __name__ == "__main__":
    main()
