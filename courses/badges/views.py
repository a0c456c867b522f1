"""Badges for people: the learner's downloads and LinkedIn link, and checking a badge.

- ``/<lang>/learn/certificates/<code>/badge.json|.png|.svg``: the certificate's Open Badges
  3.0 credential as a file, or baked into its picture (courses.badges.baking), to the
  certificate's learner only (anyone else: 404, as if there were no such certificate). A
  revoked or corrected certificate has no badge: the page says why (410).
- ``/<lang>/learn/certificates/<code>/badge/linkedin/``: a redirect to LinkedIn's
  add-certification form, filled in (courses.badges.linkedin); a redirect so that the
  dashboard costs no query for it.
- ``/verify/credential/`` (no language prefix, beside ``/verify/``): a badge pasted or
  uploaded, checked by ``courses.badges.verification.verify_credential``. POST with CSRF,
  never cached, and counted against the same per-client limit as code lookups.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from courses.badges import baking, images
from courses.badges.forms import CredentialForm
from courses.badges.linkedin import linkedin_add_url
from courses.badges.models import BadgeIssuerSettings, CourseBadge
from courses.badges.services import credential_issue
from courses.badges.verification import verify_credential
from courses.models import Certificate
from courses.permissions import is_superseded
from courses.selectors.certificates import certificate_by_code
from courses.services.certificates.common import verification_url
from courses.views.certificates import RATE_GROUP
from lms.accounts.backends import login_throttle_client_ip

FORMATS = {
    "json": "application/json",
    "png": "image/png",
    "svg": "image/svg+xml",
}


def _own_certificate(request: HttpRequest, code: str) -> Certificate | HttpResponse:
    """The certificate if it is the visitor's and current; else the refusal to return."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = certificate_by_code(code)
    if certificate is None or certificate.user_id != request.user.pk:
        raise Http404
    superseded = is_superseded(certificate)
    if certificate.is_revoked or superseded:
        return render(
            request,
            "courses/badges/badge_unavailable.html",
            {"certificate": certificate, "superseded": superseded},
            status=410,
        )
    return certificate


def _face(certificate: Certificate) -> images.BadgeFace:
    badge = None
    if certificate.course_key:
        badge = (
            CourseBadge.objects.filter(course_key=certificate.course_key)
            .select_related("image")
            .first()
        )
    image = badge.image if badge is not None else None
    return images.BadgeFace(
        title=certificate.title,
        hours=certificate.hours,
        image_id=image.pk if image else None,
        image_stamp=image.file_hash or image.file.name if image else "",
    )


def _file(content: bytes | str, *, fmt: str, code: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="gsef-badge-{code}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if fmt == "svg":  # opened directly, an SVG is a document: let it run nothing
        response["Content-Security-Policy"] = "default-src 'none'; img-src data:; sandbox"
    return response


def credential_document(credential) -> dict:
    """The .json download: the signed credential as OB 3.0 §5.1 hands one over as a file
    (its JSON), with the compact JWS that proves it (VC-JWT) beside it."""
    return {**credential.payload, "proof": {"type": "JwtProof2020", "jwt": credential.jws}}


@never_cache
def badge_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    certificate = _own_certificate(request, code)
    if isinstance(certificate, HttpResponse):
        return certificate
    credential = credential_issue(certificate=certificate, now=timezone.now())
    display = certificate.display_code
    if fmt == "json":
        body = json.dumps(credential_document(credential), ensure_ascii=False, indent=2)
        return _file(body.encode("utf-8"), fmt=fmt, code=display)
    face = _face(certificate)
    if fmt == "png":
        return _file(baking.bake_png(images.badge_png(face), credential.jws), fmt=fmt, code=display)
    return _file(baking.bake_svg(images.badge_svg(face), credential.jws), fmt=fmt, code=display)


@never_cache
def badge_linkedin(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _own_certificate(request, code)
    if isinstance(certificate, HttpResponse):
        return certificate
    credential = credential_issue(certificate=certificate, now=timezone.now())
    issuer = BadgeIssuerSettings.load().name or certificate.issuer
    valid_until = credential.valid_until
    return redirect(
        linkedin_add_url(
            name=certificate.title,
            organisation=issuer,
            issued_on=timezone.localdate(certificate.issued_at),
            verification_url=verification_url(certificate.code),
            code=certificate.display_code,
            expires_on=timezone.localdate(valid_until) if valid_until else None,
        )
    )


def _issuer_name(credential: dict | None) -> str:
    issuer = (credential or {}).get("issuer")
    if isinstance(issuer, dict):
        name = issuer.get("name")
        return name if isinstance(name, str) else ""
    return ""


def _valid_until(credential: dict | None):
    value = (credential or {}).get("validUntil") or (credential or {}).get("expirationDate")
    moment = parse_datetime(value) if isinstance(value, str) else None
    return timezone.localdate(moment) if moment and timezone.is_aware(moment) else None


def _over_limit(request: HttpRequest) -> bool:
    """Count this check in the code lookups' budget (same group, key and rate): a badge
    names a certificate as a code does, so checking badges is no way around the limit."""
    return is_ratelimited(
        request,
        group=RATE_GROUP,
        key=lambda _group, request: login_throttle_client_ip(request),
        rate=lambda _group, _request: (
            settings.CERTIFICATE_VERIFY_RATE,
            settings.CERTIFICATE_VERIFY_WINDOW,
        ),
        increment=True,
    )


def _rate_limited(request: HttpRequest) -> HttpResponse:
    minutes = max(1, settings.CERTIFICATE_VERIFY_WINDOW // 60)
    response = render(request, "certificates/verify_limited.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(settings.CERTIFICATE_VERIFY_WINDOW)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def verify_credential_page(request: HttpRequest) -> HttpResponse:
    """Check a pasted or uploaded badge; the result says in plain words what was found."""
    if request.method == "GET":
        return render(
            request, "courses/badges/verify_credential.html", {"credential_form": CredentialForm()}
        )
    if _over_limit(request):
        return _rate_limited(request)
    form = CredentialForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request, "courses/badges/verify_credential.html", {"credential_form": form}, status=400
        )
    verification = verify_credential(form.cleaned_data["found"], now=timezone.now())
    response = render(
        request,
        "courses/badges/verify_credential_result.html",
        {
            "verification": verification,
            "issuer": _issuer_name(verification.credential),
            "valid_until": _valid_until(verification.credential),
            "credential_form": CredentialForm(),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Not "no-referrer": the page's own form posts again, and a browser then sends
    # "Origin: null", which the CSRF check refuses. Other sites still learn nothing.
    response["Referrer-Policy"] = "same-origin"
    return response
