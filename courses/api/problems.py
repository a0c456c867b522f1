"""Errors as problem details (RFC 9457, ``application/problem+json``).

Every refusal the API gives, from ninja's handlers or from the middleware around it
(405, 413, an unknown address), has ``type``, ``title``, ``status``, ``detail`` and, when a
field is at fault, ``errors``: one entry per field, naming it and where it came from.
"""

from __future__ import annotations

from http import HTTPStatus

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from ninja import Schema

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://academy.gsef-net.org/api/v1/problems/"


class FieldError(Schema):
    field: str
    location: str
    detail: str


class Problem(Schema):
    """A problem (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class ApiProblem(Exception):
    """Raise to answer with a problem: ``slug`` names its ``type``."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        errors: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug
        self.errors = errors or []
        self.headers = headers or {}


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: list[dict] | None = None,
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    phrase = HTTPStatus(status).phrase
    slug = slug or phrase.lower().replace(" ", "-").replace("'", "")
    body = {
        "type": PROBLEM_TYPE_BASE + slug,
        "title": phrase,
        "status": status,
        "detail": str(detail),
        "errors": errors or [],
    }
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_errors_from_django(error: DjangoValidationError, *, default_field: str) -> list[dict]:
    """``errors`` entries from a service's ValidationError (a dict names the fields)."""
    if hasattr(error, "error_dict"):
        return [
            {"field": name, "location": "body", "detail": " ".join(e.messages)}
            for name, e in ((n, DjangoValidationError(v)) for n, v in error.error_dict.items())
        ]
    return [{"field": default_field, "location": "body", "detail": " ".join(error.messages)}]


def field_errors_from_ninja(errors: list[dict]) -> list[dict]:
    """``errors`` entries from ninja's validation errors (``loc`` like ("body", "payload",
    "email") or ("query", "limit"))."""
    entries = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else "body"
        names = [part for part in loc[1:] if part not in ("payload", "__root__")]
        entries.append(
            {
                "field": ".".join(names) or location,
                "location": location,
                "detail": str(error.get("msg", "Invalid value.")),
            }
        )
    return entries
