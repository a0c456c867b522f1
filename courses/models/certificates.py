"""Certificates: what a learner earned, frozen at issue time, and verifiable by anyone.

A certificate holds a copy of everything printed on it (the learner's name, the title,
hours, date, hosts, signatories): renaming the course or the person later changes
nothing already issued. Its code is the only thing the public needs to check it.

Exactly once: one completion certificate per enrolment, one participation
certificate per webinar registration and one programme certificate per programme
enrolment, ever — unique constraints on the first issue
(``supersedes`` empty). A correction is a new certificate with a new code that
``supersedes`` the old one, which then verifies as superseded; a certificate is
superseded at most once (``supersedes`` is one-to-one).

Rows are written by ``courses.services.certificates`` only.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# --- verification codes (what the public types or scans) ----------------------------------

#: Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 28  # 140 random bits
CODE_GROUP = 4


def code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


def code_display(code: str) -> str:
    """K7QF3M9T… → K7QF-3M9T-…: groups of four, for reading aloud."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def code_normalise(text: str) -> str | None:
    """A typed or scanned code in canonical form, or None if it cannot be one.

    Case, spaces and dashes do not matter; O is read as 0 and I or L as 1, as
    Crockford's base32 prescribes."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in cleaned):
        return None
    return cleaned


class _PrivateStorage(Storage):
    """The ``private`` storage, looked up at each use (so that a settings change, such
    as a test switching to S3, applies to fields declared at import time)."""

    def __getattribute__(self, name):
        return getattr(storages["private"], name)


def private_storage():
    """Where PDFs and archives live: never under MEDIA_URL; served by views that check."""
    return _PrivateStorage()


class CertificateQuerySet(models.QuerySet):
    def valid(self) -> CertificateQuerySet:
        return self.filter(revoked_at__isnull=True, superseded_by__isnull=True)


class Certificate(models.Model):
    class Kind(models.TextChoices):
        COMPLETION = "completion", _("Course completion")
        PARTICIPATION = "participation", _("Webinar participation")
        PROGRAMME = "programme", _("Programme completion")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Canonical form: 28 characters of Crockford's base32 (140 random bits), no dashes.
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    registration = models.ForeignKey(
        "courses.WebinarRegistration",
        verbose_name=_("webinar registration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # Who may download it (with their coordinators and the secretariat). Empty once the
    # learner deleted their account: the certificate then verifies as issued to a
    # deleted account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    programme_enrolment = models.ForeignKey(
        "courses.ProgrammeEnrolment",
        verbose_name=_("programme enrolment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course_key = models.UUIDField(_("course"), null=True, blank=True, db_index=True)
    programme_key = models.UUIDField(_("programme"), null=True, blank=True)
    webinar_key = models.UUIDField(_("webinar"), null=True, blank=True)

    # --- as printed, frozen at issue time ---
    language = models.CharField(_("language"), max_length=8)
    learner_name = models.CharField(_("learner's name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=255)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"))
    hosts = models.JSONField(_("host organisations"), default=list, blank=True)
    # A programme certificate's courses, as printed: [{"title": …, "hours": "…"}].
    courses = models.JSONField(_("courses"), default=list, blank=True)
    signatories = models.JSONField(_("signatories"), default=list, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200)

    issued_at = models.DateTimeField(_("issued at"))
    pdf = models.FileField(_("PDF"), storage=private_storage, max_length=200, blank=True)
    rendered_at = models.DateTimeField(_("PDF made at"), null=True, blank=True)
    # When a render task was last queued: a certificate without a PDF queued long ago
    # lost its message, and the sweep queues it again.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    render_attempts = models.PositiveSmallIntegerField(_("render attempts"), default=0)
    render_error = models.TextField(_("last rendering error"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    learner_erased_at = models.DateTimeField(_("learner account deleted"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(supersedes__isnull=True, enrolment__isnull=False),
                name="courses_certificate_once_per_enrolment",
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(supersedes__isnull=True, registration__isnull=False),
                name="courses_certificate_once_per_registration",
            ),
            models.UniqueConstraint(
                fields=["programme_enrolment"],
                condition=Q(supersedes__isnull=True, programme_enrolment__isnull=False),
                name="courses_certificate_once_per_programme_enrolment",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="completion",
                        enrolment__isnull=False,
                        registration__isnull=True,
                        programme_enrolment__isnull=True,
                    )
                    | Q(
                        kind="participation",
                        registration__isnull=False,
                        enrolment__isnull=True,
                        programme_enrolment__isnull=True,
                    )
                    | Q(
                        kind="programme",
                        programme_enrolment__isnull=False,
                        enrolment__isnull=True,
                        registration__isnull=True,
                    )
                ),
                name="courses_certificate_kind_matches_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "course_key"], name="courses_cert_org_course"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.learner_name or _('deleted account')} · {self.display_code}"

    @property
    def display_code(self) -> str:
        """The code in groups of four, for reading aloud and typing: K7QF-3M9T-…"""
        return code_display(self.code)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class CertificateArchive(models.Model):
    """A coordinator's zip of their organisation's certificates for one course."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", pgettext_lazy("zip file status", "Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="certificate_archives",
    )
    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="certificate_archives",
    )
    course_key = models.UUIDField(_("course"))
    course_title = models.CharField(_("course"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("certificates"), default=0)
    done = models.PositiveIntegerField(_("certificates added"), default=0)
    file = models.FileField(_("zip file"), storage=private_storage, max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate archive")
        verbose_name_plural = _("certificate archives")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.course_title} · {self.created_at:%Y-%m-%d}"

    @property
    def progress_percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
