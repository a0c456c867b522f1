"""Celery tasks of the learning domain: thin, they take ids and call one service.

Routed by name (courses/background.py registers the routes into lms.background):
``*notif*`` tasks go to the ``notifications`` queue, ``*certificate*`` tasks to the
``certificates`` queue, ``*export*`` tasks to ``exports``.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from courses.services.certificates import (
    certificate_archive_build,
    certificate_issue,
    certificate_render,
    certificates_sweep,
    participation_issue,
)
from courses.services.exports import report_export_build
from courses.services.notifications import notification_send, notifications_sweep
from courses.services.notifications.sending import SEND_TIME_LIMIT, RetryLater
from courses.services.recovery import stranded_work_sweep


@shared_task(name="courses.tasks.notifications_sweep_task")
def notifications_sweep_task() -> dict:
    """Record and queue every reminder due now (beat, every five minutes)."""
    result = notifications_sweep(now=timezone.now())
    return {"decided": result.decided_total, "queued": result.queued}


@shared_task(
    bind=True,
    name="courses.tasks.notification_send_task",
    # Hard limit: past it the worker kills the send, and SENDING_STALE_AFTER (above it)
    # lets the sweep take up a row a killed send left "sending".
    time_limit=int(SEND_TIME_LIMIT.total_seconds()),
    soft_time_limit=int(SEND_TIME_LIMIT.total_seconds()) - 20,
    # The service bounds the retries (RETRY_WINDOW, 24 hours), not a count here.
    max_retries=None,
)
def notification_send_task(self, *, delivery_id: int) -> str:
    """Send one ``NotificationDelivery`` (once, however often this message is delivered).

    After a transient failure the row records its next attempt; a short wait (minutes)
    the broker carries as this task's retry, a longer one the sweep picks up.
    """
    try:
        return notification_send(delivery_id=delivery_id, now=timezone.now())
    except RetryLater as later:
        raise self.retry(exc=later.error, countdown=later.wait.total_seconds()) from later


# --- certificates (the ``certificates`` queue: a burst of PDFs never delays a reminder) ---
# Storage errors (disk, network to S3) are the transient ones worth retrying; anything
# else is recorded on the certificate and caught up by the sweep.
STORAGE_ERRORS = (OSError,)
RETRY_STORAGE = {
    "autoretry_for": STORAGE_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
}


@shared_task(name="courses.tasks.certificate_issue_task", **RETRY_STORAGE)
def certificate_issue_task(*, enrolment_id: int) -> str:
    """Issue a completed enrolment's certificate and render it (each step once)."""
    return _render_issued(certificate_issue(enrolment_id=enrolment_id))


@shared_task(name="courses.tasks.participation_certificate_task", **RETRY_STORAGE)
def participation_certificate_task(*, registration_id: int) -> str:
    """Issue an attended webinar's participation certificate and render it (once)."""
    return _render_issued(participation_issue(registration_id=registration_id))


@shared_task(name="courses.tasks.programme_certificate_issue_task", **RETRY_STORAGE)
def programme_certificate_issue_task(*, programme_enrolment_id: int) -> str:
    """Issue a completed programme's certificate and render it (each step once)."""
    from courses.services.certificates import programme_certificate_issue

    return _render_issued(
        programme_certificate_issue(programme_enrolment_id=programme_enrolment_id)
    )


@shared_task(name="courses.tasks.programmes_evaluate_task")
def programmes_evaluate_task(*, enrolment_id: int) -> int:
    """After a course completion: complete the learner's programmes whose rule now holds."""
    from courses.services.programmes import programmes_evaluate_after_completion

    return programmes_evaluate_after_completion(enrolment_id=enrolment_id, now=timezone.now())


def _render_issued(result) -> str:
    if result.certificate is None:
        return result.reason
    return certificate_render(certificate_id=result.certificate.pk)


@shared_task(name="courses.tasks.certificate_render_task", **RETRY_STORAGE)
def certificate_render_task(*, certificate_id: int) -> str:
    return certificate_render(certificate_id=certificate_id)


@shared_task(name="courses.tasks.certificates_sweep_task")
def certificates_sweep_task() -> dict:
    """Catch up certificates whose messages were lost (beat, every five minutes)."""
    result = certificates_sweep()
    return {
        "issue": result.issue_queued,
        "participation": result.participation_queued,
        "render": result.render_queued,
    }


@shared_task(
    name="courses.tasks.certificate_archive_task",
    autoretry_for=STORAGE_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def certificate_archive_task(*, archive_id: int) -> str:
    return certificate_archive_build(archive_id=archive_id)


@shared_task(name="courses.tasks.stranded_work_sweep_task")
def stranded_work_sweep_task() -> dict:
    """Queue again lost or failed zips and exports, and certificates past their quick
    retries, within the retry window (beat, every five minutes)."""
    result = stranded_work_sweep(now=timezone.now())
    return {
        "archives": result.archives_queued,
        "exports": result.exports_queued,
        "renders": result.renders_queued,
    }


# --- report exports (the ``exports`` queue: a large spreadsheet never delays a reminder) ---


@shared_task(
    name="courses.tasks.report_export_task",
    autoretry_for=STORAGE_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def report_export_task(*, export_id: int) -> str:
    """Write one ``ReportExport``'s file and e-mail its link (once)."""
    return report_export_build(export_id=export_id, now=timezone.now())
