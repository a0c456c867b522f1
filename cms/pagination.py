"""Pagination that reads a page of rows and their count in one query (any app's lists)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


def paginate_once(rows: QuerySet, *, per_page: int, number) -> Page:
    """The page ``number`` of ``rows`` (the first when not a number, the last when past
    the end), counted by the same query that reads it: a window ``COUNT(*) OVER ()``
    instead of Django's count query and page query, which ran the list twice.
    """
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    paginator = Paginator(rows, per_page)
    counted = rows.annotate(total_rows=Window(Count("*")))
    start = (number - 1) * per_page
    found = list(counted[start : start + per_page]) if number >= 1 else []
    if found:
        paginator.__dict__["count"] = found[0].total_rows
        return Page(found, number, paginator)
    # Past the end (or nothing at all): Django's own rules, two queries, rarely.
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    return page
