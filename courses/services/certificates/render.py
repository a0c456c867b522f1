"""Rendering (step 2): lock the row, draw the PDF once, store it privately and ask the
reminders engine for the certificate e-mail, in the same transaction."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from courses.models import (
    Certificate,
    NotificationDelivery,
)
from courses.models.certificates import code_display
from courses.services.certificates.common import verification_url
from lms.models import Organisation

logger = logging.getLogger(__name__)


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

    from courses.services.certificate_pdf import (
        CertificateDocument,
        HostLogo,
        Signatory,
    )

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
        courses=tuple(row["title"] for row in certificate.courses),
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
