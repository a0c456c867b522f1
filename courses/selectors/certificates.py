"""Reading certificates: who may download one, what the public verification says, and
the lists on the dashboard, the progress report and the coordinators' download page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from courses.models import Certificate, CertificateArchive, CoursePage
from courses.models.certificates import code_display, code_normalise
from courses.permissions import certificate_archive_policy, certificate_policy, is_superseded
from courses.selectors.attribution import attributed_certificates
from lms.models import Organisation, User


def certificate_by_code(code: str) -> Certificate | None:
    canonical = code_normalise(code)
    if canonical is None:
        return None
    return Certificate.objects.select_related("superseded_by").filter(code=canonical).first()


def certificate_can_download(*, user: User, certificate: Certificate) -> bool:
    """The learner, coordinators of the organisation it was issued under, and the
    secretariat; a revoked or superseded certificate's PDF only to the secretariat
    (``courses.permissions.certificate_policy``)."""
    return certificate_policy.user_has_permission_for_instance(user, "view", certificate)


@dataclass(frozen=True)
class Verification:
    """What the public verification page may say: nothing more."""

    status: str  # "valid", "revoked" or "superseded"
    kind: str
    learner_name: str  # "" when the learner deleted their account
    learner_deleted: bool
    title: str
    completed_on: dt.date
    issued_at: dt.datetime
    issuer: str
    code: str
    revoked_at: dt.datetime | None
    revoked_reason: str
    superseded_at: dt.datetime | None
    courses: tuple[str, ...] = ()  # a programme certificate's courses, as printed


def certificate_verification(certificate: Certificate) -> Verification:
    superseded_at = None
    if is_superseded(certificate):
        superseded_at = certificate.superseded_by.issued_at
    if certificate.revoked_at is not None:
        status = "revoked"
    elif superseded_at is not None:
        status = "superseded"
    else:
        status = "valid"
    return Verification(
        status=status,
        kind=certificate.kind,
        learner_name=certificate.learner_name,
        learner_deleted=certificate.learner_erased_at is not None,
        title=certificate.title,
        completed_on=certificate.completed_on,
        issued_at=certificate.issued_at,
        issuer=certificate.issuer,
        code=code_display(certificate.code),
        revoked_at=certificate.revoked_at,
        revoked_reason=certificate.revoked_reason,
        superseded_at=superseded_at,
        courses=tuple(row["title"] for row in certificate.courses),
    )


def learner_certificates(user: User) -> list[Certificate]:
    """A learner's certificates for the dashboard: the valid ones and revoked ones (so
    that a revocation is not a silent disappearance), newest first; superseded ones are
    replaced by their correction."""
    return list(
        Certificate.objects.filter(user=user, superseded_by__isnull=True).order_by(
            "-issued_at", "-pk"
        )
    )


def certificates_by_enrolment(enrolment_ids) -> dict[int, Certificate]:
    """The current (valid, newest) completion certificate of each enrolment."""
    rows = (
        Certificate.objects.valid()
        .filter(enrolment_id__in=list(enrolment_ids))
        .only("pk", "code", "enrolment_id", "issued_at", "kind")
    )
    return {row.enrolment_id: row for row in rows}


@dataclass(frozen=True)
class CourseCertificates:
    course_key: object
    title: str
    count: int


def organisation_certificate_courses(
    organisation: Organisation, language: str
) -> list[CourseCertificates]:
    """The courses for which ``organisation``'s learners hold valid certificates."""
    counts = (
        attributed_certificates([organisation], queryset=Certificate.objects.valid())
        .filter(course_key__isnull=False, learner_erased_at__isnull=True)
        .values("course_key")
        .annotate(count=Count("pk"))
    )
    keys = {row["course_key"]: row["count"] for row in counts}
    titles: dict = {}
    for key, title, code in (
        CoursePage.objects.filter(translation_key__in=keys)
        .order_by("-pk")
        .values_list("translation_key", "title", "locale__language_code")
    ):
        if key not in titles or code == language:
            titles[key] = title
    return sorted(
        (CourseCertificates(key, titles.get(key, str(key)), count) for key, count in keys.items()),
        key=lambda row: row.title.casefold(),
    )


def archives_for(user: User) -> list[CertificateArchive]:
    """The zips listed on a person's downloads page (``certificate_archive_policy``)."""
    archives = certificate_archive_policy.instances_user_has_permission_for(user, "view")
    return list(archives.select_related("organisation", "requested_by")[:50])


def archive_can_download(*, user: User, archive: CertificateArchive) -> bool:
    return certificate_archive_policy.user_has_permission_for_instance(user, "view", archive)
