"""Run the reminders sweep once, now or as of another time (to try the engine out).

    manage.py sweep_notifications
    manage.py sweep_notifications --as-of 2026-12-20T09:00

With ``--as-of``, the sweep only decides: it records what would be due at that time,
each row with the time it is due, and sends nothing. The real sweep (beat, every five
minutes) sends each of those rows once its due time has really come, and never decides it
a second time, so a simulation can never send a digest due at 08:00 at 07:03.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from courses.services.notifications import notifications_sweep


class Command(BaseCommand):
    help = (
        "Record and queue every notification due now. With --as-of (ISO 8601, UTC), only "
        "record what would be due then, and send nothing: the real sweep sends each row "
        "once its due time has come."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            help="Decide as if it were this time, e.g. 2026-12-20T09:00 (UTC unless an "
            "offset is given), and send nothing now.",
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
        result = notifications_sweep(now=now, send=not as_of)
        for kind, count in sorted(result.decided.items()):
            self.stdout.write(f"{kind}: {count} due")
        if as_of:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Decided as of {now.isoformat()}: {result.decided_total} due (new or "
                    "already recorded). Nothing sent now: each is sent by the real sweep "
                    "once its due time has come."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Sweep as of {now.isoformat()}: {result.decided_total} due "
                f"(new or already recorded), {result.queued} queued to send."
            )
        )
