"""HTML of a person's page kept in the shared cache under a key that names its state.

A page that is personal (My learning, a discussion thread) cannot come from the page
cache, but most visits find nothing changed since the last. Its caller makes a *key*
that changes with everything the HTML shows (a fingerprint of its rows, the site shell's
generation, the person's standing, the language), so nothing ever has to be cleared: a
change makes a new key and the old entry expires. What turns with the clock alone is
bounded by a moment the caller returns with the HTML (``valid_until``).

A form's CSRF token is not the same for every visit: the HTML is rendered with a
placeholder (``render_with_placeholder``) that ``with_token`` replaces with the
visitor's own on each response.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

CSRF_PLACEHOLDER = "csrf-placeholder-0b6f7d1e"


def key(name: str, *parts) -> str:
    """A key for ``kept``: ``name``, the site shell's generation (any page published,
    moved or deleted since makes another) and the caller's ``parts``."""
    from cms import shell_cache

    return ":".join(str(part) for part in (name, shell_cache.generation(), *parts))


def render_with_placeholder(template: str, context: dict, request: HttpRequest) -> str:
    """``template`` rendered for ``request`` with the placeholder as its CSRF token."""
    return render_to_string(template, {**context, "csrf_token": CSRF_PLACEHOLDER}, request)


def with_token(html: str, request: HttpRequest) -> SafeString:
    """Kept HTML with the visitor's own CSRF token in place of the placeholder."""
    # Rendered by our templates (escaped there); the token is URL-safe characters.
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308


def kept(
    key: str | None,
    compute: Callable[[], tuple[dt.datetime | None, str]],
    *,
    now: dt.datetime,
) -> str:
    """The HTML kept for ``key`` while ``now`` is before the moment kept with it, else
    ``compute()``'s ``(valid_until or None, html)``, kept ``KEPT_PAGES_SECONDS``. ``key``
    None: computed every time (a database that cannot fingerprint, a form with errors),
    as everything is when ``KEPT_PAGES_SECONDS`` is 0."""
    seconds = settings.KEPT_PAGES_SECONDS
    if not seconds:
        key = None
    if key is not None:
        entry = cache.get(key)
        if entry is not None and (entry[0] is None or now < entry[0]):
            return entry[1]
    until, html = compute()
    if key is not None:
        cache.set(key, (until, html), timeout=seconds)
    return html
