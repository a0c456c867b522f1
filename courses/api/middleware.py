"""Around the organisation API (``/api/``): a request body limit (413), problem+json for
what ninja never sees (405, an unknown address, Django's own 400), and no CORS headers.

CORS stays closed: the API is for organisations' servers, not for browsers on other
sites, so no response carries an ``Access-Control-Allow-*`` header and a browser refuses
cross-origin reads.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from courses.api.conf import api_setting
from courses.api.problems import PROBLEM_CONTENT_TYPE, problem_response

API_PREFIX = "/api/v1/"


class ApiRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = api_setting("API_MAX_BODY_BYTES")
        if length > limit:
            return problem_response(
                413,
                _("The request body is larger than %(limit)d bytes.") % {"limit": limit},
                slug="body-too-large",
            )
        response = self.get_response(request)
        for header in [h for h in response.headers if h.lower().startswith("access-control-")]:
            del response[header]
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and not content_type.startswith(PROBLEM_CONTENT_TYPE):
            problem = problem_response(response.status_code, self._detail(request, response))
            if response.has_header("Allow"):
                problem["Allow"] = response["Allow"]
            return problem
        return response

    @staticmethod
    def _detail(request, response) -> str:
        if response.status_code == 405:
            return _("This address does not accept %(method)s. Allowed: %(allow)s.") % {
                "method": request.method,
                "allow": response.get("Allow", ""),
            }
        if response.status_code == 404:
            return _("There is nothing at this address. The documentation is at /api/v1/docs.")
        return _("The request was refused.")
