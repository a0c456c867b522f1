"""The catalogue page's parts that are the same for everyone, rendered once and kept.

The catalogue (``CourseIndexPage``) shows the header, the programmes section, the filter
form, one page of course cards and the pagination: all a function of the page, the
language, the request's host (links) and the query string, and of the time only through
the courses' enrolment windows ("open now" and the order). So the rendered HTML is kept
per process (``cms.shell_cache``: dropped whenever a page is published, which is when the
course listing changes) for at most ``MAX_ENTRIES`` queries, least recently used out, each
until the next opening or closing of an enrolment window after it was rendered (every
window's bounds are read once, kept the same way).

The next open webinars are kept the same way per language and viewer's time zone (the
only thing of the person they show), until the first of them ends.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Hashable

from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from cms import shell_cache
from courses.models import CourseIndexPage, CourseListing

MAX_ENTRIES = 200
# The query string's parameters the catalogue reads (the form's fields and the page);
# the form and the links read the last value of a repeated one.
PARAMETERS = ("q", "topic", "language", "format", "host", "region", "open_now", "page")
LONGEST_VALUE = 400  # longer values (no real search) are rendered, not kept


def _kept(key: Hashable, now: dt.datetime, compute: Callable[[], tuple]) -> SafeString:
    """The HTML kept for ``key`` if still good at ``now``, else ``compute()``'s, kept
    (``shell_cache.remember_recent``, the ``MAX_ENTRIES`` most recent keys).

    ``compute`` returns ``(valid_until or None, html)``.
    """
    entry = shell_cache.remember_recent(
        "catalogue-rendered",
        key,
        compute,
        most=MAX_ENTRIES,
        fresh=lambda kept: kept[0] is None or now < kept[0],
    )
    return entry[1]


def next_window_change(now: dt.datetime) -> dt.datetime | None:
    """The first opening or closing of any course's enrolment window after ``now``.

    Every course's window bounds are read once per process until the listing changes.
    """

    def bounds() -> list[dt.datetime]:
        moments = set()
        for opens, closes in CourseListing.objects.filter(
            Q(enrolment_opens_at__isnull=False) | Q(enrolment_closes_at__isnull=False)
        ).values_list("enrolment_opens_at", "enrolment_closes_at"):
            moments.update(moment for moment in (opens, closes) if moment)
        return sorted(moments)

    moments = shell_cache.remember(("catalogue-window-bounds",), bounds)
    index = bisect.bisect_right(moments, now)
    return moments[index] if index < len(moments) else None


def catalogue_body(*, request: HttpRequest, index: CourseIndexPage) -> SafeString:
    """The catalogue's header, programmes, filter form, results and pagination."""
    from courses import selectors

    now = timezone.now()

    def compute() -> tuple:
        valid_until = next_window_change(now)
        context = {"page": index, "self": index, "request": request}
        context.update(selectors.catalogue_context(request=request, index=index))
        return valid_until, render_to_string("courses/catalogue_body.html", context)

    query = tuple(
        (name, request.GET.getlist(name)[-1]) for name in PARAMETERS if name in request.GET
    )
    if getattr(request, "is_preview", False) or any(
        len(value) > LONGEST_VALUE for _name, value in query
    ):
        return compute()[1]
    key = ("body", index.pk, translation.get_language(), request.get_host(), query)
    return _kept(key, now, compute)


def webinars_section(*, request: HttpRequest) -> SafeString:
    """The next open webinars with a link to all of them, in the viewer's time zone."""
    from courses.selectors.webinar_times import viewer_zone

    now = timezone.now()
    user = getattr(request, "user", None)
    zone, is_default = viewer_zone(user)

    def compute() -> tuple:
        from courses.selectors.webinars import upcoming_public_webinars

        webinars = upcoming_public_webinars(user=user, limit=3, now=now)
        valid_until = min((webinar.ends_at for webinar in webinars), default=None)
        context = {
            "request": request,
            "heading": gettext("Upcoming open webinars"),
            "webinars": webinars,
        }
        html = render_to_string("components/webinar_section.html", context)
        return valid_until, html  # a SafeString: the template escaped

    if getattr(request, "is_preview", False):
        return compute()[1]
    zone_name = str(getattr(zone, "key", "UTC"))
    key = ("webinars", translation.get_language(), request.get_host(), zone_name, is_default)
    return _kept(key, now, compute)
