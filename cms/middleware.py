"""Middleware of the site shell."""

import logging
import time

from django.middleware.gzip import re_accepts_gzip
from wagtail.views import serve as wagtail_serve

from cms import page_cache, routing
from cms.page_cache import CacheUnavailable

logger = logging.getLogger(__name__)


class PageCacheMiddleware:
    """Anonymous pages from the shared page cache (cms.page_cache).

    Sits after the language is chosen (the language is part of the key) and before CSRF
    and authentication, so a hit runs no view, no template and no query. A miss goes on
    down the stack; its response is stored when it may be shared, and gets
    ``Cache-Control: public, max-age, s-maxage``. A response to someone with a session
    gets ``private, no-cache``. With the cache unreachable, pages are made as if it were
    off (and the failure logged): the cache speeds the site up, it never takes it down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_cache.request_key(request)
        if key is not None:
            try:
                gzip = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
                cached = page_cache.lookup(key, accepts_gzip=gzip)
            except (CacheUnavailable, OSError) as error:
                logger.warning("Page cache unreachable, page made afresh: %s", error)
                key = cached = None
            if cached is not None:
                return cached
        started = time.time()
        response = self.get_response(request)
        if key is not None:
            try:
                page_cache.store(key, request, response, started=started)
            except (CacheUnavailable, OSError) as error:
                logger.warning("Page cache unreachable, page not stored: %s", error)
        page_cache.private_headers(request, response)
        return response


class SiteRouteMiddleware:
    """The request's Wagtail site and page from the process's memory (``cms.routing``):
    what Wagtail would find by querying, kept until a page or a site changes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        routing.find_site(request, read=False)  # from memory, or left to Wagtail
        routing.site_root_paths(request, read=False)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            routing.route(request, path)
        return None
