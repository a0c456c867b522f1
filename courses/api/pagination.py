"""Cursor pagination over (a timestamp, id): stable while rows change, and with
``updated_since`` an incremental sync (the client keeps the last ``updated_at`` it saw).

A cursor is opaque to clients: base64 of "<ISO time>|<id>" of the last row of a page.
Each page is one query (``limit + 1`` rows, the extra one only says whether more follow),
whatever the page number.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from courses.api.problems import ApiProblem

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def _encode(moment: dt.datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{moment.isoformat()}|{pk}".encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[dt.datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, pk = raw.rsplit("|", 1)
        parsed = dt.datetime.fromisoformat(moment)
        if parsed.tzinfo is None:
            raise ValueError(moment)
        return parsed, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiProblem(
            422,
            _("The cursor is not one this API gave. Start again without it."),
            slug="invalid-cursor",
            errors=[{"field": "cursor", "location": "query", "detail": _("Unknown cursor.")}],
        ) from None


def _since(moment: dt.datetime) -> dt.datetime:
    """``updated_since`` in UTC (a time without a zone is read as UTC), refused with the
    field named when it is not a year the platform could have written."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        moment = moment.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        moment = None
    if moment is None or not 2000 <= moment.year <= 9000:
        detail = _("Give updated_since as an ISO 8601 time between the years 2000 and 9000.")
        raise ApiProblem(
            422,
            detail,
            slug="invalid-request",
            errors=[{"field": "updated_since", "location": "query", "detail": detail}],
        )
    return moment


def cursor_page(
    queryset: QuerySet,
    *,
    field: str,
    cursor: str | None,
    updated_since: dt.datetime | None,
    limit: int,
) -> tuple[list, str | None]:
    """One page of ``queryset`` ordered by (``field``, id), after ``cursor``, from
    ``updated_since`` (inclusive), and the cursor of the next page (None on the last)."""
    if updated_since is not None:
        queryset = queryset.filter(**{f"{field}__gte": _since(updated_since)})
    if cursor:
        moment, pk = _decode(cursor)
        queryset = queryset.filter(
            Q(**{f"{field}__gt": moment}) | Q(**{field: moment, "pk__gt": pk})
        )
    rows = list(queryset.order_by(field, "pk")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, _encode(getattr(last, field), last.pk)
