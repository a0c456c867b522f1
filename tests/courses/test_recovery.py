"""Stranded work outside the e-mail outbox is caught up: zips and exports whose message was
lost or whose build failed, and certificates past their quick render retries (with the
secretariat's "Retry" in the certificate register)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from courses.models import Certificate, CertificateArchive, ReportExport
from courses.services import recovery
from courses.services.certificates import MAX_RENDER_ATTEMPTS
from courses.services.learning import enrolment_create, module_complete
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def queued(monkeypatch):
    """What the sweep queues, by task name (the tasks themselves do not run)."""
    from courses import tasks

    sent: list[tuple[str, dict]] = []
    for name in ("certificate_archive_task", "report_export_task", "certificate_render_task"):
        task = getattr(tasks, name)
        monkeypatch.setattr(
            task, "delay_on_commit", lambda _name=name, **kwargs: sent.append((_name, kwargs))
        )
    return sent


def _export(coordinator, *, status, created_at, finished_at=None) -> ReportExport:
    return ReportExport.objects.create(
        requested_by=coordinator,
        format="csv",
        status=status,
        created_at=created_at,
        finished_at=finished_at,
    )


def test_an_export_whose_message_was_lost_is_queued_again_after_five_minutes(
    bamako_coordinator, queued
):
    export = _export(bamako_coordinator, status="pending", created_at=NOW - dt.timedelta(minutes=4))

    assert recovery.stranded_work_sweep(now=NOW).exports_queued == 0
    assert recovery.stranded_work_sweep(now=NOW + dt.timedelta(minutes=2)).exports_queued == 1
    assert queued == [("report_export_task", {"export_id": export.pk})]


def test_a_failed_export_is_retried_hourly_for_24_hours_then_left(bamako_coordinator, queued):
    _export(
        bamako_coordinator,
        status="failed",
        created_at=NOW - dt.timedelta(minutes=30),
        finished_at=NOW - dt.timedelta(minutes=29),
    )

    assert recovery.stranded_work_sweep(now=NOW).exports_queued == 0  # failed just now
    assert recovery.stranded_work_sweep(now=NOW + dt.timedelta(hours=1)).exports_queued == 1
    assert recovery.stranded_work_sweep(now=NOW + dt.timedelta(hours=25)).exports_queued == 0


def test_a_ready_export_is_never_queued_again(bamako_coordinator, queued):
    _export(bamako_coordinator, status="ready", created_at=NOW - dt.timedelta(hours=1))

    assert recovery.stranded_work_sweep(now=NOW).exports_queued == 0


def test_a_zip_left_running_by_a_dead_worker_is_queued_again(bamako, bamako_coordinator, queued):
    archive = CertificateArchive.objects.create(
        requested_by=bamako_coordinator,
        organisation=bamako,
        course_key="00000000-0000-0000-0000-000000000001",
        course_title="Solidarity finance",
        status="running",
        created_at=NOW - dt.timedelta(minutes=11),
    )

    result = recovery.stranded_work_sweep(now=NOW)

    assert result.archives_queued == 1
    assert queued == [("certificate_archive_task", {"archive_id": archive.pk})]


@pytest.fixture
def failed_certificate(bamako, monkeypatch, django_capture_on_commit_callbacks):
    """A certificate whose PDF failed every quick retry."""

    course = factories.course("Solidarity finance", hosts=(bamako,))
    module = factories.module(course, "Only module")
    learner = UserFactory(full_name="Awa Sangaré")
    membership_create(user=learner, organisation=bamako, role="learner", confirmed=True)
    with time_machine.travel(NOW - dt.timedelta(hours=2), tick=False):
        with django_capture_on_commit_callbacks(execute=False):
            enrolment = enrolment_create(user=learner, course=course)
        with django_capture_on_commit_callbacks(execute=False):
            module_complete(enrolment=enrolment, module=module)
        from courses.services.certificates import certificate_issue

        certificate = certificate_issue(enrolment_id=enrolment.pk).certificate
    Certificate.objects.filter(pk=certificate.pk).update(
        render_attempts=MAX_RENDER_ATTEMPTS,
        render_error="RuntimeError: font file unreadable",
        queued_at=NOW - dt.timedelta(hours=2),
    )
    return certificate


def test_a_certificate_past_its_quick_retries_is_tried_hourly_within_24_hours(
    failed_certificate, queued
):
    with time_machine.travel(NOW, tick=False):
        assert recovery.stranded_work_sweep(now=NOW).renders_queued == 1
    assert queued == [("certificate_render_task", {"certificate_id": failed_certificate.pk})]
    with time_machine.travel(NOW + dt.timedelta(minutes=30), tick=False):
        later = NOW + dt.timedelta(minutes=30)
        assert recovery.stranded_work_sweep(now=later).renders_queued == 0  # tried just now
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        assert recovery.stranded_work_sweep(now=NOW + dt.timedelta(days=2)).renders_queued == 0


def test_the_register_shows_failed_pdfs_and_the_secretariat_retries_one(
    client, secretariat, failed_certificate, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    listing = client.get(reverse("certificates:index"), {"status": "render_failed"})
    assert failed_certificate.display_code in listing.content.decode()
    page = client.get(reverse("certificates:inspect", args=[failed_certificate.pk]))
    assert "Retry making the PDF" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:render_retry", args=[failed_certificate.pk]))

    assert response.status_code == 302
    failed_certificate.refresh_from_db()
    assert failed_certificate.pdf  # rendered by the (eager) task
    assert failed_certificate.render_attempts == 1
    assert not recovery.render_failed().exists()


def test_only_the_secretariat_may_retry_a_pdf(client, bamako_coordinator, failed_certificate):
    client.force_login(bamako_coordinator)

    response = client.post(reverse("certificates:render_retry", args=[failed_certificate.pk]))

    assert response.status_code in (302, 403)
    failed_certificate.refresh_from_db()
    assert failed_certificate.render_attempts == MAX_RENDER_ATTEMPTS
