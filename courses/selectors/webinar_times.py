"""A webinar's time as one viewer reads it: in their zone (UTC for a visitor, labelled
so) and in the host's, with the weekday named, on the 24-hour clock, in the active
language. Pure functions of the webinar and the viewer: no query.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext

from courses.dates import content_language
from courses.models import WebinarPage
from lms.models import User

# Webinar dates name the weekday: across fifteen hours of time zones the day is
# what people get wrong. Times are on the 24-hour clock everywhere GSEF works.
WEBINAR_DATE_FORMATS = {
    "en": "l j F Y",
    "fr": "l j F Y",
    "es": r"l j \d\e F \d\e Y",
    "ko": "Y년 n월 j일 l",
}
WEBINAR_TIME_FORMAT = "H:i"


def viewer_zone(user: User | None) -> tuple[dt.tzinfo, bool]:
    """The zone to show times in, and whether it is UTC for want of knowing better.

    A signed-in person sees their profile's zone; a visitor sees UTC, labelled so.
    """
    if user is not None and getattr(user, "is_authenticated", False) and user.time_zone:
        try:
            return zoneinfo.ZoneInfo(user.time_zone), False
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC, True


def utc_offset_label(moment: dt.datetime) -> str:
    """The offset of an aware datetime: "UTC+9", "UTC-4", "UTC+5:30", "UTC+0"."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{rest:02d}" if rest else f"UTC{sign}{hours}"


def zone_label(moment: dt.datetime) -> str:
    """The zone's abbreviation with its offset, "EDT (UTC-4)", "GMT (UTC+0)"; just the
    offset when the zone has no abbreviation of its own ("+04" style names); "UTC"
    for UTC itself."""
    name = moment.tzname() or ""
    if name == "UTC":
        return name
    offset = utc_offset_label(moment)
    if not name or name[0] in "+-":
        return offset
    return f"{name} ({offset})"


def _date_text(moment: dt.datetime) -> str:
    return formats.date_format(
        moment, WEBINAR_DATE_FORMATS.get(content_language(), "DATE_FORMAT"), use_l10n=True
    )


def _time_text(moment: dt.datetime) -> str:
    return formats.time_format(moment, WEBINAR_TIME_FORMAT)


def span_text(start: dt.datetime, end: dt.datetime, zone: dt.tzinfo) -> str:
    """Text like "Tuesday 16 March 2027, 10:00-11:30 EDT (UTC-4)" in the active language;
    both dates when the webinar crosses midnight in ``zone``."""
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() == end.date():
        return gettext("%(date)s, %(start)s–%(end)s %(zone)s") % {  # noqa: RUF001
            "date": _date_text(start),
            "start": _time_text(start),
            "end": _time_text(end),
            "zone": zone_label(start),
        }
    return gettext("%(start_date)s, %(start)s – %(end_date)s, %(end)s %(zone)s") % {  # noqa: RUF001
        "start_date": _date_text(start),
        "start": _time_text(start),
        "end_date": _date_text(end),
        "end": _time_text(end),
        "zone": zone_label(end),
    }


@dataclass(frozen=True)
class WebinarTimes:
    """A webinar's time for one viewer: theirs, the host's, and the instants for <time>."""

    starts_at_iso: str
    ends_at_iso: str
    viewer_text: str
    viewer_zone_name: str
    viewer_is_utc_default: bool
    host_text: str
    host_zone_name: str
    same_zone: bool


def webinar_times(webinar: WebinarPage, *, zone: dt.tzinfo, zone_is_default: bool) -> WebinarTimes:
    """The webinar's start and end for a viewer in ``zone``, with the host's beside it."""
    start, end = webinar.starts_at, webinar.ends_at
    host = webinar.host_zone
    viewer_text = span_text(start, end, zone)
    host_text = span_text(start, end, host)
    return WebinarTimes(
        starts_at_iso=start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ends_at_iso=end.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        viewer_text=viewer_text,
        viewer_zone_name=str(getattr(zone, "key", "UTC")),
        viewer_is_utc_default=zone_is_default,
        host_text=host_text,
        host_zone_name=webinar.host_time_zone,
        same_zone=viewer_text == host_text,
    )


def times_for_user(webinar: WebinarPage, user: User | None) -> WebinarTimes:
    zone, is_default = viewer_zone(user)
    return webinar_times(webinar, zone=zone, zone_is_default=is_default)
