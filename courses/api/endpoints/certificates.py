"""Certificates: list (incremental), one, and its PDF."""

from __future__ import annotations

import logging
from typing import Any

from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from courses.api.endpoints.common import READ_PROBLEMS, PageParams, person
from courses.api.pagination import cursor_page
from courses.api.problems import ApiProblem, Problem
from courses.api.schemas import Certificate as CertificateOut
from courses.api.schemas import CertificatePage
from courses.api.selectors import api_certificates
from courses.badges.services import credential_issue
from courses.models import Certificate
from courses.models.certificates import code_display, code_normalise
from courses.services.certificates import certificate_pdf_lost, verification_url
from lms.urls_absolute import absolute_url

logger = logging.getLogger(__name__)
router = Router(tags=["certificates"])


def _certificate(certificate: Certificate) -> dict:
    code = code_display(certificate.code)
    return {
        "code": code,
        "kind": certificate.kind,
        "learner": person(certificate.user),
        "enrolment_id": certificate.enrolment_id,
        "course_key": certificate.course_key,
        "title": certificate.title,
        "language": certificate.language,
        "completed_on": certificate.completed_on,
        "issued_at": certificate.issued_at,
        "pdf_ready": bool(certificate.pdf),
        "pdf_url": absolute_url(reverse("api-v1:certificate_pdf", args=[code])),
        "verification_url": verification_url(certificate.code),
        "credential_url": absolute_url(reverse("api-v1:certificate_credential", args=[code])),
    }


def _find(request, code: str) -> Certificate:
    certificate = (
        api_certificates(token=request.auth).filter(code=code_normalise(code)).first()
        if code_normalise(code)
        else None
    )
    if certificate is None:
        raise ApiProblem(404, _("Your organisation has no valid certificate with this code."))
    return certificate


@router.get(
    "/certificates", response={200: CertificatePage, **READ_PROBLEMS}, summary="List certificates"
)
def list_certificates(request, params: Query[PageParams]):
    """Valid certificates counted for the organisation (neither revoked nor replaced),
    ordered by issue time; ``updated_since`` filters on it. Scope: read."""
    rows, next_cursor = cursor_page(
        api_certificates(token=request.auth),
        field="issued_at",
        cursor=params.cursor,
        updated_since=params.updated_since,
        limit=params.limit,
    )
    return {"items": [_certificate(c) for c in rows], "next_cursor": next_cursor}


@router.get(
    "/certificates/{code}",
    response={200: CertificateOut, **READ_PROBLEMS},
    summary="One certificate",
)
def get_certificate(request, code: str):
    """One certificate by its verification code (with or without dashes). Scope: read."""
    return _certificate(_find(request, code))


@router.get(
    "/certificates/{code}/pdf",
    response={200: None, 503: Problem, **READ_PROBLEMS},
    url_name="certificate_pdf",
    summary="A certificate's PDF",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The PDF.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def certificate_pdf(request, code: str):
    """The certificate's PDF (``application/pdf``). While it is being made, 503 with
    Retry-After. Scope: read."""
    certificate = _find(request, code)
    handle = None
    if certificate.pdf:
        try:
            handle = certificate.pdf.open("rb")
        except FileNotFoundError:
            logger.error("The PDF of certificate %s is missing from storage", certificate.pk)
            certificate_pdf_lost(certificate=certificate)
    if handle is None:
        raise ApiProblem(
            503,
            _("The PDF is being made. Retry in a minute."),
            slug="pdf-pending",
            headers={"Retry-After": "60"},
        )
    response = FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"certificate-{code_display(certificate.code)}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@router.get(
    "/certificates/{code}/credential",
    response={200: dict[str, Any], **READ_PROBLEMS},
    url_name="certificate_credential",
    summary="A certificate's Open Badges credential",
)
def certificate_credential(request, code: str):
    """The certificate's Open Badges 3.0 credential (JSON, as the learner downloads it: the
    credential with its compact JWS as ``proof.jwt``), signed the first time it is asked
    for. Scope: read."""
    credential = credential_issue(certificate=_find(request, code), now=timezone.now())
    return {**credential.payload, "proof": {"type": "JwtProof2020", "jwt": credential.jws}}
