"""Wagtail's site and page lookup for a request, from the process's memory.

Wagtail finds the page of a request by walking the tree from the site's root: the site
(one query), the root in the visitor's language (three: the active locale, the
translation, its specific row), then two queries per level (the child by slug, then its
specific row) — nine queries and most of a logged-in module page's routing time, on every
request, for an answer that changes only when an editor publishes, moves or deletes a
page or edits a site. Wagtail keeps both answers on the request (``request._wagtail_site``,
``request._wagtail_route_for_request``, documented on ``Site.find_for_request`` and
``Page.route_for_request``); ``SiteRouteMiddleware`` (``cms.middleware``) fills them in
from ``cms.shell_cache``, which every process drops on such a change:

- the site: computed by Wagtail's own ``Site._find_for_request`` once per distinct answer
  (the key keeps only what Wagtail's matching reads: a known hostname and a known port,
  so made-up Host headers cannot fill the memory);
- the page: Wagtail's own ``route`` is run once per site, language and path; what is
  remembered is the page's id and type, and each request then reads the page's row
  (one query: it must be live, and its content is the request's own). A path that does
  not lead to a page, a page with routes of its own (``args``/``kwargs``, a page type
  overriding ``route``) or below such a page is left to Wagtail every time.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site

from cms import shell_cache


def _site_key(request) -> tuple:
    """What Wagtail's ``get_site_for_hostname`` depends on: whether the hostname is a
    site's, and whether the hostname and port are a site's."""
    known = shell_cache.remember(
        ("routing", "sites"), lambda: frozenset(Site.objects.values_list("hostname", "port"))
    )
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = -1
    if (hostname, port) in known:
        return ("routing", "site", hostname, port)
    if any(hostname == known_hostname for known_hostname, _ in known):
        return ("routing", "site", hostname, -1)
    return ("routing", "site", "", -1)


def find_site(request) -> Site | None:
    """The request's Wagtail site, as ``Site.find_for_request`` finds it, from memory."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = shell_cache.remember(
            _site_key(request), lambda: Site._find_for_request(request)
        )
    return request._wagtail_site


def _routes_plainly(page: Page) -> bool:
    """Whether the way to ``page`` uses only Wagtail's plain ``Page.route`` (no page type
    on it routes by itself, e.g. ``RoutablePageMixin``)."""
    content_type_ids = [page.content_type_id]
    content_type_ids += page.get_ancestors().values_list("content_type_id", flat=True)
    for content_type_id in content_type_ids:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or getattr(model, "route", None) is not Page.route:
            return False
    return True


def _resolve(request, site: Site, path: str) -> tuple[int, int] | None:
    """Wagtail's own routing of ``path``: the page's (content type id, id) when it can be
    remembered, else None (the page is then routed by Wagtail on each request)."""
    components = [component for component in path.split("/") if component]
    try:
        result = site.root_page.localized.specific.route(request, components)
    except Http404:
        request._wagtail_route_for_request = None  # as Wagtail does: this request is a 404
        return None
    request._wagtail_route_for_request = result  # this request needs no second routing
    page, args, kwargs = result
    if args or kwargs or not _routes_plainly(page):
        return None
    return (page.content_type_id, page.pk)


def route(request, path: str) -> None:
    """Fill in Wagtail's route for ``path`` (the argument of ``wagtail.views.serve``) on
    the request when the process remembers it; Wagtail routes the rest itself."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = find_site(request)
    if site is None:
        return
    key = ("routing", "page", site.pk, translation.get_language(), path)
    found = shell_cache.remember(key, lambda: _resolve(request, site, path))
    if found is None:
        shell_cache.discard(key)  # not kept: made-up paths would fill the memory
    if hasattr(request, "_wagtail_route_for_request") or found is None:
        return  # routed just now by Wagtail (remembered or not), or left to it
    content_type_id, page_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id).first() if model is not None else None
    if page is None:
        return
    try:
        # An empty path: Wagtail's own answer for the page itself (404 unless live).
        request._wagtail_route_for_request = page.route(request, [])
    except Http404:
        request._wagtail_route_for_request = None
