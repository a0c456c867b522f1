"""Run the reminders sweep once, now or as of another time (to try the engine out).

    manage.py sweep_notifications
    manage.py sweep_notifications --as-of 2026-12-20T09:00

With ``--as-of``, the sweep decides what would be due at that time (deadline and
inactivity reminders appear in var/mail/ once the worker sends them); the rows it
records stay recorded, so a later sweep at the real time does not send them again.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from courses.services.notifications import notifications_sweep


class Command(BaseCommand):
    help = "Record and queue every notification due now, or as of --as-of (ISO 8601, UTC)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            help="Decide as if it were this time, e.g. 2026-12-20T09:00 (UTC unless an "
            "offset is given).",
        )

    def handle(self, *args, as_of: str | None = None, **options):
        now = timezone.now()
        if as_of:
            parsed = parse_datetime(as_of)
            if parsed is None:
                raise CommandError(
                    f"--as-of {as_of!r} is not a date and time like 2026-12-20T09:00."
                )
            now = parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=dt.UTC)
        result = notifications_sweep(now=now)
        for kind, count in sorted(result.decided.items()):
            self.stdout.write(f"{kind}: {count} due")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sweep as of {now.isoformat()}: {result.decided_total} due "
                f"(new or already recorded), {result.queued} queued to send."
            )
        )
