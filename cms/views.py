"""The files search engines read first: robots.txt and sitemap.xml, on the public address."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from lms.urls_absolute import absolute_url

# Where a search engine finds nothing to index: the admin, accounts, a learner's own pages.
ROBOTS_DISALLOWED = ("/admin/", "/documents/", "/i18n/")
ROBOTS_DISALLOWED_PER_LANGUAGE = ("account/", "dashboard/", "learn/")


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Allow the public site, keep crawlers out of the admin and accounts, name the sitemap."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOWED]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/{path}" for path in ROBOTS_DISALLOWED_PER_LANGUAGE]
    lines += ["", f"Sitemap: {absolute_url('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=3600, public=True)
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Every live public page in every language, each with its other languages as
    ``xhtml:link`` alternates (and ``x-default``, the default language's page).

    Wagtail's own sitemap lists only the default site root's tree, one language; this
    one reads every locale's tree in two queries (pages, restrictions).
    """
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .select_related("locale")
        .only(
            "id",
            "url_path",
            "path",
            "depth",
            "translation_key",
            "last_published_at",
            "locale__language_code",
        )
        .order_by("path")
    )
    entries = []
    by_key: dict = defaultdict(list)
    for page in pages:
        parts = page.get_url_parts(request)
        if parts is None:
            continue
        entry = {
            "location": absolute_url(parts[2]),
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
            "alternates": by_key[page.translation_key],
        }
        by_key[page.translation_key].append(entry)
        entries.append(entry)
    for entry in entries:
        alternates = entry["alternates"]
        entry["x_default"] = next(
            (alt["location"] for alt in alternates if alt["language"] == settings.LANGUAGE_CODE),
            "",
        )
        if len(alternates) < 2:
            entry["alternates"], entry["x_default"] = [], ""
    xml = render_to_string("cms/sitemap.xml", {"entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
