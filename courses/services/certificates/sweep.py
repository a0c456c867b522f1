"""The beat sweep: catch up what a lost message left behind (completed enrolments
without a certificate, certificates without a PDF)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from courses.models import (
    Certificate,
    CoursePage,
    Enrolment,
    WebinarPage,
    WebinarRegistration,
)
from courses.services.certificates.common import RENDER_REQUEUE_AFTER

MAX_RENDER_ATTEMPTS = 10
# At most this many of each kind of work per sweep: after a long outage (or when the
# feature is switched on over years of completions) the backlog is queued a slice at a
# time, rather than all of it every five minutes while the workers catch up.
SWEEP_LIMIT = 500


def certificates_queue_render(ids) -> None:
    """Queue a render task per certificate after commit, stamping when."""
    from courses.tasks import certificate_render_task

    ids = list(ids)
    if not ids:
        return
    Certificate.objects.filter(pk__in=ids).update(queued_at=timezone.now())
    for pk in ids:
        certificate_render_task.delay_on_commit(certificate_id=pk)


@dataclass
class CertificateSweep:
    issue_queued: int = 0
    participation_queued: int = 0
    programme_queued: int = 0
    render_queued: int = 0


def _certificate_course_keys() -> set:
    """Courses whose (original) page issues certificates."""
    keys: dict = {}
    for key, enabled in (
        CoursePage.objects.live()
        .order_by("-pk")
        .values_list("translation_key", "certificate_enabled")
    ):
        keys[key] = enabled  # the oldest page (the original) is read last and wins
    return {key for key, enabled in keys.items() if enabled}


def _certificate_webinar_ids() -> list[int]:
    """Webinars that give participation certificates (their own choice or their course's)."""
    course_paths = list(
        CoursePage.objects.filter(webinar_participation_certificates=True).values_list(
            "path", flat=True
        )
    )
    condition = Q(participation_certificate=True)
    for path in course_paths:
        condition |= Q(path__startswith=path)
    return list(WebinarPage.objects.filter(condition).values_list("pk", flat=True))


def certificates_sweep(*, now: dt.datetime | None = None) -> CertificateSweep:
    """Catch up what lost messages left behind (beat, every five minutes): completed
    enrolments, attended webinars and completed programmes without their certificate,
    certificates without their PDF. Only work older than ``RENDER_REQUEUE_AFTER`` is
    taken: younger work may still have its message in flight."""
    from courses.services.certificates.programmes import (
        programme_enrolments_without_certificate,
    )
    from courses.tasks import (
        certificate_issue_task,
        participation_certificate_task,
        programme_certificate_issue_task,
    )

    now = now or timezone.now()
    before = now - RENDER_REQUEUE_AFTER
    result = CertificateSweep()
    first_issue = Certificate.objects.filter(supersedes__isnull=True)
    enrolments = (
        Enrolment.objects.filter(
            status=Enrolment.Status.COMPLETED,
            user__isnull=False,
            completed_at__lt=before,
            course_key__in=_certificate_course_keys(),
        )
        .filter(~Exists(first_issue.filter(enrolment=OuterRef("pk"))))
        .order_by("completed_at")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    for pk in enrolments:
        # Through lms.queueing (no transaction is open, so at once): a broker outage
        # leaves the rest for the next sweep instead of failing this one.
        certificate_issue_task.delay_on_commit(enrolment_id=pk)
        result.issue_queued += 1
    registrations = (
        WebinarRegistration.objects.filter(
            attended=True,
            attendance_recorded_at__lt=before,
            webinar_id__in=_certificate_webinar_ids(),
        )
        .filter(~Exists(first_issue.filter(registration=OuterRef("pk"))))
        .order_by("attendance_recorded_at")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    for pk in registrations:
        participation_certificate_task.delay_on_commit(registration_id=pk)
        result.participation_queued += 1
    for pk in programme_enrolments_without_certificate(before=before, limit=SWEEP_LIMIT):
        programme_certificate_issue_task.delay_on_commit(programme_enrolment_id=pk)
        result.programme_queued += 1
    unrendered = Certificate.objects.filter(
        pdf="",
        learner_erased_at__isnull=True,
        render_attempts__lt=MAX_RENDER_ATTEMPTS,
        issued_at__lt=before,
    ).filter(Q(queued_at__isnull=True) | Q(queued_at__lt=before))
    ids = list(unrendered.order_by("issued_at").values_list("pk", flat=True)[:SWEEP_LIMIT])
    with transaction.atomic():
        certificates_queue_render(ids)
    result.render_queued = len(ids)
    return result


# --- the secretariat's corrections ----------------------------------------------------------------
