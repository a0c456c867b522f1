"""Certificates for people: public verification, and the PDF for those allowed to have it.

``/verify/`` and ``/verify/<code>/`` are outside the language prefix: the address is
printed and encoded in the QR code, and read in the visitor's own language. Every
lookup that reaches the database counts against a per-client limit, found or not, so
codes cannot be guessed by brute force (they could not anyway: 140 random bits); a
found certificate's page is then served from the page cache until it changes.
"""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from cms import page_cache
from courses.page_cache import certificate_tag, learner_tag
from courses.selectors.certificates import (
    certificate_by_code,
    certificate_can_download,
    certificate_verification,
)
from courses.services.certificates import certificate_pdf_lost, code_display, code_normalise
from lms.accounts.backends import login_throttle_client_ip

logger = logging.getLogger(__name__)
RATE_GROUP = "certificates.verify"


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=64,
        help_text=gettext_lazy(
            "Printed under the QR code, in groups of four characters (for example "
            "K7QF-3M9T-…). Dashes and capitals do not matter."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self) -> str:
        code = code_normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("That is not a certificate code: a code has 28 letters and digits."),
                code="malformed",
            )
        return code


def _verify_rate(group: str, request: HttpRequest) -> tuple[int, int]:
    """CERTIFICATE_VERIFY_RATE lookups per CERTIFICATE_VERIFY_WINDOW seconds (read at each
    request, so a settings change applies at once)."""
    return settings.CERTIFICATE_VERIFY_RATE, settings.CERTIFICATE_VERIFY_WINDOW


def _client(group: str, request: HttpRequest) -> str:
    """The client's address, behind TRUSTED_PROXY_COUNT proxies (as the login throttle)."""
    return login_throttle_client_ip(request)


def _over_limit(request: HttpRequest) -> bool:
    """Count this lookup for the client; True once it is over the limit for the window.

    django-ratelimit counts in the shared cache (Redis in production, so every web
    machine sees the same count) in fixed windows of CERTIFICATE_VERIFY_WINDOW seconds.
    """
    return is_ratelimited(request, group=RATE_GROUP, key=_client, rate=_verify_rate, increment=True)


def _rate_limited(request: HttpRequest) -> HttpResponse:
    minutes = max(1, settings.CERTIFICATE_VERIFY_WINDOW // 60)
    response = render(request, "certificates/verify_limited.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(settings.CERTIFICATE_VERIFY_WINDOW)
    return response


@require_GET
@never_cache
def verify_index(request: HttpRequest) -> HttpResponse:
    """The form to type a code (GET: the address of the result can be shared)."""
    if "code" not in request.GET:
        return render(request, "certificates/verify_form.html", {"form": VerifyForm()})
    if _over_limit(request):
        return _rate_limited(request)
    form = VerifyForm(request.GET)
    if form.is_valid():
        return redirect("certificate_verify", code_display(form.cleaned_data["code"]))
    return render(request, "certificates/verify_form.html", {"form": form}, status=400)


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """A certificate's public page. Found, it is the same for every visitor: it comes from
    the page cache until the certificate changes (courses/page_cache.py); the limit counts
    the lookups that reach the database, which is what guessing would need."""
    if _over_limit(request):
        response = _rate_limited(request)
        add_never_cache_headers(response)
        return response
    certificate = certificate_by_code(code)
    if certificate is None:
        response = render(
            request,
            "certificates/verify_not_found.html",
            {"form": VerifyForm()},
            status=404,
        )
        add_never_cache_headers(response)
        return response
    canonical = code_display(certificate.code)
    if code != canonical:  # typed in lower case, without dashes, with O for 0…
        return redirect("certificate_verify", canonical)
    response = render(
        request,
        "certificates/verify.html",
        {"verification": certificate_verification(certificate)},
    )
    page_cache.cache_this_response(
        request, certificate_tag(certificate.pk), learner_tag(certificate.user_id or 0)
    )
    # A verification page is nobody's business but the person who has the code.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The PDF, to its learner, their coordinators and the secretariat only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = certificate_by_code(code)
    if certificate is None or not certificate_can_download(
        user=request.user, certificate=certificate
    ):
        raise Http404
    handle = None
    if certificate.pdf:
        try:
            handle = certificate.pdf.open("rb")
        except FileNotFoundError:
            logger.error("The PDF of certificate %s is missing from storage", certificate.pk)
            certificate_pdf_lost(certificate=certificate)
    if handle is None:
        response = render(request, "certificates/pdf_pending.html", status=503)
        response["Retry-After"] = "60"
        return response
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=request.GET.get("download") == "1",
        filename=f"certificate-{code_display(certificate.code)}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
