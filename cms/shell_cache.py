"""What every page's shell reads, kept in each process and dropped everywhere on a change.

The header, the footer and the language switcher read the same few rows on every request:
the site settings, the catalogue in the visitor's language, a page's translations. They
change only when an editor publishes, moves or deletes a page or saves a setting. So each
process keeps what it computed (``remember``), and a *generation number* in the shared
cache (Redis in production) says whether it is still good: any change anywhere calls
``bump()``, and every process sees the new number on its next request. Checking costs one
cache read per request, made at the first ``remember`` of the request; no database query.

On the embedded defaults (local-memory cache) the number lives in each process: a change
made by the Celery worker (a scheduled publication) reaches a web process of its own only
through its own signals, which is enough for one ``runserver`` and is why production sets
``REDIS_URL``.

The receivers that call ``bump()`` are connected in ``CmsConfig.ready()`` (``connect``):
page publication, unpublication, move and deletion (Wagtail's signals, which
wagtail-localize's synchronisation also sends), and saving or deleting a site, a locale or
a site setting. An upper app may call ``bump()`` too when something the shell shows changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.signals import request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

GENERATION_KEY = "cms:shell-generation"

_memo: dict[Hashable, Any] = {}
_local = threading.local()
_state = {"generation": None}


def _checked_generation() -> None:
    """Drop what this process remembered if another process bumped the generation since.

    The shared cache is read once per request (``request_started`` clears the flag).
    """
    if getattr(_local, "checked", False):
        return
    _local.checked = True
    generation = cache.get(GENERATION_KEY, 0)
    if generation != _state["generation"]:
        _memo.clear()
        _state["generation"] = generation


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s value for ``key``, computed once per process until the next ``bump``.

    Only for what every visitor sees alike (no person's data, no permission-dependent rows).
    """
    _checked_generation()
    try:
        return _memo[key]
    except KeyError:
        value = _memo[key] = compute()
        return value


_recent_lock = threading.Lock()


def remember_recent(
    bucket: Hashable,
    key: Hashable,
    compute: Callable[[], T],
    *,
    most: int,
    fresh: Callable[[T], bool] | None = None,
) -> T:
    """``compute()``'s value for ``key``, like ``remember``, for the ``most`` most recently
    asked keys of ``bucket`` only (the least recent is forgotten first): for values kept
    per address or query string, which visitors can make up without end. A value that
    ``fresh`` says is no longer good (e.g. past a moment it carries) is computed again."""
    kept = remember(("recent", bucket), OrderedDict)
    with _recent_lock:
        if key in kept and (fresh is None or fresh(kept[key])):
            kept.move_to_end(key)
            return kept[key]
    value = compute()
    with _recent_lock:
        kept[key] = value
        kept.move_to_end(key)
        while len(kept) > most:
            kept.popitem(last=False)
    return value


def generation() -> Any:
    """The current generation number (the shared cache is read once per request): a key
    made with it is left behind by the next ``bump``, in every process."""
    _checked_generation()
    return _state["generation"]


def peek(key: Hashable, default: Any = None) -> Any:
    """What this process remembers for ``key``, or ``default``; computes nothing."""
    _checked_generation()
    return _memo.get(key, default)


def discard(key: Hashable) -> None:
    """Forget ``key`` in this process (a value not worth keeping, e.g. a miss)."""
    _memo.pop(key, None)


def _bump_now() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): any new value differs from the old
        cache.add(GENERATION_KEY, 1, timeout=None) or cache.incr(GENERATION_KEY)
    _memo.clear()
    _state["generation"] = None
    _local.checked = False


def bump() -> None:
    """Every process forgets what it remembered, once the current transaction commits
    (a process reading before the commit would remember the old rows again)."""
    _memo.clear()
    transaction.on_commit(_bump_now)


def forget() -> None:
    """This process forgets everything (tests: the database was rolled back)."""
    _memo.clear()
    _state["generation"] = None
    _local.checked = False


def _new_request(**kwargs) -> None:
    _local.checked = False


def _changed(sender=None, **kwargs) -> None:
    bump()


def connect() -> None:
    """Connect the receivers that keep the remembered shell true (from ``CmsConfig.ready``)."""
    from django.db.models.signals import m2m_changed
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    request_started.connect(_new_request, dispatch_uid="cms.shell_cache.request")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_changed, dispatch_uid=f"cms.shell_cache.{id(signal)}")

    def _model_changed(sender, created=False, **kwargs) -> None:
        # A site setting's row is created by its first reader (``for_site``), with
        # nothing remembered before it: no need to make every process forget.
        if issubclass(sender, BaseSiteSetting) and created:
            return
        if issubclass(sender, (Page, Site, Locale, BaseSiteSetting, PageViewRestriction)):
            bump()

    # Page subclasses and every site setting model send with their own class as sender.
    post_save.connect(_model_changed, dispatch_uid="cms.shell_cache.save", weak=False)
    post_delete.connect(_model_changed, dispatch_uid="cms.shell_cache.delete", weak=False)
    # The groups a restriction admits (cms.routing remembers each page's restrictions).
    m2m_changed.connect(
        _changed, sender=PageViewRestriction.groups.through, dispatch_uid="cms.shell_cache.groups"
    )
