"""The reminders engine under failure, with real processes: a Redis broker, Celery worker
subprocesses, PostgreSQL, and a real SMTP server (aiosmtpd) in this process.

Each test counts the e-mails the SMTP server accepted: whatever breaks (a worker killed
mid-send, a task delivered twice, the mail server down, a lost message, two sweeps at
once), every due message arrives, and arrives once.

Run with ``make test`` or, alone: ``DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://…/8
pytest -m integration tests/integration/test_notifications_delivery.py``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import socket
import threading
import time
import uuid
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from courses.models import Enrolment, NotificationDelivery
from courses.services.notifications import instant_slot, notifications_sweep
from courses.tasks import notification_send_task
from lms.celery import app as celery_app
from tests.factories import UserFactory
from tests.integration.conftest import child_database_url, process_env, wait_for

pytestmark = [
    pytest.mark.integration,
    # serialized_rollback: the flush after each test leaves the tables as a later
    # serialized test expects them (no content types re-created with new ids).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUEUE = "notifications"


# --- a real SMTP server ---------------------------------------------------------------------


class RecordingHandler:
    """Accepts every message; records it only once the server has said "250 OK".

    ``delay`` holds the answer to DATA back, which opens a window in which the client
    can die mid-send: aiosmtpd cancels the handler when the connection drops, so a
    message whose sender died before the answer is not recorded, as a real server
    would not deliver it.
    """

    def __init__(self):
        self.messages: list = []
        self.delay = 0.0
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        return [str(message["Subject"]) for message in self.messages]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.port = _free_port()
        self.handler = RecordingHandler()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


# --- the broker and the workers -------------------------------------------------------------


@pytest.fixture
def broker():
    """Publish to the real broker from this process (unit tests run tasks eagerly)."""
    assert connection.vendor == "postgresql", "run the suite with PostgreSQL (DATABASE_URL)"
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "set CELERY_BROKER_URL=redis://…"
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    _purge()
    yield
    _purge()
    celery_app.conf.task_always_eager = eager


def _purge() -> int:
    with celery_app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_purge(QUEUE) or 0
        except Exception:
            return 0


@pytest.fixture
def worker_env(tmp_path, smtp):
    return process_env(
        tmp_path / "var",
        DATABASE_URL=child_database_url(),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="10",
        SECRET_KEY=settings.SECRET_KEY,  # the same signing key for unsubscribe links
    )


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def _kill_group(worker) -> None:
    os.killpg(worker.process.pid, signal.SIGKILL)
    worker.process.wait(timeout=10)


# --- what the tests send ---------------------------------------------------------------------


def _enrolments(count: int) -> list[Enrolment]:
    """Self enrolments made just now: each one owes its learner a confirmation at once."""
    now = timezone.now()
    return [
        Enrolment.objects.create(
            user=UserFactory(full_name=f"Learner {number}"),
            course_key=uuid.uuid4(),
            enrolled_at=now,
            last_activity_at=now,
        )
        for number in range(count)
    ]


def _sent_to(smtp: SMTPServer) -> list[str]:
    return sorted(str(message["To"]) for message in smtp.handler.messages)


def _wait_sent(count: int, timeout: float = 30) -> bool:
    return wait_for(
        lambda: NotificationDelivery.objects.filter(status="sent").count() >= count, timeout
    )


# --- the failures ---------------------------------------------------------------------------


def test_a_worker_killed_mid_send_then_restarted_sends_the_email_exactly_once(
    broker, smtp, worker_env, start_worker
):
    (enrolment,) = _enrolments(1)
    smtp.handler.delay = 30  # the server sits on the message: the worker is mid-send
    worker = start_worker(worker_env, QUEUE)

    notifications_sweep()
    assert smtp.handler.receiving.wait(30), worker.output()[-3000:]
    # kill -9 the pool process in the middle of the SMTP conversation, then the worker.
    for child in _children(worker.process.pid):
        os.kill(child, signal.SIGKILL)
    time.sleep(0.5)
    _kill_group(worker)
    smtp.handler.delay = 0
    row = NotificationDelivery.objects.get(enrolment=enrolment)
    assert row.status == "pending"  # the send's transaction died with the process
    assert smtp.handler.messages == []

    restarted = start_worker(worker_env, QUEUE)
    # The message may be back on the queue (reject on worker lost) or held unacknowledged
    # by the dead worker until the visibility timeout: the next sweep queues it again.
    notifications_sweep(now=timezone.now(), requeue_after=dt.timedelta(0))

    assert _wait_sent(1), restarted.output()[-3000:]
    time.sleep(3)  # give any duplicate the time to arrive
    assert _sent_to(smtp) == [enrolment.user.email]
    row.refresh_from_db()
    assert row.status == "sent"


def test_the_same_delivery_task_published_twice_sends_one_email(
    broker, smtp, worker_env, start_worker
):
    (enrolment,) = _enrolments(1)
    # Recorded as the sweep does, but not queued: this test publishes the task itself.
    row = NotificationDelivery.objects.create(
        kind="enrolment_confirmation",
        recipient=enrolment.user,
        subject_key=f"enrolment:{enrolment.pk}",
        slot=instant_slot(enrolment.enrolled_at),
        enrolment=enrolment,
        created_at=timezone.now(),
        due_at=timezone.now(),
    )
    smtp.handler.delay = 2  # both copies run while the first is still sending
    workers = [start_worker(worker_env, QUEUE) for _ in range(2)]

    notification_send_task.apply_async(kwargs={"delivery_id": row.pk})
    notification_send_task.apply_async(kwargs={"delivery_id": row.pk})

    assert _wait_sent(1), workers[0].output()[-3000:]
    assert wait_for(lambda: sum("succeeded" in w.output() for w in workers) >= 1, 20)
    time.sleep(3)
    assert _sent_to(smtp) == [enrolment.user.email]


def test_an_smtp_server_down_for_a_while_is_retried_and_delivers_once(
    broker, smtp, worker_env, start_worker
):
    (enrolment,) = _enrolments(1)
    smtp.stop()
    worker = start_worker(worker_env, QUEUE)

    notifications_sweep()
    row = NotificationDelivery.objects.get(enrolment=enrolment)
    assert wait_for(
        lambda: NotificationDelivery.objects.filter(pk=row.pk, attempts__gte=2).exists(), 30
    ), worker.output()[-3000:]
    assert NotificationDelivery.objects.get(pk=row.pk).status == "pending"
    smtp.start()  # the server is back, on the same port

    assert _wait_sent(1, timeout=45), worker.output()[-3000:]
    row.refresh_from_db()
    assert row.attempts >= 3
    assert "Connection" in worker.output()  # the refusals were logged as retries
    assert _sent_to(smtp) == [enrolment.user.email]


def test_a_lost_message_is_queued_again_by_the_next_sweep(broker, smtp, worker_env, start_worker):
    """The shared Redis is not restarted (other suites use it): losing the queue's content
    is simulated by purging it after the sweep, which is what a restart without AOF does."""
    enrolments = _enrolments(3)
    notifications_sweep()  # recorded, and three send tasks published
    assert _purge() == 3  # ... and lost
    worker = start_worker(worker_env, QUEUE)
    time.sleep(3)
    assert smtp.handler.messages == []
    # Too soon to call them lost: a sweep five minutes later does not queue them twice.
    assert notifications_sweep().queued == 0

    # The next sweep after REQUEUE_AFTER (passed as 0 here rather than waited for).
    result = notifications_sweep(requeue_after=dt.timedelta(0))

    assert result.queued == 3
    assert _wait_sent(3), worker.output()[-3000:]
    time.sleep(2)
    assert _sent_to(smtp) == sorted(enrolment.user.email for enrolment in enrolments)


def test_sweeps_twice_in_a_row_and_two_at_once_record_and_send_each_message_once(
    broker, smtp, worker_env, start_worker
):
    enrolments = _enrolments(40)
    worker = start_worker(worker_env, QUEUE)
    now = timezone.now()
    results = []
    errors = []

    def run():
        try:
            results.append(notifications_sweep(now=now, batch_size=7))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    again = notifications_sweep(now=now)

    assert NotificationDelivery.objects.count() == 40
    assert sum(result.queued for result in results) == 40  # each row queued by one sweep
    assert again.queued == 0
    assert _wait_sent(40, timeout=45), worker.output()[-3000:]
    time.sleep(2)
    assert _sent_to(smtp) == sorted(enrolment.user.email for enrolment in enrolments)
