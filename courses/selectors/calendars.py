"""Webinars as iCalendar files: one event per webinar, in the host's zone with its
VTIMEZONE, stable across moves and languages (``webinar_uid``), written in the reader's
language, every address on the public base URL (``lms.urls_absolute``).

The private feed (one per person, at a secret address) also says how often to refresh,
names itself, and carries the join link of every webinar the person holds a seat at from
registration on: Google refreshes a subscription only every several hours, so a link that
appeared 15 minutes before the start would never be seen there. The public file of one
webinar never carries the join link.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import urlencode

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext

from courses.models import CalendarFeed, CoursePage, WebinarPage, WebinarRegistration
from lms.urls_absolute import absolute_url, page_absolute_url, webcal_url

CALENDAR_PRODUCT = "-//GSEF Academy//Webinars//EN"
# How often a subscribed calendar should fetch the feed again (RFC 7986 REFRESH-INTERVAL,
# and Outlook's X-PUBLISHED-TTL); clients may still wait longer (Google: several hours).
FEED_REFRESH_INTERVAL = dt.timedelta(hours=1)


def webinar_uid(webinar: WebinarPage) -> str:
    """The event's identity in calendars: stable across moves, edits and languages.

    Not built on the public address: a UID must never change, or every subscriber would
    see each webinar twice; the translation key is a UUID, unique on its own."""
    return f"webinar-{webinar.translation_key}@gsef-academy"


def _plain_text(rich_text: str) -> str:
    return " ".join(html.unescape(strip_tags(rich_text or "")).split())


def _sender_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "academy@localhost"


def _organizer(host_names: list[str]) -> icalendar.vCalAddress:
    """Who holds the webinar: the host organisations of its course (else the platform),
    reached at the platform's own address, which answers for them."""
    organizer = icalendar.vCalAddress(f"mailto:{_sender_address()}")
    organizer.params["CN"] = icalendar.vText(
        ", ".join(host_names) if host_names else settings.WAGTAIL_SITE_NAME
    )
    return organizer


def _in_language(webinars: list[WebinarPage], language: str) -> dict[int, WebinarPage]:
    """For each webinar (by pk), its live version in ``language`` when there is one: one
    query for the whole list."""
    keys = {webinar.translation_key for webinar in webinars}
    versions = {
        page.translation_key: page
        for page in WebinarPage.objects.live().filter(
            translation_key__in=keys, locale__language_code=language
        )
    }
    return {webinar.pk: versions.get(webinar.translation_key, webinar) for webinar in webinars}


def _hosts(webinars: list[WebinarPage]) -> dict[int, list[str]]:
    """The host organisations' names of each webinar's course (by webinar pk): two queries."""
    parent_paths = {webinar.pk: webinar.path[: -webinar.steplen] for webinar in webinars}
    courses = CoursePage.objects.filter(path__in=set(parent_paths.values())).prefetch_related(
        "host_organisations"
    )
    names = {
        course.path: sorted(organisation.name for organisation in course.host_organisations.all())
        for course in courses
    }
    return {pk: names.get(path, []) for pk, path in parent_paths.items()}


def _event(
    webinar: WebinarPage,
    *,
    shown: WebinarPage,
    hosts: list[str],
    with_join: bool,
    now: dt.datetime,
) -> icalendar.Event:
    """``webinar``'s event; ``shown`` is its version in the reader's language (title,
    description, address)."""
    event = icalendar.Event()
    zone = webinar.host_zone
    url = page_absolute_url(shown)
    event.add("uid", webinar_uid(webinar))
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("sequence", webinar.sequence)
    # In the host's zone with its TZID: a calendar app shows the host's hour when
    # asked, and follows the zone's summer-time rules (the VTIMEZONE we attach).
    event.add("dtstart", webinar.starts_at.astimezone(zone))
    event.add("dtend", webinar.ends_at.astimezone(zone))
    event.add("summary", shown.title)
    event.add("status", "CANCELLED" if webinar.is_cancelled else "CONFIRMED")
    event.add("organizer", _organizer(hosts))
    if url:
        event.add("url", url)
    lines = []
    if webinar.is_cancelled:
        lines.append(gettext("This webinar is cancelled."))
    description = _plain_text(shown.description)
    if description:
        lines.append(description)
    if with_join and webinar.join_url and not webinar.is_cancelled and not webinar.has_ended(now):
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
    join_for: frozenset[int] = frozenset(),
    name: str = "",
    language: str | None = None,
    refresh: dt.timedelta | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """An iCalendar file of ``webinars`` in ``language`` (the active one when not given):
    each webinar's title, description and address from its version in that language when
    there is one, the file's own words translated; a VTIMEZONE for every host zone used.

    The join link is written only for the webinars whose pk is in ``join_for`` (the
    private feed of a registered person). ``refresh`` (a subscription) asks calendar apps
    to fetch it again that often.
    """
    now = now or timezone.now()
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    shown = _in_language(webinars, language) if webinars else {}
    hosts = _hosts(webinars) if webinars else {}
    calendar = icalendar.Calendar()
    calendar.add("prodid", CALENDAR_PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    if refresh:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(refresh))
    with translation.override(language):
        for webinar in webinars:
            calendar.add_component(
                _event(
                    webinar,
                    shown=shown[webinar.pk],
                    hosts=hosts[webinar.pk],
                    with_join=webinar.pk in join_for,
                    now=now,
                )
            )
    if webinars:
        first = min(webinar.starts_at for webinar in webinars).date() - dt.timedelta(days=366)
        last = max(webinar.ends_at for webinar in webinars).date() + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def feed_calendar_ics(*, feed: CalendarFeed, now: dt.datetime | None = None) -> bytes:
    """A person's private feed, in their language: every webinar they hold a seat at
    (``feed_webinars``), each with its join link."""
    now = now or timezone.now()
    language = feed.user.preferred_language or settings.LANGUAGE_CODE
    webinars = feed_webinars(feed=feed, now=now)
    with translation.override(language):
        name = gettext("GSEF Academy webinars")
    return calendar_ics(
        webinars=webinars,
        join_for=frozenset(webinar.pk for webinar in webinars),
        name=name,
        language=language,
        refresh=FEED_REFRESH_INTERVAL,
        now=now,
    )


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


# --- links that put a webinar or the feed into a calendar app, without JavaScript ------------

GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"
OUTLOOK_COMPOSE = "https://outlook.live.com/calendar/0/action/compose"
OFFICE_COMPOSE = "https://outlook.office.com/calendar/0/action/compose"
# Long enough to say what the webinar is, short enough for the address bar's limits.
DETAILS_MAX_CHARS = 600


@dataclass(frozen=True)
class AddToCalendarLinks:
    """One webinar as a new event in Google Calendar, Outlook.com and Microsoft 365."""

    google: str
    outlook: str
    office: str


def add_to_calendar_links(webinar: WebinarPage) -> AddToCalendarLinks:
    """Template addresses for ``webinar`` (as shown: its title and description in the page's
    language), with the UTC start and end and its public address in the details; never the
    join link, which is for registered people only."""
    url = page_absolute_url(webinar)
    details = _plain_text(webinar.description)
    details = Truncator(details).chars(DETAILS_MAX_CHARS) if details else ""
    details = "\n\n".join(part for part in (details, url) if part)
    starts, ends = webinar.starts_at.astimezone(dt.UTC), webinar.ends_at.astimezone(dt.UTC)
    google = urlencode(
        {
            "action": "TEMPLATE",
            "text": webinar.title,
            "dates": f"{starts:%Y%m%dT%H%M%SZ}/{ends:%Y%m%dT%H%M%SZ}",
            "details": details,
            "location": url,
        }
    )
    outlook = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": webinar.title,
            "startdt": f"{starts:%Y-%m-%dT%H:%M:%SZ}",
            "enddt": f"{ends:%Y-%m-%dT%H:%M:%SZ}",
            "body": details,
            "location": url,
        }
    )
    return AddToCalendarLinks(
        google=f"{GOOGLE_TEMPLATE}?{google}",
        outlook=f"{OUTLOOK_COMPOSE}?{outlook}",
        office=f"{OFFICE_COMPOSE}?{outlook}",
    )


@dataclass(frozen=True)
class FeedLinks:
    """A person's private feed: its https address (to copy), its webcal:// address (a click
    subscribes in Apple Calendar, Outlook, Thunderbird), and Google Calendar's subscribe page."""

    https: str
    webcal: str
    google: str


def feed_links(feed: CalendarFeed) -> FeedLinks:
    path = reverse("learn:calendar_feed", args=[feed.token])
    webcal = webcal_url(path)
    return FeedLinks(
        https=absolute_url(path),
        webcal=webcal,
        google=f"{GOOGLE_TEMPLATE}?{urlencode({'cid': webcal})}",
    )
