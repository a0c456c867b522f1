"""What library pages show, for the anonymous page cache (cms.page_cache).

cms tags every Wagtail page with itself and its ancestors and purges them, in every
language, on publish, unpublish, move and delete: an item's change makes its page and its
index stale. This adds the index's query parameters (its filters are cached too) and the
"library" tag: a page that can show library items from elsewhere in the tree carries it
(``LIBRARY``): a page whose StreamFields can hold the "related cases" block (a module),
or whose child pages' can (a course lists the cases its modules link); found from the
page types' blocks, so cms names no upper app. Every library change purges it.
"""

from __future__ import annotations

from functools import cache

from wagtail.fields import StreamField

from cms import page_cache
from cms.library.blocks import RelatedCasesBlock
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


@cache
def _holds_block(model) -> bool:
    """Can a page of this type hold a "related cases" block in one of its StreamFields?"""
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and any(
            isinstance(block, RelatedCasesBlock)
            for block in field.stream_block.child_blocks.values()
        ):
            return True
    return False


@cache
def _may_show_items(model) -> bool:
    return _holds_block(model) or any(_holds_block(sub) for sub in model.allowed_subpage_models())


def _shows(page) -> set[str]:
    kind = page.specific_class
    return {LIBRARY} if kind is not None and _may_show_items(kind) else set()


def register() -> None:
    page_cache.register_query_parameters(*QUERY_PARAMETERS)
    page_cache.register_page_tagger(_shows)
    page_cache.register_change_tagger(_touches)
