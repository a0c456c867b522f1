"""The django-ninja application: ``/api/v1/``, its OpenAPI 3.1 document at
``/api/v1/openapi.json``, and every error as problem+json.

Why ninja: Pydantic 2 schemas and an OpenAPI 3.1 document from the same type hints, in
one library (DRF needs drf-spectacular for a schema, 3.0 unless told otherwise). Its
Swagger page is off: it loads JavaScript from a CDN, which the CSP forbids; the human
documentation is ours, drawn on the server from the same document (``views.py``).
"""

from __future__ import annotations

import logging

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from courses.api.auth import TokenAuth
from courses.api.endpoints import certificates, courses, enrolments, members, webinars
from courses.api.problems import (
    PROBLEM_CONTENT_TYPE,
    ApiProblem,
    field_errors_from_ninja,
    problem_response,
)

logger = logging.getLogger(__name__)

DESCRIPTION = """\
The GSEF Academy organisation API: a member organisation's own systems (HR, training)
enrol their officials and read back progress, completions, certificates and webinar
attendance. Every call carries `Authorization: Bearer gsef_<prefix>_<secret>`, a token a
coordinator creates in the admin (Settings → API tokens); it sees what that
organisation's coordinators see, no more. Errors are problem details (RFC 9457).
"""


URI_TOO_LONG = {
    "description": "URI too long: the web server refuses a request line over its limit "
    "(4 KB with gunicorn's defaults) before the API reads it; shorten the query.",
    "content": {"text/html": {"schema": {"type": "string"}}},
}


class OrganisationApi(NinjaAPI):
    """NinjaAPI whose error responses are declared as ``application/problem+json``."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                # Status codes as strings, as JSON has them; an ``openapi_extra`` response
                # (the PDF's) replaces what ninja inferred for the same status.
                responses: dict[str, dict] = {}
                for status, response in operation.get("responses", {}).items():
                    responses.setdefault(str(status), {}).update(response)
                for status, response in responses.items():
                    content = response.get("content", {})
                    if status[0] in "45" and "application/json" in content:
                        response["content"] = {PROBLEM_CONTENT_TYPE: content["application/json"]}
                # Refused by the web server (gunicorn; a proxy in front does the same) before
                # the API sees the request, so in its own words: HTML, not problem+json.
                responses.setdefault("414", URI_TOO_LONG)
                operation["responses"] = responses
        return schema


api = OrganisationApi(
    title="GSEF Academy organisation API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,
    auth=TokenAuth(),
)
for module in (courses, members, enrolments, certificates, webinars):
    api.add_router("", module.router)


@api.exception_handler(ApiProblem)
def _problem(request, exc: ApiProblem):
    return problem_response(
        exc.status, exc.detail, slug=exc.slug, errors=exc.errors, headers=exc.headers
    )


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    errors = field_errors_from_ninja(exc.errors)
    names = ", ".join(sorted({e["field"] for e in errors}))
    return problem_response(
        422,
        _("Some values are not valid: %(fields)s.") % {"fields": names},
        slug="invalid-request",
        errors=errors,
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc: AuthenticationError):
    return problem_response(
        401,
        _("Send your organisation's API token: Authorization: Bearer gsef_…"),
        slug="unauthenticated",
        headers={"WWW-Authenticate": 'Bearer realm="gsef"'},
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return problem_response(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return problem_response(404, _("There is nothing at this address."))


@api.exception_handler(Exception)
def _server_error(request, exc: Exception):
    logger.exception("Organisation API error", exc_info=exc)
    return problem_response(500, _("Something went wrong on our side. Retry later."))
