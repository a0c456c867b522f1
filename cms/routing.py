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

- the site: the sites are read once (one query), and each request's is chosen among
  them by Wagtail's own rules (hostname and port, hostname and default, default);
- the page: Wagtail's own ``route`` is run once per site, language and path; what is
  remembered is the page's id and type, and each request then reads the page's row
  (one query: it must be live, and its content is the request's own). A path that does
  not lead to a page, a page with routes of its own (``args``/``kwargs``, a page type
  overriding ``route``) or below such a page is left to Wagtail every time;
- the site root paths every page link reads (``request._wagtail_cached_site_root_paths``),
  which Wagtail keeps in the shared cache;
- the page's view restrictions (its own and its ancestors', aliases resolved: two queries
  in ``Page.get_view_restrictions``, which Wagtail's ``check_view_restrictions`` hook runs
  before serving every page): remembered per page, and handed to that hook through the
  routed instance's ``get_view_restrictions``. Saving or deleting a restriction, or
  changing its groups, drops them with the rest (``cms.shell_cache.connect``).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site

from cms import shell_cache
from lms.queries import read_by_pk


def _sites() -> list[Site]:
    return list(Site.objects.select_related("root_page").order_by("pk"))


def _match(site: Site, hostname: str, port: int) -> int:
    """Wagtail's ranking in ``get_site_for_hostname`` (0 is best)."""
    if site.hostname == hostname and site.port == port:
        return 0
    if site.hostname == hostname and site.is_default_site:
        return 1
    return 2 if site.is_default_site else 3


def find_site(request, *, read: bool = True) -> Site | None:
    """The request's Wagtail site, chosen as ``Site.find_for_request`` chooses it
    (``wagtail.models.sites.get_site_for_hostname``'s rules), among the sites read once
    per process: nothing is kept per hostname, so made-up Host headers cost nothing.
    With ``read=False``, only if the sites are in memory already (else Wagtail finds it
    when something asks: a request that never needs it, e.g. the API, reads nothing)."""
    if not hasattr(request, "_wagtail_site"):
        if not read and shell_cache.peek(("routing", "sites")) is None:
            return None
        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            port = int(request.get_port())
        except (TypeError, ValueError):
            port = -1
        sites = [
            site
            for site in shell_cache.remember(("routing", "sites"), _sites)
            if site.hostname == hostname or site.is_default_site
        ]
        sites.sort(key=lambda site: _match(site, hostname, port))
        found = None
        if len(sites) == 1 or (sites and _match(sites[0], hostname, port) in (0, 1)):
            found = sites[0]
        elif sites and _match(sites[0], hostname, port) == 2:
            found = sites[len(sites) == 2]  # one other hostname match: that one
        request._wagtail_site = found
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


ROOT_PATHS_KEY = ("routing", "site-root-paths")


def site_root_paths(request, *, read: bool = True) -> None:
    """Fill in Wagtail's site root paths on the request (``_wagtail_cached_site_root_paths``,
    what ``Page.get_url`` reads; Wagtail keeps them in the shared cache, a round trip
    and an unpickling on every request) from the process's memory. With ``read=False``,
    only if they are in memory already."""
    if hasattr(request, "_wagtail_cached_site_root_paths"):
        return
    paths = shell_cache.peek(ROOT_PATHS_KEY)
    if paths is None and read:
        paths = shell_cache.remember(ROOT_PATHS_KEY, Site.get_site_root_paths)
    if paths is not None:
        request._wagtail_cached_site_root_paths = paths


def route(request, path: str) -> None:
    """Fill in Wagtail's route for ``path`` (the argument of ``wagtail.views.serve``) on
    the request when the process remembers it; Wagtail routes the rest itself."""
    site_root_paths(request)
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
        routed = getattr(request, "_wagtail_route_for_request", None)
        if found is not None and routed is not None:
            _restrictions_remembered(routed[0])  # routed just now by Wagtail, remembered
        return  # or left to Wagtail
    content_type_id, page_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    # The same statement on every request but for the id: compiled once (lms.queries).
    page = read_by_pk(model.objects, page_id) if model is not None else None
    if page is None:
        return
    try:
        # An empty path: Wagtail's own answer for the page itself (404 unless live).
        request._wagtail_route_for_request = page.route(request, [])
    except Http404:
        request._wagtail_route_for_request = None
        return
    _restrictions_remembered(page)


def _restrictions_remembered(page: Page) -> None:
    """Hand Wagtail's view restriction check the page's restrictions from memory."""
    restrictions = shell_cache.remember(
        ("routing", "restrictions", page.pk), lambda: list(Page.get_view_restrictions(page))
    )
    # This instance serves this request only: Wagtail's hook asks it, and gets the list.
    page.get_view_restrictions = lambda: restrictions
