"""The library items a course's modules link through their "related cases" blocks.

The course page lists them (``{% course_related_cases %}``). One query reads the bodies
of the course's live modules that hold such a block (a text match on the stored JSON,
the same on PostgreSQL and SQLite), and one more, only when some are linked, the items
in the visitor's language (``cms.library.selectors.items_linked_from``). The list is the
same for everyone and changes only with a page: remembered per process until a page
changes (``cms.shell_cache``), so a course page usually costs no query for it.
"""

from __future__ import annotations

from cms import shell_cache
from cms.library.models import LibraryItemPage
from cms.library.selectors import content_language, items_linked_from
from courses.models import CoursePage, ModulePage


def course_related_cases(
    *, course: CoursePage, language: str | None = None
) -> list[LibraryItemPage]:
    """The live public library items the course's live modules link, each once, by title."""
    language = language or content_language()

    def compute() -> list[LibraryItemPage]:
        bodies = (
            ModulePage.objects.child_of(course)
            .live()
            .filter(body__icontains='"related_cases"')
            .values_list("body", flat=True)
        )
        return items_linked_from(stream_values=list(bodies), language=language)

    return shell_cache.remember(("course-related-cases", course.pk, language), compute)
