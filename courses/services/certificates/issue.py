"""Issuing (step 1): insert the certificate once per enrolment or webinar registration,
under a unique constraint, so that a duplicate message finds the row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses import events
from courses.models import (
    Certificate,
    CoursePage,
    Enrolment,
    WebinarPage,
    WebinarRegistration,
)
from courses.models.certificates import code_new
from courses.services.certificates.common import (
    certificate_hosts,
    course_versions,
    learner_language,
    local_date,
    version_in,
)


@dataclass(frozen=True)
class IssueResult:
    certificate: Certificate | None
    created: bool
    reason: str = ""


def _insert_once(lookup: dict, values: dict) -> tuple[Certificate, bool]:
    """Insert unless the first certificate for ``lookup`` exists; a concurrent insert
    waits on the unique index and then finds the winner's row."""
    existing = Certificate.objects.filter(**lookup, supersedes__isnull=True).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(**lookup, **values)
    except IntegrityError:
        return Certificate.objects.get(**lookup, supersedes__isnull=True), False
    events.send_on_commit(events.certificate_issued, Certificate, certificate_id=certificate.pk)
    return certificate, True


# The same first step for the programme certificate (``certificates.programmes``).
certificate_insert_once = _insert_once


def certificate_issue(*, enrolment_id: int, now: dt.datetime | None = None) -> IssueResult:
    """Step 1 for a completed enrolment: the certificate row, once (see the module doc)."""
    now = now or timezone.now()
    enrolment = (
        Enrolment.objects.select_related("user", "organisation").filter(pk=enrolment_id).first()
    )
    if enrolment is None:
        return IssueResult(None, False, "no such enrolment")
    if enrolment.status != Enrolment.Status.COMPLETED or enrolment.user is None:
        return IssueResult(None, False, f"enrolment {enrolment.status}")
    pages = course_versions(enrolment.course_key)
    original = pages[0] if pages else None
    if original is None:
        return IssueResult(None, False, "course not live")
    if not original.certificate_enabled:
        return IssueResult(None, False, "course issues no certificate")
    user = enrolment.user
    language = learner_language(user, original.locale.language_code)
    course = version_in(pages, language)
    certificate, created = _insert_once(
        {"enrolment": enrolment},
        {
            "kind": Certificate.Kind.COMPLETION,
            "code": code_new(),
            "user": user,
            "organisation": enrolment.organisation,
            "course_key": enrolment.course_key,
            "language": language,
            "learner_name": user.full_name,
            "title": course.title,
            "hours": course.effort_hours,
            "completed_on": local_date(enrolment.completed_at, user),
            "hosts": certificate_hosts(course.host_organisations.all()),
            "signatories": [
                {"name": row.name, "title": row.title}
                | ({"signature": row.signature_id} if row.signature_id else {})
                for row in course.signatories.all()
            ],
            "issuer": settings.CERTIFICATE_ISSUER,
            "issued_at": now,
        },
    )
    return IssueResult(certificate, created)


def webinar_gives_certificate(webinar: WebinarPage) -> bool:
    """Participation certificates: enabled on the webinar, or on its course for all of
    the course's webinars."""
    if webinar.participation_certificate:
        return True
    parent = webinar.get_parent().specific_deferred
    return isinstance(parent, CoursePage) and parent.webinar_participation_certificates


def participation_issue(*, registration_id: int, now: dt.datetime | None = None) -> IssueResult:
    """Step 1 for a webinar attended: the participation certificate row, once."""
    now = now or timezone.now()
    registration = (
        WebinarRegistration.objects.select_related("user", "webinar", "webinar__locale")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return IssueResult(None, False, "no such registration")
    if not registration.attended:
        return IssueResult(None, False, "not attended")
    webinar = registration.webinar
    if not webinar_gives_certificate(webinar):
        return IssueResult(None, False, "webinar issues no certificate")
    user = registration.user
    versions = list(
        WebinarPage.objects.live()
        .filter(translation_key=webinar.translation_key)
        .select_related("locale")
        .order_by("pk")
    )
    language = learner_language(user, webinar.locale.language_code)
    shown = version_in(versions, language) or webinar
    course = webinar.get_parent().specific_deferred
    hosts = course.host_organisations.all() if isinstance(course, CoursePage) else []
    membership = user.memberships.active().select_related("organisation").first()
    certificate, created = _insert_once(
        {"registration": registration},
        {
            "kind": Certificate.Kind.PARTICIPATION,
            "code": code_new(),
            "user": user,
            "organisation": membership.organisation if membership else None,
            "webinar_key": webinar.translation_key,
            "course_key": course.translation_key if isinstance(course, CoursePage) else None,
            "language": language,
            "learner_name": user.full_name,
            "title": shown.title,
            "minutes": registration.attended_minutes,
            "completed_on": local_date(webinar.starts_at, user),
            "hosts": certificate_hosts(hosts),
            "signatories": [],
            "issuer": settings.CERTIFICATE_ISSUER,
            "issued_at": now,
        },
    )
    return IssueResult(certificate, created)


# --- the PDF ------------------------------------------------------------------------------------
