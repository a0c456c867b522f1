"""Issuing, rendering, revoking and re-issuing certificates; coordinators' zip archives.

Issuing is two steps, each safe to repeat, so that Celery may deliver a message twice
or lose a worker half-way:

1. ``certificate_issue`` inserts the certificate (the frozen copy of what it says, and
   a new code) under a unique constraint: one per enrolment (or webinar registration),
   ever. A second run, or a duplicate message, finds the row and goes on to step 2.
2. ``certificate_render`` locks the row, renders the PDF only if there is none yet,
   stores it privately and asks the reminders engine for the certificate e-mail, in
   the same transaction. A worker killed while rendering rolls back: the row stays
   without a PDF, and the message delivered again (or the sweep) renders it once.

``certificates_sweep`` (beat) catches up what a lost message left behind: completed
enrolments of certificate courses without a certificate, and certificates without a
PDF. Rendering errors are recorded on the row (``render_error``), shown to the
secretariat, and retried by the sweep.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import (
    Certificate,
    CertificateArchive,
    CoursePage,
    Enrolment,
    NotificationDelivery,
    WebinarPage,
    WebinarRegistration,
)
from courses.models.certificates import (  # noqa: F401 (the service's API too)
    CODE_ALPHABET,
    CODE_LENGTH,
    code_display,
    code_new,
    code_normalise,
)
from courses.permissions import certificate_archive_policy
from courses.selectors.attribution import attributed_certificates
from courses.selectors.learning import user_time_zone
from lms.models import Organisation, User
from lms.urls_absolute import absolute_url

logger = logging.getLogger(__name__)

# Pending work older than this is taken to have lost its message (the sweep re-queues it).
# Longer than the broker's visibility timeout (4 minutes): a message a crashed worker
# held comes back from the broker first (docs/reliability.md).
RENDER_REQUEUE_AFTER = dt.timedelta(minutes=5)


def verification_url(code: str) -> str:
    """The public address of a certificate's verification page (what its QR code holds)."""
    path = reverse("certificate_verify", args=[code_display(code)])
    return absolute_url(path)


# --- what a certificate says ----------------------------------------------------------------------


def _learner_language(user: User, fallback: str) -> str:
    """The learner's language if the platform speaks it, else ``fallback``."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = user.preferred_language
    if language in codes:
        return language
    return fallback if fallback in codes else settings.LANGUAGE_CODE


def _course_versions(course_key) -> list[CoursePage]:
    return list(
        CoursePage.objects.live()
        .filter(translation_key=course_key)
        .select_related("locale")
        .prefetch_related("host_organisations", "signatories")
        .order_by("pk")
    )


def _version_in(pages: list, language: str):
    """The page in ``language``, else the original (the oldest page of the set)."""
    for page in pages:
        if page.locale.language_code == language:
            return page
    return pages[0] if pages else None


def _hosts(organisations) -> list[dict]:
    return [{"id": org.pk, "name": org.name} for org in organisations]


def _local_date(moment: dt.datetime, user: User) -> dt.date:
    return moment.astimezone(user_time_zone(user)).date()


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
            return Certificate.objects.create(**lookup, **values), True
    except IntegrityError:
        return Certificate.objects.get(**lookup, supersedes__isnull=True), False


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
    pages = _course_versions(enrolment.course_key)
    original = pages[0] if pages else None
    if original is None:
        return IssueResult(None, False, "course not live")
    if not original.certificate_enabled:
        return IssueResult(None, False, "course issues no certificate")
    user = enrolment.user
    language = _learner_language(user, original.locale.language_code)
    course = _version_in(pages, language)
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
            "completed_on": _local_date(enrolment.completed_at, user),
            "hosts": _hosts(course.host_organisations.all()),
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
    language = _learner_language(user, webinar.locale.language_code)
    shown = _version_in(versions, language) or webinar
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
            "completed_on": _local_date(webinar.starts_at, user),
            "hosts": _hosts(hosts),
            "signatories": [],
            "issuer": settings.CERTIFICATE_ISSUER,
            "issued_at": now,
        },
    )
    return IssueResult(certificate, created)


# --- the PDF ------------------------------------------------------------------------------------


def _image_bytes(image, what: str) -> bytes | None:
    """A PNG rendition (at most 600 x 300) of a logo or signature, or None to go without."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition("max-600x300|format-png")
        with rendition.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        logger.warning("Image %s (%s) unreadable: left out of the certificate", image.pk, what)
        return None


def _logo_bytes(organisation: Organisation | None) -> bytes | None:
    return _image_bytes(organisation.logo if organisation else None, "logo")


def certificate_document(certificate: Certificate):
    """What the renderer draws, from the frozen copy on the row."""
    from wagtail.images import get_image_model

    from courses.services.certificate_pdf import CertificateDocument, HostLogo, Signatory

    organisations = Organisation.objects.select_related("logo").in_bulk(
        [host["id"] for host in certificate.hosts if host.get("id")]
    )
    # The signature images the course had at issue time, while they still exist.
    signatures = get_image_model().objects.in_bulk(
        [row["signature"] for row in certificate.signatories if row.get("signature")]
    )
    return CertificateDocument(
        kind=certificate.kind,
        language=certificate.language,
        learner_name=certificate.learner_name,
        title=certificate.title,
        hours=certificate.hours,
        minutes=certificate.minutes,
        completed_on=certificate.completed_on,
        hosts=tuple(
            HostLogo(name=host["name"], logo=_logo_bytes(organisations.get(host.get("id"))))
            for host in certificate.hosts
        ),
        signatories=tuple(
            Signatory(
                row["name"],
                row["title"],
                _image_bytes(signatures.get(row.get("signature")), "signature"),
            )
            for row in certificate.signatories
        ),
        code=code_display(certificate.code),
        verification_url=verification_url(certificate.code),
        issuer=certificate.issuer,
    )


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    from courses.services.certificate_pdf import render_certificate_pdf

    return render_certificate_pdf(certificate_document(certificate))


def _pdf_name(certificate: Certificate) -> str:
    return f"certificates/{certificate.issued_at:%Y/%m}/{certificate.code}.pdf"


def certificate_render(*, certificate_id: int, now: dt.datetime | None = None) -> str:
    """Step 2: render and store the PDF once, and ask for the certificate e-mail.

    Returns "rendered", "already rendered", "erased" or "missing". A rendering or storage
    error is recorded on the row (``render_error``, ``render_attempts``) and raised, for
    the task to retry; the sweep tries again later if retries run out."""
    from courses.services.notifications import notification_request

    now = now or timezone.now()
    failure: Exception | None = None
    with transaction.atomic():
        # Blocks a second message for the same certificate until this one is done:
        # it then finds the PDF and does nothing.
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=certificate_id)
            .first()
        )
        if certificate is None:
            return "missing"
        if certificate.pdf:
            return "already rendered"
        if certificate.learner_erased_at is not None:
            return "erased"
        certificate.render_attempts += 1
        try:
            data = certificate_pdf_bytes(certificate)
            name = certificate.pdf.storage.save(_pdf_name(certificate), ContentFile(data))
        except Exception as error:
            failure = error
            certificate.render_error = f"{type(error).__name__}: {error}"[:2000]
            certificate.save(update_fields=["render_error", "render_attempts"])
        else:
            certificate.pdf.name = name
            certificate.rendered_at = timezone.now()
            certificate.render_error = ""
            certificate.save(
                update_fields=["pdf", "rendered_at", "render_error", "render_attempts"]
            )
            if certificate.user_id is not None:
                notification_request(
                    kind=NotificationDelivery.Kind.CERTIFICATE,
                    recipient=certificate.user,
                    subject_key=f"certificate:{certificate.pk}",
                    slot="",
                    now=now,
                    urgent=True,
                    certificate=certificate,
                    organisation_id=certificate.organisation_id,
                )
    if failure is not None:
        raise failure
    return "rendered"


# --- queueing and the sweep -----------------------------------------------------------------------

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
    enrolments and attended webinars without their certificate, certificates without
    their PDF. Only work older than ``RENDER_REQUEUE_AFTER`` is taken: younger work may
    still have its message in flight."""
    from courses.tasks import certificate_issue_task, participation_certificate_task

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


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, by: User, reason: str, now: dt.datetime | None = None
) -> Certificate:
    """Revoke: the verification page says so, with the date and the reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("Say why the certificate is revoked."), code="required")
    certificate = _locked(certificate)
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate is already revoked."), code="revoked")
    certificate.revoked_at = now or timezone.now()
    certificate.revoked_reason = reason[:300]
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return certificate


@transaction.atomic
def certificate_reissue(
    *,
    certificate: Certificate,
    by: User,
    learner_name: str,
    now: dt.datetime | None = None,
) -> Certificate:
    """A corrected certificate (the learner's name, typically): a new code and a new PDF;
    the old certificate verifies as superseded. The learner is e-mailed the new one."""
    learner_name = " ".join(learner_name.split())
    if not learner_name:
        raise ValidationError(_("Give the name to print on the certificate."), code="required")
    certificate = _locked(certificate)
    if certificate.revoked_at is not None:
        raise ValidationError(_("A revoked certificate cannot be corrected."), code="revoked")
    if Certificate.objects.filter(supersedes=certificate).exists():
        raise ValidationError(
            _("This certificate was already corrected: correct the newest one."),
            code="superseded",
        )
    if certificate.learner_erased_at is not None or certificate.user_id is None:
        raise ValidationError(
            _("The learner deleted their account: there is nobody to issue it to."),
            code="erased",
        )
    now = now or timezone.now()
    copied = {
        field.attname: getattr(certificate, field.attname)
        for field in Certificate._meta.concrete_fields
        if not field.primary_key
    }
    copied.update(
        code=code_new(),
        learner_name=learner_name[:200],
        issued_at=now,
        pdf="",
        rendered_at=None,
        queued_at=None,
        render_attempts=0,
        render_error="",
        supersedes_id=certificate.pk,
    )
    try:
        with transaction.atomic():
            corrected = Certificate.objects.create(**copied)
    except IntegrityError as error:
        raise ValidationError(
            _("This certificate was already corrected: correct the newest one."),
            code="superseded",
        ) from error
    certificates_queue_render([corrected.pk])
    return corrected


@transaction.atomic
def certificate_pdf_lost(*, certificate: Certificate) -> None:
    """The stored PDF has gone (a restored backup, a storage mishap): render it again.
    The e-mail is not sent twice (its delivery row already exists)."""
    Certificate.objects.filter(pk=certificate.pk).update(pdf="", rendered_at=None)
    certificates_queue_render([certificate.pk])


def certificate_current(certificate: Certificate) -> Certificate:
    """The newest correction of ``certificate`` (itself if never corrected)."""
    seen = 0
    while seen < 100:
        newer = Certificate.objects.filter(supersedes=certificate).first()
        if newer is None:
            return certificate
        certificate, seen = newer, seen + 1
    return certificate


def learner_certificates_erase(*, user: User, now: dt.datetime | None = None) -> int:
    """A deleted account's certificates: the name and the PDF go; each still verifies,
    as issued to a deleted account, for whoever was shown it."""
    now = now or timezone.now()
    certificates = list(Certificate.objects.filter(user=user).only("pk", "pdf"))
    files = [certificate.pdf for certificate in certificates if certificate.pdf]

    def delete_files():  # once the erasure is committed: a rollback keeps them
        for file in files:
            file.storage.delete(file.name)

    transaction.on_commit(delete_files)
    return Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(
        user=None, learner_name="", pdf="", learner_erased_at=now
    )


# --- coordinators' zip archives ---------------------------------------------------------------


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
    pages = _course_versions(course_key)
    if not pages:
        raise ValidationError(_("There is no such course."), code="unknown_course")
    total = archive_certificates(organisation_id=organisation.pk, course_key=course_key).count()
    if not total:
        raise ValidationError(
            _("No certificate has been issued to %(organisation)s's learners for this course yet.")
            % {"organisation": organisation.name},
            code="empty",
        )
    course = _version_in(pages, translation.get_language() or settings.LANGUAGE_CODE)
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
