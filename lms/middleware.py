"""Middleware of the platform."""

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
)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus language redirects for unprefixed paths."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
