"""Prerequisites between courses: which courses come first, whether a learner has done
them, and whether a new prerequisite would close a cycle.

A course's prerequisites are the ``CoursePrerequisite`` rows of its live versions, by
translation key of both ends (union over the versions: translations copy the rows from
their source). "Done" means a completed enrolment in the required course, in any
language. Each function costs a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Q
from django.utils.translation import gettext

from courses.models import CoursePage, CoursePrerequisite, Enrolment
from courses.selectors.catalogue import publicly_visible

PAGE_FIELDS = ("id", "title", "url_path", "path", "depth", "translation_key", "locale_id")


def prerequisite_keys(*, course_keys: Iterable[UUID]) -> dict[UUID, list[UUID]]:
    """For each course key, the keys of the courses to complete first, in authored order."""
    rows = (
        CoursePrerequisite.objects.filter(
            page__translation_key__in=list(course_keys), page__live=True
        )
        .order_by("page_id", "sort_order", "pk")
        .values_list("page__translation_key", "required_course__translation_key")
    )
    found: dict[UUID, list[UUID]] = {}
    for course_key, required_key in rows:
        keys = found.setdefault(course_key, [])
        if required_key not in keys and required_key != course_key:
            keys.append(required_key)
    return found


def pages_in_language(*, keys: Iterable[UUID], language: str) -> dict[UUID, CoursePage]:
    """One live public page per course key: the one in ``language``, else the oldest."""
    pages = (
        publicly_visible(CoursePage.objects.live())
        .filter(translation_key__in=list(keys))
        .select_related("locale")
        .only(*PAGE_FIELDS, "locale__language_code")
        .order_by("pk")
    )
    chosen: dict[UUID, CoursePage] = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale.language_code == language and current.locale.language_code != language
        ):
            chosen[page.translation_key] = page
    return chosen


@dataclass(frozen=True)
class Prerequisite:
    """A course to complete first, as the person looking sees it."""

    key: UUID
    page: CoursePage | None
    status: str  # "completed", "active", "withdrawn" or "" (not enrolled; anonymous)

    @property
    def title(self) -> str:
        return self.page.title if self.page else gettext("a course no longer published")

    @property
    def is_done(self) -> bool:
        return self.status == Enrolment.Status.COMPLETED

    @property
    def status_label(self) -> str:
        labels = {
            Enrolment.Status.COMPLETED: gettext("You completed it."),
            Enrolment.Status.ACTIVE: gettext("You are taking it."),
            Enrolment.Status.WITHDRAWN: gettext("You withdrew from it."),
        }
        return labels.get(self.status, gettext("You have not started it."))


def course_prerequisites(
    *, course_key: UUID, user, language: str, remembered: bool = False
) -> list[Prerequisite]:
    """The courses to complete before ``course_key``, with the learner's status in each
    (three queries; one for a course without prerequisites).

    ``remembered``: in a request, the prerequisites and their pages are what every visitor
    sees alike and change only when a page is published, so the process keeps them
    (``cms.shell_cache``) and only the learner's statuses cost a query. Never in a
    worker: its process sees no request that would check the cache's generation."""

    def read() -> tuple[list[UUID], dict[UUID, CoursePage]]:
        keys = prerequisite_keys(course_keys=[course_key]).get(course_key, [])
        return keys, (pages_in_language(keys=keys, language=language) if keys else {})

    if remembered:
        from cms import shell_cache

        keys, pages = shell_cache.remember(("course-prerequisites", course_key, language), read)
    else:
        keys, pages = read()
    if not keys:
        return []
    statuses: dict[UUID, str] = {}
    if user is not None and user.is_authenticated:
        statuses = dict(
            Enrolment.objects.filter(user=user, course_key__in=keys).values_list(
                "course_key", "status"
            )
        )
    return [Prerequisite(key, pages.get(key), statuses.get(key, "")) for key in keys]


def missing_prerequisites(*, course_key: UUID, user, language: str) -> list[Prerequisite]:
    return [
        row
        for row in course_prerequisites(course_key=course_key, user=user, language=language)
        if not row.is_done
    ]


def prerequisite_message(missing: list[Prerequisite]) -> str:
    """ "Complete “X” first." — the refusal a learner, a coordinator or an import reads."""
    titles = ", ".join(f"“{row.title}”" for row in missing)
    if len(missing) == 1:
        return gettext("Complete %(course)s first.") % {"course": titles}
    return gettext("Complete these courses first: %(courses)s.") % {"courses": titles}


def prerequisite_cycle(*, course_key: UUID, required_keys: Iterable[UUID]) -> list[UUID] | None:
    """The chain of course keys ``course_key → … → course_key`` that requiring
    ``required_keys`` would close, or None. Reads every prerequisite once (one query):
    the graph is small (courses, not learners)."""
    graph: dict[UUID, set[UUID]] = {}
    rows = CoursePrerequisite.objects.filter(~Q(page__translation_key=course_key)).values_list(
        "page__translation_key", "required_course__translation_key"
    )
    for source, target in rows:
        graph.setdefault(source, set()).add(target)
    graph[course_key] = set(required_keys)
    # Depth-first from the course; a path back to it is the cycle.
    stack: list[tuple[UUID, list[UUID]]] = [(course_key, [course_key])]
    seen: set[UUID] = set()
    while stack:
        node, path = stack.pop()
        for target in sorted(graph.get(node, ()), key=str):
            if target == course_key:
                return [*path, course_key]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def course_titles(*, keys: Iterable[UUID], language: str) -> dict[UUID, str]:
    """Titles of courses by key (any page, live or not), in ``language`` where possible."""
    pages = (
        CoursePage.objects.filter(translation_key__in=list(keys))
        .select_related("locale")
        .only("id", "title", "translation_key", "locale__language_code")
        .order_by("pk")
    )
    titles: dict[UUID, str] = {}
    in_language: set[UUID] = set()
    for page in pages:
        if page.translation_key not in titles or (
            page.locale.language_code == language and page.translation_key not in in_language
        ):
            titles[page.translation_key] = page.title
        if page.locale.language_code == language:
            in_language.add(page.translation_key)
    return titles
