"""`manage.py ping_worker`: send a task through the broker and wait for a worker to run it."""

import time
import uuid

from django.core.management.base import BaseCommand, CommandError

from lms.models import Heartbeat
from lms.tasks import heartbeat_task


class Command(BaseCommand):
    help = (
        "Queue a heartbeat task and wait until a Celery worker has written it to the database. "
        "Exits non-zero if no worker does so in time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30.0, help="Seconds to wait.")
        parser.add_argument("--queue", default="default", help="Queue to send the task to.")

    def handle(self, *args, timeout: float, queue: str, **options):
        source = f"ping-{uuid.uuid4().hex}"
        started = time.monotonic()
        heartbeat_task.apply_async(kwargs={"source": source}, queue=queue)
        while time.monotonic() - started < timeout:
            if Heartbeat.objects.filter(source=source).exists():
                Heartbeat.objects.filter(source=source).delete()
                elapsed = time.monotonic() - started
                self.stdout.write(
                    self.style.SUCCESS(
                        f"A worker ran the task from queue '{queue}' in {elapsed:.2f} s."
                    )
                )
                return
            time.sleep(0.2)
        raise CommandError(
            f"No worker ran the task from queue '{queue}' within {timeout:.0f} s: "
            "is a worker running and consuming that queue?"
        )
