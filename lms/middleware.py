"""Middleware of the platform."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language

# Paths outside the language-prefixed site. Django's LocaleMiddleware would turn
# every 404 under them into a redirect to /<language>/..., because the site's
# catch-all page route matches any path once prefixed.
UNPREFIXED = (
    "/admin/",
    "/health/",
    "/documents/",
    "/static/",
    "/media/",
    "/i18n/",
    "/verify/",
    "/api/",
    "/badges/",
)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus language redirects for unprefixed paths."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's allowances under /admin/.

    settings.CONTENT_SECURITY_POLICY is the site's policy; under /admin/ the
    ``update`` (sources added) and ``replace`` (directives replaced) of
    settings.CONTENT_SECURITY_POLICY_ADMIN apply on top. A view's own
    ``@csp_update``/``@csp_replace`` still wins over both.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or not request.path_info.startswith("/admin/"):
            return parts
        admin = settings.CONTENT_SECURITY_POLICY_ADMIN
        parts.update = {**admin.get("update", {}), **(parts.update or {})}
        parts.replace = {**admin.get("replace", {}), **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Sets the Permissions-Policy header from settings.PERMISSIONS_POLICY.

    The setting maps a feature to the origins allowed to use it: ``[]`` is nobody
    (``camera=()``), ``["self"]`` this site, ``["self", "https://x.example"]`` both.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(_allowlist_item(origin) for origin in origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _allowlist_item(origin: str) -> str:
    return origin if origin in {"self", "*"} else f'"{origin}"'
