"""Dates and times as the person reading them expects: in their own time zone
(``User.time_zone``), labelled with it, in the active language's format; and in exports
as ISO 8601 with the offset, so a spreadsheet never guesses.

One place for every admin screen, report and export: templates use the filters of
``lms.templatetags.datetimes`` (``{{ value|viewer_datetime:request.user }}``), Python
code ``display_datetime`` and ``export_datetime``. Wagtail's admin activates its own
profile's zone (UTC unless set), not the platform's ``User.time_zone``: that is why the
viewer is passed explicitly instead of trusting the active zone.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

#: What a screen shows for a value that is not there (never Python's "None").
NO_VALUE = "\N{EM DASH}"

Viewer = Any  # a User (anything with ``time_zone``), a zone name, a tzinfo, or None


def viewer_zone(viewer: Viewer = None) -> dt.tzinfo:
    """The time zone of ``viewer``: a user's ``time_zone``, a zone name, a tzinfo; the
    active zone when none is given or the name is unknown."""
    if isinstance(viewer, dt.tzinfo):
        return viewer
    name = viewer if isinstance(viewer, str) else getattr(viewer, "time_zone", None)
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_current_timezone()


def viewer_localtime(value: dt.datetime, viewer: Viewer = None) -> dt.datetime:
    """``value`` (aware; a naive one is taken as UTC) in the viewer's zone."""
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(viewer_zone(viewer))


def zone_label(local: dt.datetime) -> str:
    """The zone's abbreviation when it has one (KST, CET, GMT), else its UTC offset."""
    name = local.tzname() or ""
    if name.isalpha():
        return name
    offset = local.strftime("%z")  # "+0530"
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def display_datetime(value: dt.datetime | None, viewer: Viewer = None) -> str:
    """A date and time for a person: in their zone, labelled, in the active language's
    format ("2026년 12월 4일 3:54 PM KST", "4 décembre 2026 15:54 CET"); a dash when empty."""
    if value is None:
        return NO_VALUE
    if not isinstance(value, dt.datetime):
        return display_date(value)
    local = viewer_localtime(value, viewer)
    return f"{date_format(local, 'DATETIME_FORMAT')} {zone_label(local)}"


def display_date(value: dt.date | dt.datetime | None, viewer: Viewer = None) -> str:
    """A calendar date in the active language's format (an instant: its date where the
    viewer is); a dash when empty."""
    if value is None:
        return NO_VALUE
    if isinstance(value, dt.datetime):
        value = viewer_localtime(value, viewer).date()
    return date_format(value, "DATE_FORMAT")


def iso_datetime(value: dt.datetime, viewer: Viewer = None) -> str:
    """ISO 8601 with the offset, in the viewer's zone ("2026-12-04T15:54:00+09:00")."""
    return viewer_localtime(value, viewer).isoformat(timespec="seconds")


def export_datetime(value: dt.datetime | dt.date | None, viewer: Viewer = None) -> str:
    """A date or time for a CSV/XLSX cell: ISO 8601, with the offset for an instant
    (in the viewer's zone when given, else the active one); "" when empty."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return iso_datetime(value, viewer)
    return value.isoformat()


def export_value(value: Any, viewer: Viewer = None) -> Any:
    """Any cell value, with dates and times written by ``export_datetime``."""
    if isinstance(value, dt.date):
        return export_datetime(value, viewer)
    return value
