"""Revoking, re-issuing and forgetting certificates; which one is current."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import events
from courses.models import Certificate
from courses.models.certificates import code_new
from courses.services.certificates.sweep import certificates_queue_render
from lms.models import User


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
    events.send_on_commit(events.certificate_revoked, Certificate, certificate_id=certificate.pk)
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
    # For the outside world the superseded certificate is no longer valid: revoked.
    events.send_on_commit(events.certificate_revoked, Certificate, certificate_id=certificate.pk)
    events.send_on_commit(events.certificate_issued, Certificate, certificate_id=corrected.pk)
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
