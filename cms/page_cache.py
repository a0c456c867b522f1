"""A shared cache of anonymous pages, purged by tags when what a page shows changes.

Every cached response carries tags ("page:<translation key>" of the page and of each
ancestor, "site", and what the upper apps add: "courses", "webinars", "certificate:<id>"…).
Each tag has a generation kept in the same cache; an entry stores the generations it was
rendered under and is served only while they are all unchanged, read in one ``get_many``.
Purging a tag is writing a new generation: every address that shows it, in every language,
with any query string, is stale at once, without knowing those addresses.

What may be cached is opt-in: a Wagtail page (tagged by ``tags_for_page``) or a view that
calls ``cache_this_response``. ``PageCacheMiddleware`` (cms/middleware.py) decides per
request: only a GET or HEAD by someone with no session or messages cookie is looked up,
and only a 200 HTML response that sets no cookie, used no CSRF token and is not private
is stored. Apps above cms register what a page shows (``register_page_tagger``), what a
page's change touches (``register_change_tagger``) and the query parameters their pages
read (``register_query_parameters``) and when a page changes by itself, with nobody
publishing (``register_change_clock``: an enrolment window opens, a webinar starts): an
entry lives no longer than that. cms purges pages on Wagtail's signals.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page

from lms.urls_absolute import page_absolute_url

try:  # the errors of Django's RedisCache when Redis is away
    from redis.exceptions import RedisError as CacheUnavailable
except ImportError:  # no Redis client installed: only the local memory cache
    CacheUnavailable = OSError

logger = logging.getLogger(__name__)

SITE_TAG = "site"  # every entry: the header, the footer, the site settings
MAX_QUERY_LENGTH = 300
# Paths never looked up: they are never cached, and a lookup is a round trip.
NEVER = ("/admin/", "/health/", "/static/", "/media/", "/documents/", "/i18n/")

PageTagger = Callable[[Page], Iterable[str]]
ChangeClock = Callable[[Page, dt.datetime], "dt.datetime | None"]

_page_taggers: list[PageTagger] = []
_change_taggers: list[PageTagger] = []
_change_clocks: list[ChangeClock] = []
_query_parameters: set[str] = set()


# --- registries (apps above cms register in their AppConfig.ready) -----------------------------


def register_page_tagger(tagger: PageTagger) -> None:
    """``tagger(page)`` names what else a served page shows (e.g. "courses" on the home page)."""
    if tagger not in _page_taggers:
        _page_taggers.append(tagger)


def register_change_tagger(tagger: PageTagger) -> None:
    """``tagger(page)`` names what else goes stale when ``page`` is published, moved…"""
    if tagger not in _change_taggers:
        _change_taggers.append(tagger)


def register_change_clock(clock: ChangeClock) -> None:
    """``clock(page, now)`` is the first instant after ``now`` at which ``page`` shows
    something else with nobody publishing (a window opens, a webinar starts), or None."""
    if clock not in _change_clocks:
        _change_clocks.append(clock)


def register_query_parameters(*names: str) -> None:
    """Query parameters a cached page reads (the catalogue's filters); any other one in an
    address means "do not cache", so made-up query strings cannot fill the cache."""
    _query_parameters.update(names)


# --- settings ---------------------------------------------------------------------------------


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- tags -------------------------------------------------------------------------------------


def _tag_key(tag: str) -> str:
    return "pc:t:" + tag


def _generation(bumped: bool) -> str:
    # "<when>:<random>": the time tells a render that started before the purge (see
    # CLOCK_MARGIN); a tag first seen by a store has time 0, it purged nothing.
    return f"{time.time() if bumped else 0:.6f}:{secrets.token_hex(6)}"


def _tag_timeout() -> int:
    # Longer than any entry: an entry whose tag was evicted is a miss, never a stale hit.
    return settings.PAGE_CACHE_SECONDS * 4 + 3600


def tags_bump(tags: Iterable[str]) -> None:
    """Every cached page carrying one of ``tags`` is stale from now on."""
    tags = set(tags)
    if not tags or not enabled():
        return
    _cache().set_many({_tag_key(tag): _generation(True) for tag in tags}, _tag_timeout())


def purge(*, tags: Iterable[str] = (), pages: Iterable[Page] = (), urls: Iterable[str] = ()):
    """After the current transaction commits: bump ``tags`` in our cache, and, when a CDN
    is configured (WAGTAILFRONTENDCACHE), purge ``urls`` and ``pages``' public addresses."""
    tags = set(tags)
    addresses: list[str] = []
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        # Now, while a page being deleted still has its address; on PUBLIC_BASE_URL, the
        # one address the public (and so the CDN) knows (lms.urls_absolute).
        addresses = [*urls, *filter(None, map(page_absolute_url, pages))]

    def run():
        try:
            tags_bump(tags)
        except (CacheUnavailable, OSError):  # the change is committed: say what was missed
            logger.exception("Page cache unreachable: %s stay stale for their lifetime", tags)
        if addresses:
            # Queued (Wagtail's task); each backend logs its own failures, and the
            # s-maxage bounds how long a missed purge leaves a page stale.
            purge_urls_from_cache(sorted(set(addresses)))

    transaction.on_commit(run)


# --- what a Wagtail page shows, and what its change touches ------------------------------------


def tags_for_page(page: Page) -> set[str]:
    """Tags of a served page: the page and its ancestors (titles in breadcrumbs, the
    language switcher's fallbacks), and what the registered taggers add."""
    keys = Page.objects.ancestor_of(page, inclusive=True).filter(depth__gt=1)
    tags = {f"page:{key}" for key in keys.values_list("translation_key", flat=True)}
    tags.add(f"page:{page.translation_key}")
    for tagger in _page_taggers:
        tags.update(tagger(page))
    return tags


def tags_for_change(page: Page, *, parents: Iterable[Page | None] = ()) -> set[str]:
    """Tags a change of ``page`` makes stale: the page in every language (so every
    descendant, which carries it), its parents (which list it) and what taggers add."""
    tags = {f"page:{page.translation_key}"}
    for parent in parents:
        if parent is not None and parent.depth > 1:
            tags.add(f"page:{parent.translation_key}")
    for tagger in _change_taggers:
        tags.update(tagger(page))
    return tags


def page_purge(page: Page, *, parents: Iterable[Page | None] = ()) -> None:
    """Purge what shows ``page`` (after commit), in our cache and at a CDN."""
    parents = [parent for parent in parents if parent is not None]
    tags = tags_for_change(page, parents=parents)
    pages: list[Page] = []
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        pages = _pages_to_purge_at_cdn(page, parents)
    purge(tags=tags, pages=pages)


def _pages_to_purge_at_cdn(page: Page, parents: list[Page]) -> list[Page]:
    # A CDN is purged by address: the page's translations, their children (breadcrumbs)
    # and ancestors (the lists that show it). Deeper pages wait for their s-maxage.
    group = Page.objects.filter(translation_key=page.translation_key, live=True)
    found = list(group)
    for member in [page, *found, *parents]:
        found.extend(member.get_ancestors().filter(depth__gt=1, live=True))
    for member in list(group):
        found.extend(member.get_children().live())
    seen, pages = set(), []
    for each in found:
        if each.pk not in seen:
            seen.add(each.pk)
            pages.append(each)
    return pages


# --- requests and entries (used by cms.middleware.PageCacheMiddleware) -------------------------


def cache_this_response(request: HttpRequest, *tags: str) -> None:
    """A view's response may be cached for anonymous visitors, purged by ``tags``."""
    request._page_cache_tags = {*getattr(request, "_page_cache_tags", ()), SITE_TAG, *tags}


def request_key(request: HttpRequest) -> str | None:
    """The entry's key, or None when this request is never served from the cache."""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return None
    if request.path_info.startswith(NEVER):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None  # someone logged in, or with a message waiting: their own page
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return None
    query = sorted(request.GET.lists())
    if any(name not in _query_parameters for name, _values in query):
        return None
    language = getattr(request, "LANGUAGE_CODE", None) or get_language()
    raw = "\n".join([request.scheme, request.get_host(), language, request.path, repr(query)])
    return "pc:e:" + hashlib.sha256(raw.encode()).hexdigest()


def lookup(key: str, *, accepts_gzip: bool = False) -> HttpResponse | None:
    """The cached response for ``key`` if all its tags are unchanged (two round trips);
    gzipped as stored (not compressed again) when the client takes gzip."""
    cache = _cache()
    entry = cache.get(key)
    if entry is None:
        return None
    tags = entry["tags"]
    current = cache.get_many([_tag_key(tag) for tag in tags])
    if any(current.get(_tag_key(tag)) != generation for tag, generation in tags.items()):
        return None
    compressed = entry.get("gzip") if accepts_gzip else None
    response = HttpResponse(compressed or entry["content"], status=200)
    for name, value in entry["headers"]:
        response.headers[name] = value
    if entry.get("gzip"):
        patch_vary_headers(response, ("Accept-Encoding",))  # as GZipMiddleware says it
    if compressed:
        # What GZipMiddleware would have done (it leaves an encoded response alone).
        response.headers["Content-Length"] = str(len(compressed))
        response.headers["Content-Encoding"] = "gzip"
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
    response.headers["X-Page-Cache"] = "hit"
    return response


def _gzipped(content: bytes) -> bytes | None:
    """``content`` compressed once for every hit, as ``GZipMiddleware`` compresses (with
    its random padding, fixed per entry: a cached page carries no secret), or None when
    that would not make it shorter."""
    if len(content) < 200:
        return None
    compressed = compress_string(content, max_random_bytes=GZipMiddleware.max_random_bytes)
    return compressed if len(compressed) < len(content) else None


def _page_of(request: HttpRequest, response: HttpResponse) -> Page | None:
    context = getattr(response, "context_data", None) or {}
    page = context.get("page") if isinstance(context, dict) else None
    if isinstance(page, Page) and not getattr(request, "is_preview", False) and page.live:
        return page
    return None


def _tags_of(request: HttpRequest, page: Page | None) -> set[str] | None:
    tags = getattr(request, "_page_cache_tags", None)
    if page is not None:
        tags = {*(tags or ()), SITE_TAG, *tags_for_page(page)}
    return tags


def _lifetime(page: Page | None, now: dt.datetime) -> int:
    """Seconds the entry may live: PAGE_CACHE_SECONDS, or less when the page changes by
    itself sooner (0: not at all)."""
    lifetime = settings.PAGE_CACHE_SECONDS
    if page is None:
        return lifetime
    for clock in _change_clocks:
        moment = clock(page, now)
        if moment is not None:
            lifetime = min(lifetime, int((moment - now).total_seconds()))
    return max(lifetime, 0)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a form token (or hands out the cookie)
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def store(key: str, request: HttpRequest, response: HttpResponse, *, started: float) -> bool:
    """Keep ``response`` if it may be shared, and give it public Cache-Control headers."""
    page = _page_of(request, response)
    tags = _tags_of(request, page)
    if not tags or not _storable(request, response):
        response.headers.setdefault("X-Page-Cache", "pass")
        return False
    # The request's clock, as every rule takes it (the middleware is where it is read).
    lifetime = _lifetime(page, timezone.now())
    if lifetime <= 0:
        response.headers.setdefault("X-Page-Cache", "pass")
        return False
    shared = lifetime
    if request.META.get("QUERY_STRING"):
        shared = min(shared, settings.PAGE_CACHE_QUERY_SHARED_SECONDS)
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.PAGE_CACHE_BROWSER_SECONDS, lifetime),
        s_maxage=shared,
    )
    # Said here, not left to the session and locale middleware (outside, and silent on a
    # hit): a logged-in person's page differs, and /verify/'s language is the browser's.
    vary = ["Cookie"]
    if not request.path.startswith(f"/{getattr(request, 'LANGUAGE_CODE', '')}/"):
        vary.append("Accept-Language")
    patch_vary_headers(response, vary)
    cache = _cache()
    keys = {_tag_key(tag): tag for tag in tags}
    current = cache.get_many(list(keys))
    missing = {key_: _generation(False) for key_ in keys if key_ not in current}
    for key_, generation in missing.items():
        if cache.add(key_, generation, _tag_timeout()):
            current[key_] = generation
    if len(current) < len(keys):
        current.update(cache.get_many([key_ for key_ in keys if key_ not in current]))
    # A render that started before a purge (or less than the margin before: the clocks of
    # several web servers disagree a little) may show what the purge replaced.
    margin = getattr(settings, "PAGE_CACHE_CLOCK_MARGIN", 1.0)
    for generation in current.values():
        if float(generation.split(":", 1)[0]) > started - margin:
            response.headers["X-Page-Cache"] = "miss"
            return False  # purged while this page was being made: the next one stores
    headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
    entry = {
        "tags": {keys[key_]: generation for key_, generation in current.items()},
        "headers": headers,
        "content": response.content,
        "gzip": _gzipped(response.content),
    }
    cache.set(key, entry, lifetime)
    response.headers["X-Page-Cache"] = "miss"
    return True


def private_headers(request: HttpRequest, response: HttpResponse) -> None:
    """A response to someone with a session is theirs alone: no shared cache keeps it."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)


# --- purges on Wagtail's signals (connected in CmsConfig.ready) --------------------------------


def active() -> bool:
    """Is there anything to purge: our cache, or a CDN?"""
    return enabled() or bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _on_publish_or_unpublish(sender, instance, **kwargs):
    if active():
        page_purge(instance, parents=[instance.get_parent()])


def _on_move(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    if active():
        page_purge(instance, parents=[parent_page_before, parent_page_after])


def _on_delete(sender, instance, **kwargs):
    # Sent for the Page row of every deleted page (and its descendants) once the rows are
    # gone: after the receivers that rebuild what lists show (courses' listing), so the
    # purge commits last. A descendant's parent went too; its top page's tag covers it.
    if active():
        parent = Page.objects.filter(path=instance.path[: -Page.steplen]).first()
        page_purge(instance, parents=[parent])


def _on_restriction(sender, instance, **kwargs):
    # A page made private (or public again): it and every page under it.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and active():
        page_purge(page, parents=[page.get_parent()])


def _on_site_change(sender, **kwargs):
    purge(tags=[SITE_TAG])


def connect() -> None:
    """Purge on publish, unpublish, move, delete and view restriction of any page (admin,
    scheduled publishing, wagtail-localize's sync, code), and on a change of the site's
    settings."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from cms.models import SiteSettings

    uid = "cms.page_cache."
    page_published.connect(_on_publish_or_unpublish, dispatch_uid=uid + "published")
    page_unpublished.connect(_on_publish_or_unpublish, dispatch_uid=uid + "unpublished")
    post_page_move.connect(_on_move, dispatch_uid=uid + "moved")
    post_delete.connect(_on_delete, sender=Page, dispatch_uid=uid + "deleted")
    post_save.connect(_on_restriction, sender=PageViewRestriction, dispatch_uid=uid + "private")
    post_delete.connect(_on_restriction, sender=PageViewRestriction, dispatch_uid=uid + "public")
    post_save.connect(_on_site_change, sender=SiteSettings, dispatch_uid=uid + "settings")
    post_save.connect(_on_site_change, sender=Site, dispatch_uid=uid + "site")
