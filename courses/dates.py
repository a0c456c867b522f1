"""Dates and time zones as people read them: the content language, a person's time zone,
and a date in words.

Pure helpers with no database access, shared by selectors, services, template tags and
e-mails, so that none of them has to import another layer's private names.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from wagtail.coreutils import get_supported_content_language_variant

# Dates in sentences ("Enrolment closed on 1 March 2027."). Django's English
# DATE_FORMAT is American ("March 1, 2027"); GSEF writes international English.
# Every other language uses its own DATE_FORMAT ("1 mars 2027", "2027년 3월 1일").
LONG_DATE_FORMATS = {"en": "j F Y"}


def content_language() -> str:
    """The active content language code ("fr" for "fr-ca"), without a query."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def long_date(value: dt.date | dt.datetime, time_zone: dt.tzinfo) -> str:
    """``value`` in words in the active language; a datetime is read on ``time_zone``'s
    calendar ("1 March 2027", "1 mars 2027")."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value, time_zone).date()
    return formats.date_format(value, LONG_DATE_FORMATS.get(content_language(), "DATE_FORMAT"))


def user_time_zone(user) -> dt.tzinfo:
    """The person's time zone, else the site's."""
    name = getattr(user, "time_zone", "") if user is not None else ""
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_current_timezone()


def viewer_time_zone(request: HttpRequest | None) -> dt.tzinfo:
    """The signed-in person's time zone, else the site's."""
    user = getattr(request, "user", None)
    return user_time_zone(user if user is not None and user.is_authenticated else None)
