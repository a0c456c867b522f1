"""Badges follow the certificates: a new certificate gets its credential, and a revoked or
corrected one sets its bit in the published status list (courses.events, after commit)."""

from __future__ import annotations

import logging

from django.dispatch import receiver
from django.utils import timezone

from courses import events
from courses.badges.services import credential_issue, credential_status_changed
from courses.models import Certificate

log = logging.getLogger(__name__)


@receiver(events.certificate_issued, dispatch_uid="badges.issue")
def issue_credential(sender, certificate_id: int, **kwargs) -> None:
    """Sign the badge beside the certificate (a few milliseconds, off the PDF's path: the
    PDF is drawn by its own task). A failure here loses nothing: the badge is made on
    its first download instead (credential_issue is idempotent)."""
    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None or certificate.is_revoked:
        return
    try:
        credential_issue(certificate=certificate, now=timezone.now())
    except Exception:
        log.exception(
            "Badge for certificate %s not signed; it will be on download.", certificate_id
        )


@receiver(events.certificate_revoked, dispatch_uid="badges.status")
def publish_status(sender, certificate_id: int, **kwargs) -> None:
    credential_status_changed(certificate_id=certificate_id, now=timezone.now())
