"""Dates and times in the viewer's zone and language (see ``lms.datetimes``).

{% load datetimes %}
{{ certificate.issued_at|viewer_datetime:request.user }}  → <time …>… KST</time>, or "—"
{{ enrolment.due_on|viewer_date:request.user }}           → "2026년 12월 4일", or "—"
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html

from lms.datetimes import NO_VALUE, display_date, display_datetime, iso_datetime, viewer_zone

register = template.Library()


@register.filter
def viewer_datetime(value, viewer=None):
    """An instant as a ``<time>`` element in the viewer's zone, labelled; "—" when empty."""
    if value in (None, ""):
        return NO_VALUE
    if not isinstance(value, dt.datetime):
        return viewer_date(value, viewer)
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        iso_datetime(value, viewer),
        str(viewer_zone(viewer)),
        display_datetime(value, viewer),
    )


@register.filter
def viewer_date(value, viewer=None):
    """A calendar date (or an instant's date where the viewer is); "—" when empty."""
    if value in (None, ""):
        return NO_VALUE
    return display_date(value, viewer)
