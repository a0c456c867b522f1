"""The public, machine-read side of the badges (no language prefix, no login, no
personal data): the issuer profile, its keys, the revocation status lists, and the
achievements the credentials name.

- ``/badges/issuer/``: the OB 3.0 issuer Profile (JSON-LD).
- ``/badges/issuer/jwks.json``: the public keys (JWK Set), current and retired.
- ``/badges/keys/<kid>/``: one public key as a JWK (what a credential's ``kid`` names).
- ``/badges/status/<n>/``: list ``n``'s signed BitstringStatusListCredential (VC-JWT,
  ``application/vc+jwt``); ``?format=json`` gives the unsigned JSON for people to read.
- ``/badges/achievements/<course|programme|webinar>/<key>/``: the course's (programme's,
  webinar's) page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET

from courses.badges import keys, status_list
from courses.badges.credentials import OB_CONTEXT, VC_CONTEXT
from courses.badges.services import issuer_profile
from courses.badges.verification import decode_segment
from courses.models import CoursePage, ProgrammePage, WebinarPage

PUBLIC_SECONDS = 300


def _public(response: HttpResponse, seconds: int = PUBLIC_SECONDS) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={seconds}"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers run in browsers too
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _json(data: dict, content_type: str = "application/json") -> HttpResponse:
    return _public(JsonResponse(data, content_type=content_type, json_dumps_params={"indent": 2}))


@require_GET
def issuer(request: HttpRequest) -> HttpResponse:
    profile = {"@context": [VC_CONTEXT, OB_CONTEXT], **issuer_profile()}
    return _json(profile, "application/ld+json")


@require_GET
def jwks(request: HttpRequest) -> HttpResponse:
    return _json(keys.public_jwks(), "application/jwk-set+json")


@require_GET
def key(request: HttpRequest, kid: str) -> HttpResponse:
    jwk = keys.public_jwk(kid)
    if jwk is None:
        raise Http404
    return _json(jwk, "application/jwk+json")


@require_GET
def status(request: HttpRequest, number: int) -> HttpResponse:
    if number > status_list.highest_list_number():
        raise Http404
    token = status_list.status_list_jws(number, issuer=issuer_profile(), now=timezone.now())
    if request.GET.get("format") == "json":
        payload = token.split(".")[1]
        return _json(decode_segment(payload))
    return _public(HttpResponse(token, content_type="application/vc+jwt"), seconds=60)


@require_GET
def achievement(request: HttpRequest, kind: str, key) -> HttpResponse:
    model = {"course": CoursePage, "programme": ProgrammePage, "webinar": WebinarPage}.get(kind)
    if model is None:
        raise Http404
    page = model.objects.live().public().filter(translation_key=key).order_by("pk").first()
    if page is None or not page.url:
        raise Http404
    return redirect(page.url)
