"""Middleware of the site shell."""

import time

from cms import page_cache


class PageCacheMiddleware:
    """Anonymous pages from the shared page cache (cms.page_cache).

    Sits after the language is chosen (the language is part of the key) and before CSRF
    and authentication, so a hit runs no view, no template and no query. A miss goes on
    down the stack; its response is stored when it may be shared, and gets
    ``Cache-Control: public, max-age, s-maxage``. A response to someone with a session
    gets ``private, no-cache``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_cache.request_key(request)
        if key is not None:
            cached = page_cache.lookup(key)
            if cached is not None:
                return cached
        started = time.time()
        response = self.get_response(request)
        if key is not None:
            page_cache.store(key, request, response, started=started)
        page_cache.private_headers(request, response)
        return response
