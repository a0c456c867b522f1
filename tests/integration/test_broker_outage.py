"""A broker outage delays work but never fails a request, with real processes: a private
redis-server (started and stopped by the test), a Celery worker, PostgreSQL and an SMTP
server.

With the broker stopped, a learner enrols and someone asks for a password reset: both
POSTs answer with a redirect and save their rows (the enrolment's confirmation and the
reset mail). Once the broker is back, the sweeps queue what was saved and the worker
sends each mail exactly once.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Enrolment, NotificationDelivery
from courses.services.notifications import notifications_sweep
from lms import queueing
from lms.celery import app as celery_app
from lms.emails import account_emails_sweep
from lms.models import AccountEmail
from tests.courses import factories
from tests.factories import UserFactory
from tests.integration.conftest import child_database_url, process_env, wait_for
from tests.integration.test_notifications_delivery import SMTPServer, _free_port

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class PrivateRedis:
    """A redis-server without persistence on its own port, stopped and started at will."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(shutil.which("redis-server"), "--port", str(self.port)),
                *("--save", "", "--appendonly", "no", "--bind", "127.0.0.1"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self._answers, 10), "redis-server did not start"

    def _answers(self) -> bool:
        import redis

        try:
            return redis.Redis.from_url(self.url).ping()
        except redis.exceptions.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def _forget_connections() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = PrivateRedis()
    server.start()
    write_url = celery_app.conf.broker_write_url
    celery_app.conf.broker_write_url = server.url  # this process publishes there
    _forget_connections()
    queueing.reset()
    yield server
    server.stop()
    celery_app.conf.broker_write_url = write_url
    _forget_connections()
    queueing.reset()


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


def test_requests_during_a_broker_outage_answer_and_their_mail_is_sent_once_when_it_is_back(
    client, private_redis, smtp, start_worker, tmp_path
):
    course = factories.course("Solidarity finance")
    factories.module(course, "Only module")
    learner = UserFactory(full_name="Awa Sangaré", email="awa@bamako.example")
    UserFactory(full_name="Min-ji Kim", email="minji@seoul.example")
    client.force_login(learner)
    with translation.override("en"):
        enrol_url = reverse("learn:enrol", args=[course.pk])
        reset_url = reverse("accounts:password_reset")

    private_redis.stop()  # the broker is down
    started = time.monotonic()
    enrolled = client.post(enrol_url)
    reset = client.post(reset_url, {"email": "minji@seoul.example"})
    answered_in = time.monotonic() - started

    assert enrolled.status_code == 302
    assert reset.status_code == 302
    assert answered_in < 5, answered_in
    print(f"two POSTs with the broker down answered in {answered_in:.2f} s")
    assert Enrolment.objects.filter(user=learner).exists()
    assert NotificationDelivery.objects.filter(recipient=learner, status="pending").count() == 1
    assert AccountEmail.objects.filter(to="minji@seoul.example", status="pending").count() == 1

    private_redis.start()  # back, empty: whatever was published before is gone anyway
    queueing.reset()
    start_worker(
        process_env(
            tmp_path / "var",
            DATABASE_URL=child_database_url(),
            CELERY_BROKER_URL=private_redis.url,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
            EMAIL_USE_TLS="0",
            SECRET_KEY=settings.SECRET_KEY,
        ),
        "notifications",
    )
    # The next sweeps (their re-queue delay passed as 0 / as of later, not waited for).
    notifications_sweep(requeue_after=dt.timedelta(0))
    account_emails_sweep(now=timezone.now() + dt.timedelta(minutes=6))

    def both_sent() -> bool:
        return {str(message["To"]) for message in smtp.handler.messages} >= {
            "awa@bamako.example",
            "minji@seoul.example",
        }

    assert wait_for(both_sent, 60)
    time.sleep(2)
    assert sorted(str(message["To"]) for message in smtp.handler.messages) == [
        "awa@bamako.example",
        "minji@seoul.example",
    ]
    assert NotificationDelivery.objects.get(recipient=learner).status == "sent"
    assert AccountEmail.objects.get().status == "sent"
