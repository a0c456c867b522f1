"""Certificates issued exactly once with real processes: a Redis broker, Celery worker
subprocesses on the ``certificates`` and ``notifications`` queues, PostgreSQL, and a
real SMTP server (aiosmtpd) counting the certificate e-mails.

- The same issue message delivered twice, to two workers at once: one certificate,
  one PDF, one e-mail.
- The worker killed (``kill -9``) in the middle of rendering the PDF: the certificate
  row exists without a PDF and nothing was sent; after a restart and the sweep, the
  PDF is made and the e-mail sent, once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from courses.models import Certificate, Enrolment, NotificationDelivery
from courses.services.certificates import certificates_sweep, code_display
from courses.services.learning import enrolment_create, module_complete
from courses.tasks import certificate_issue_task
from lms.celery import app as celery_app
from lms.services import membership_create
from tests.courses import factories
from tests.factories import OrganisationFactory, UserFactory
from tests.integration.conftest import child_database_url, process_env, wait_for
from tests.integration.test_notifications_delivery import SMTPServer, _children, _kill_group

pytestmark = [
    pytest.mark.integration,
    # Pages (the tree migrations create) survive the flush between tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUEUES = "certificates,notifications"


def _purge() -> None:
    with celery_app.connection_for_write() as conn:
        for queue in ("certificates", "notifications"):
            # A queue that does not exist yet is empty.
            with contextlib.suppress(Exception):
                conn.default_channel.queue_purge(queue)


@pytest.fixture
def broker():
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "set CELERY_BROKER_URL=redis://…"
    _purge()
    yield
    _purge()


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker_env(tmp_path, smtp):
    private = settings.STORAGES["private"]["OPTIONS"]["location"]
    return process_env(
        tmp_path / "var",
        DATABASE_URL=child_database_url(),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="10",
        SECRET_KEY=settings.SECRET_KEY,
        # The PDFs where this process (the test) reads them.
        PRIVATE_STORAGE_ROOT=private,
    )


@pytest.fixture
def completed(db):
    """A completed enrolment in a certificate course, its messages not sent anywhere."""
    organisation = OrganisationFactory(name="District of Bamako", short_name="Bamako")
    course = factories.course("Solidarity finance", hosts=(organisation,), effort_hours=6)
    module = factories.module(course, "Only module")
    learner = UserFactory(full_name="Awa Sangaré", email="awa@bamako.example")
    membership_create(user=learner, organisation=organisation, role="learner", confirmed=True)
    # Eager off (integration conftest): the completion's own message goes to the broker,
    # and the purge below drops it; each test sends what it means to.
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=module)
    _purge()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    return enrolment


def _certificate_mails(smtp) -> list:
    return [
        message
        for message in smtp.handler.messages
        if any(part.get_content_type() == "application/pdf" for part in message.walk())
    ]


def test_the_same_issue_message_twice_to_two_workers_makes_one_certificate_and_one_email(
    broker, smtp, worker_env, start_worker, completed
):
    workers = [start_worker(worker_env, QUEUES) for _ in range(2)]
    certificate_issue_task.apply_async(kwargs={"enrolment_id": completed.pk})
    certificate_issue_task.apply_async(kwargs={"enrolment_id": completed.pk})

    assert wait_for(lambda: len(_certificate_mails(smtp)) >= 1, 60), (
        workers[0].output()[-3000:] + workers[1].output()[-3000:]
    )
    assert wait_for(
        lambda: sum(w.output().count("certificate_issue_task") for w in workers) >= 4, 30
    )  # both copies received and finished
    time.sleep(3)  # time for a duplicate to arrive, if there were one
    (certificate,) = Certificate.objects.all()
    assert certificate.pdf and certificate.render_attempts == 1
    assert NotificationDelivery.objects.filter(kind="certificate").count() == 1
    (message,) = _certificate_mails(smtp)
    assert message["To"] == "awa@bamako.example"
    pdf = next(p for p in message.walk() if p.get_content_type() == "application/pdf")
    with certificate.pdf.open("rb") as handle:
        assert pdf.get_payload(decode=True) == handle.read()
    assert code_display(certificate.code) in pdf.get_filename()


def test_a_worker_killed_mid_render_leaves_no_pdf_and_after_restart_issues_exactly_once(
    broker, smtp, worker_env, start_worker, completed, tmp_path
):
    started, release = tmp_path / "render-started", tmp_path / "render-release"
    held = start_worker(
        {
            **worker_env,
            "DJANGO_SETTINGS_MODULE": "tests.integration.slow_render_settings",
            "RENDER_STARTED_FILE": str(started),
            "RENDER_RELEASE_FILE": str(release),
        },
        QUEUES,
    )
    certificate_issue_task.apply_async(kwargs={"enrolment_id": completed.pk})
    assert wait_for(started.exists, 60), held.output()[-3000:]

    # kill -9 the pool process in the middle of the render, then the whole worker.
    for child in _children(held.process.pid):
        os.kill(child, signal.SIGKILL)
    time.sleep(0.5)
    _kill_group(held)
    release.touch()

    (certificate,) = Certificate.objects.all()  # step 1 was committed before the render
    assert not certificate.pdf  # the render's transaction died with the process
    assert certificate.render_attempts == 0
    assert not NotificationDelivery.objects.filter(kind="certificate").exists()
    assert _certificate_mails(smtp) == []

    restarted = start_worker(worker_env, QUEUES)
    # The message may come back (reject on worker lost) or stay with the dead worker
    # until the broker's visibility timeout: the sweep catches it up either way.
    certificates_sweep(now=timezone.now() + dt.timedelta(minutes=20))

    assert wait_for(lambda: len(_certificate_mails(smtp)) >= 1, 60), restarted.output()[-3000:]
    time.sleep(3)
    certificate.refresh_from_db()
    assert certificate.pdf and Path(certificate.pdf.path).exists()
    assert Certificate.objects.count() == 1
    assert len(_certificate_mails(smtp)) == 1
    assert NotificationDelivery.objects.filter(kind="certificate", status="sent").count() == 1
