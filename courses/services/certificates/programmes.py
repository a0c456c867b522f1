"""Issuing (step 1) for a completed programme: the programme certificate row, once per
programme enrolment (unique constraint), naming the programme and its courses in the
learner's language. Rendering, the e-mail, verification, revocation and the sweep are
the same as for course certificates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from courses.models import Certificate, ProgrammeEnrolment, ProgrammePage
from courses.models.certificates import code_new
from courses.selectors.programmes import (
    course_pages_in_language,
    programme_hours,
    programme_structure,
)
from courses.services.certificates.common import (
    certificate_hosts,
    learner_language,
    local_date,
    version_in,
)
from courses.services.certificates.issue import IssueResult, certificate_insert_once


def programme_certificate_issue(
    *, programme_enrolment_id: int, now: dt.datetime | None = None
) -> IssueResult:
    """Step 1 for a completed programme enrolment (see the module doc)."""
    now = now or timezone.now()
    enrolment = (
        ProgrammeEnrolment.objects.select_related("user", "organisation")
        .filter(pk=programme_enrolment_id)
        .first()
    )
    if enrolment is None:
        return IssueResult(None, False, "no such programme enrolment")
    if enrolment.status != ProgrammeEnrolment.Status.COMPLETED or enrolment.user is None:
        return IssueResult(None, False, f"programme enrolment {enrolment.status}")
    versions = list(
        ProgrammePage.objects.live()
        .filter(translation_key=enrolment.programme_key)
        .select_related("locale")
        .prefetch_related("host_organisations")
        .order_by("pk")
    )
    if not versions:
        return IssueResult(None, False, "programme not live")
    if not versions[0].certificate_enabled:
        return IssueResult(None, False, "programme issues no certificate")
    user = enrolment.user
    language = learner_language(user, versions[0].locale.language_code)
    programme = version_in(versions, language)
    structure = programme_structure(programme_key=enrolment.programme_key)
    keys = [key for key, _required in structure.courses]
    pages = course_pages_in_language(keys, language)
    courses = [
        {"key": str(key), "title": pages[key].title}
        for key, _required in structure.courses
        if key in pages
    ]
    efforts = {key: page.effort_hours for key, page in pages.items()}
    certificate, created = certificate_insert_once(
        {"programme_enrolment": enrolment},
        {
            "kind": Certificate.Kind.PROGRAMME,
            "code": code_new(),
            "user": user,
            "organisation": enrolment.organisation,
            "programme_key": enrolment.programme_key,
            "language": language,
            "learner_name": user.full_name,
            "title": programme.title,
            "hours": programme_hours(structure, efforts),
            "courses": courses,
            "completed_on": local_date(enrolment.completed_at, user),
            "hosts": certificate_hosts(programme.host_organisations.all()),
            "signatories": [],
            "issuer": settings.CERTIFICATE_ISSUER,
            "issued_at": now,
        },
    )
    return IssueResult(certificate, created)


def programme_enrolments_without_certificate(*, before: dt.datetime, limit: int):
    """Completed programme enrolments older than ``before`` with no certificate, of
    programmes that give one, for the sweep."""
    enabled: dict = {}
    for key, on in (
        ProgrammePage.objects.live()
        .order_by("-pk")
        .values_list("translation_key", "certificate_enabled")
    ):
        enabled[key] = on  # the original (oldest) page is read last and wins
    first_issue = Certificate.objects.filter(supersedes__isnull=True)
    return (
        ProgrammeEnrolment.objects.filter(
            programme_key__in=[key for key, on in enabled.items() if on],
            status=ProgrammeEnrolment.Status.COMPLETED,
            user__isnull=False,
            completed_at__lt=before,
        )
        .filter(~Exists(first_issue.filter(programme_enrolment=OuterRef("pk"))))
        .order_by("completed_at")
        .values_list("pk", flat=True)[:limit]
    )
