"""What library pages show, for the anonymous page cache (cms.page_cache).

cms tags every Wagtail page with itself and its ancestors and purges them, in every
language, on publish, unpublish, move and delete: an item's change makes its page and its
index stale. This adds the index's query parameters (its filters are cached too) and the
"library" tag: any page listing library items from elsewhere in the tree (a course's
related cases, a module's block) carries it (``LIBRARY``), and every library change
purges it.
"""

from __future__ import annotations

from cms import page_cache
from cms.library.models import LibraryIndexPage, LibraryItemPage

LIBRARY = "library"  # library items shown outside the library (related cases)
QUERY_PARAMETERS = (
    "q",
    "kind",
    "region",
    "country",
    "sector",
    "instrument",
    "language",
    "year",
    "page",
)


def _touches(page) -> set[str]:
    kind = page.specific_class
    if kind is not None and issubclass(kind, LibraryItemPage | LibraryIndexPage):
        return {LIBRARY}
    return set()


def register() -> None:
    page_cache.register_query_parameters(*QUERY_PARAMETERS)
    page_cache.register_change_tagger(_touches)
