"""Webinars as iCalendar files: one event per webinar, in the host's zone with its
VTIMEZONE, stable across moves and languages (``webinar_uid``), the join link only in a
registered person's private feed and only while it is open.
"""

from __future__ import annotations

import datetime as dt
import html

import icalendar
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

from courses.models import CalendarFeed, WebinarPage, WebinarRegistration

CALENDAR_PRODUCT = "-//GSEF Academy//Webinars//EN"


def webinar_uid(webinar: WebinarPage) -> str:
    """The event's identity in calendars: stable across moves, edits and languages."""
    return f"webinar-{webinar.translation_key}@gsef-academy"


def _plain_text(rich_text: str) -> str:
    return " ".join(html.unescape(strip_tags(rich_text or "")).split())


def _event(
    webinar: WebinarPage, *, request: HttpRequest | None, with_join: bool, now: dt.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    zone = webinar.host_zone
    url = webinar.get_full_url(request) or ""
    event.add("uid", webinar_uid(webinar))
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("sequence", webinar.sequence)
    # In the host's zone with its TZID: a calendar app shows the host's hour when
    # asked, and follows the zone's summer-time rules (the VTIMEZONE we attach).
    event.add("dtstart", webinar.starts_at.astimezone(zone))
    event.add("dtend", webinar.ends_at.astimezone(zone))
    event.add("summary", webinar.title)
    event.add("status", "CANCELLED" if webinar.is_cancelled else "CONFIRMED")
    if url:
        event.add("url", url)
    lines = []
    if webinar.is_cancelled:
        lines.append(gettext("This webinar is cancelled."))
    description = _plain_text(webinar.description)
    if description:
        lines.append(description)
    if with_join and webinar.join_url and webinar.join_is_open(now):
        lines.append(gettext("Join: %(url)s") % {"url": webinar.join_url})
        event.add("location", webinar.join_url)
    elif url:
        lines.append(
            gettext("The join link appears on the webinar's page shortly before it starts: %(url)s")
            % {"url": url}
        )
    event.add("description", "\n\n".join(lines))
    return event


def calendar_ics(
    *,
    webinars: list[WebinarPage],
    request: HttpRequest | None = None,
    join_for: frozenset[int] = frozenset(),
    name: str = "",
    now: dt.datetime | None = None,
) -> bytes:
    """An iCalendar file of ``webinars``, with a VTIMEZONE for every host zone used.

    The join link is written only for the webinars whose pk is in ``join_for`` (the
    private feed of a registered person), and only while it is open.
    """
    now = now or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", CALENDAR_PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for webinar in webinars:
        calendar.add_component(
            _event(webinar, request=request, with_join=webinar.pk in join_for, now=now)
        )
    if webinars:
        first = min(webinar.starts_at for webinar in webinars).date() - dt.timedelta(days=366)
        last = max(webinar.ends_at for webinar in webinars).date() + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def feed_webinars(*, feed: CalendarFeed, now: dt.datetime | None = None) -> list[WebinarPage]:
    """The webinars in a person's private feed: those they hold a seat at, from three
    months ago on (cancelled webinars included, so calendars learn of it)."""
    now = now or timezone.now()
    return list(
        WebinarPage.objects.live()
        .filter(
            registrations__user_id=feed.user_id,
            registrations__status=WebinarRegistration.Status.REGISTERED,
            starts_at__gte=now - dt.timedelta(days=90),
        )
        .order_by("starts_at", "pk")
    )
