"""Coordinators' zip archives of an organisation's certificates."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import (
    Certificate,
    CertificateArchive,
    NotificationDelivery,
)
from courses.models.certificates import code_display
from courses.permissions import certificate_archive_policy
from courses.selectors.attribution import attributed_certificates
from courses.services.certificates.common import course_versions, version_in
from courses.services.certificates.render import certificate_pdf_bytes
from lms.models import Organisation, User


def archive_certificates(*, organisation_id: int, course_key):
    """The certificates a coordinator's zip holds: valid ones of the organisation's
    learners for the course (completion, and participation in its webinars)."""
    return (
        attributed_certificates([organisation_id], queryset=Certificate.objects.valid())
        .filter(course_key=course_key, learner_erased_at__isnull=True)
        .order_by("learner_name", "pk")
    )


def certificate_archive_request(
    *, by: User, organisation: Organisation, course_key, now: dt.datetime | None = None
) -> CertificateArchive:
    """Queue a zip of ``organisation``'s certificates for a course (coordinators of the
    organisation and the secretariat only)."""
    from courses.tasks import certificate_archive_task

    may_prepare = certificate_archive_policy.organisations_user_has_permission_for(by, "add")
    if not may_prepare.filter(pk=organisation.pk).exists():
        raise ValidationError(_("You do not coordinate this organisation."), code="not_allowed")
    pages = course_versions(course_key)
    if not pages:
        raise ValidationError(_("There is no such course."), code="unknown_course")
    total = archive_certificates(organisation_id=organisation.pk, course_key=course_key).count()
    if not total:
        raise ValidationError(
            _("No certificate has been issued to %(organisation)s's learners for this course yet.")
            % {"organisation": organisation.name},
            code="empty",
        )
    course = version_in(pages, translation.get_language() or settings.LANGUAGE_CODE)
    with transaction.atomic():
        archive = CertificateArchive.objects.create(
            requested_by=by,
            organisation=organisation,
            course_key=course_key,
            course_title=course.title,
            total=total,
            created_at=now or timezone.now(),
        )
        certificate_archive_task.delay_on_commit(archive_id=archive.pk)
    return archive


def _zip_entry_name(certificate: Certificate) -> str:
    import unicodedata

    name = unicodedata.normalize("NFC", certificate.learner_name or "certificate")
    name = (
        "".join(char for char in name if char.isalnum() or char in " -_.").strip() or "certificate"
    )
    kind = "" if certificate.kind == Certificate.Kind.COMPLETION else " (webinar)"
    # The code makes every name unique, even for two learners of the same name.
    return f"{name}{kind} {code_display(certificate.code)}.pdf"


PROGRESS_EVERY = 25


def certificate_archive_build(*, archive_id: int) -> str:
    """Build the zip (the task's work): PDFs as stored (rendered now if one is missing),
    progress saved as it goes, the file stored privately, and the requester e-mailed
    the link. Safe to repeat: a ready archive is left alone; an interrupted one is
    built again from the start."""
    from courses.services.notifications import notification_request

    archive = (
        CertificateArchive.objects.filter(pk=archive_id).select_related("requested_by").first()
    )
    if archive is None:
        return "missing"
    if archive.status == CertificateArchive.Status.READY:
        return "already ready"
    certificates = list(
        archive_certificates(organisation_id=archive.organisation_id, course_key=archive.course_key)
    )
    CertificateArchive.objects.filter(pk=archive.pk).update(
        status=CertificateArchive.Status.RUNNING, total=len(certificates), done=0, error=""
    )
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as bundle:
            for count, certificate in enumerate(certificates, start=1):
                if certificate.pdf:
                    with certificate.pdf.open("rb") as handle:
                        data = handle.read()
                else:
                    data = certificate_pdf_bytes(certificate)
                bundle.writestr(_zip_entry_name(certificate), data)
                if count % PROGRESS_EVERY == 0:
                    CertificateArchive.objects.filter(pk=archive.pk).update(done=count)
        name = archive.file.storage.save(
            f"archives/{archive.created_at:%Y/%m}/certificates-{archive.pk}.zip",
            ContentFile(buffer.getvalue()),
        )
    except Exception as error:
        CertificateArchive.objects.filter(pk=archive.pk).update(
            status=CertificateArchive.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    with transaction.atomic():
        CertificateArchive.objects.filter(pk=archive.pk).update(
            status=CertificateArchive.Status.READY,
            done=len(certificates),
            file=name,
            finished_at=timezone.now(),
        )
        notification_request(
            kind=NotificationDelivery.Kind.CERTIFICATE_ARCHIVE,
            recipient=archive.requested_by,
            subject_key=f"archive:{archive.pk}",
            slot="",
            urgent=True,
            organisation_id=archive.organisation_id,
        )
    return "ready"
