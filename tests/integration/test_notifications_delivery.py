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
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from courses.models import Enrolment, NotificationDelivery
from courses.services.notifications import (
    SENDING_STALE_AFTER,
    instant_slot,
    notification_send,
    notifications_sweep,
)
from courses.services.notifications.sending import RetryLater
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
        # Held back after the message was accepted (the answer to QUIT): the sender has
        # its "250" and has not yet recorded it, the window a crash must survive.
        self.quit_delay = 0.0
        self.receiving = threading.Event()
        self.accepted = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(message_from_bytes(envelope.content))
        self.accepted.set()
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        if self.quit_delay:
            await asyncio.sleep(self.quit_delay)
        return "221 Bye"

    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.messages]

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
    # Committed before the SMTP conversation: the row says the message may have left.
    assert row.status == "sending" and row.message_id
    assert smtp.handler.messages == []

    restarted = start_worker(worker_env, QUEUE)
    # A redelivered task leaves a "sending" row alone; the sweep after the bound on a
    # send's life (SENDING_STALE_AFTER, passed as already gone by) sends it again.
    notifications_sweep(now=timezone.now() + SENDING_STALE_AFTER + dt.timedelta(seconds=1))

    assert _wait_sent(1), restarted.output()[-3000:]
    time.sleep(3)  # give any duplicate the time to arrive
    assert _sent_to(smtp) == [enrolment.user.email]
    row.refresh_from_db()
    assert row.status == "sent"
    assert smtp.handler.message_ids() == [row.message_id]


def test_a_worker_killed_after_the_server_accepted_sends_copies_with_one_message_id(
    broker, smtp, worker_env, start_worker
):
    """The fault-injection run's "4 copies, row sent, attempts = 1": now every copy carries
    the Message-ID fixed before the first, and the row says sent only once one was."""
    (enrolment,) = _enrolments(1)
    smtp.handler.quit_delay = 30  # accepted; the worker waits for "221" before recording
    worker = start_worker(worker_env, QUEUE)

    notifications_sweep()
    assert smtp.handler.accepted.wait(30), worker.output()[-3000:]
    time.sleep(0.3)
    for child in _children(worker.process.pid):
        os.kill(child, signal.SIGKILL)
    time.sleep(0.5)
    _kill_group(worker)
    smtp.handler.quit_delay = 0
    row = NotificationDelivery.objects.get(enrolment=enrolment)
    assert (row.status, row.attempts) == ("sending", 1)  # maybe sent: never "pending"
    assert smtp.handler.message_ids() == [row.message_id]

    restarted = start_worker(worker_env, QUEUE)
    time.sleep(2)  # a redelivered task finds the row "sending" and leaves it
    assert len(smtp.handler.messages) == 1
    result = notifications_sweep(now=timezone.now() + SENDING_STALE_AFTER + dt.timedelta(seconds=1))

    assert result.recovered == {"resending": 1, "unknown": 0}
    assert _wait_sent(1), restarted.output()[-3000:]
    time.sleep(2)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert _sent_to(smtp) == [enrolment.user.email] * 2
    assert smtp.handler.message_ids() == [row.message_id] * 2


def test_the_database_connection_lost_between_send_and_record_still_records_sent(
    broker, smtp, worker_env, start_worker
):
    """``pg_terminate_backend`` on the worker's connections while the server holds the
    message: the fault-injection run saw mails sent twice and rows "skipped" though sent."""
    enrolments = _enrolments(2)
    smtp.handler.quit_delay = 2
    worker = start_worker(worker_env, QUEUE)

    notifications_sweep()
    assert smtp.handler.accepted.wait(30), worker.output()[-3000:]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        (terminated,) = cursor.fetchone()
    assert terminated >= 1

    assert _wait_sent(2, timeout=45), worker.output()[-3000:]
    time.sleep(2)
    assert _sent_to(smtp) == sorted(enrolment.user.email for enrolment in enrolments)
    rows = NotificationDelivery.objects.order_by("pk")
    assert [row.status for row in rows] == ["sent", "sent"]
    assert sorted(smtp.handler.message_ids()) == sorted(row.message_id for row in rows)


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


def test_an_smtp_server_down_for_most_of_a_day_is_retried_and_delivers_once(
    broker, smtp, worker_env, start_worker, settings
):
    """The fault-injection run's "SMTP down ~2 minutes: 6 of 6 failed for good". Here the
    server is down for ~21 hours: the attempts are made in this process against the real
    (stopped) server with the service's ``now`` moved through those hours, as the
    broker's retries and the sweeps would make them; then it is back and a real worker
    sends the message once."""
    (enrolment,) = _enrolments(1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", smtp.port, 5
    with mock.patch("courses.services.notifications._queue"):  # decided, not queued
        notifications_sweep()
    row = NotificationDelivery.objects.get(enrolment=enrolment)
    smtp.stop()

    clock = timezone.now()
    now = clock - dt.timedelta(hours=23)
    while True:
        try:
            outcome = notification_send(delivery_id=row.pk, now=now)
        except RetryLater:
            outcome = "retry"
        assert outcome in {"retry", "waiting"}  # never "failed" inside the window
        row.refresh_from_db()
        if row.next_attempt_at > clock - dt.timedelta(hours=2):
            break
        now = row.next_attempt_at
    assert row.status == "pending"
    assert row.attempts >= 12  # the old task had failed it for good after 9 (~4 minutes)
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at <= clock

    smtp.start()  # back, on the same port
    worker = start_worker(worker_env, QUEUE)
    assert notifications_sweep().queued == 1  # the sweep takes up the long wait

    assert _wait_sent(1), worker.output()[-3000:]
    time.sleep(2)
    row.refresh_from_db()
    assert row.status == "sent"
    assert _sent_to(smtp) == [enrolment.user.email]
    assert smtp.handler.message_ids() == [row.message_id]


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
