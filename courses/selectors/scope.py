"""What one person may see in the reports: their ``ReportScope``.

Who sees what is decided once, by the enrolment policy's reach
(``courses.permissions``), which ``report_scope`` wraps: the secretariat sees every
enrolment; a coordinator those made for the organisations they coordinate; a trainer
those of the courses they teach. Every report (``courses.selectors.reports``) starts
from ``ReportScope.enrolments()`` so that no screen, filter choice, chart or export can
show more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from uuid import UUID

from django.db.models import QuerySet

from courses.models import CoursePage, Enrolment
from courses.permissions import Reach, reach_of
from lms.models import Organisation, User


@dataclass(frozen=True)
class ReportScope(Reach):
    """What one person may see in the reports: their reach (``courses.permissions``)."""

    @property
    def is_secretariat(self) -> bool:
        return self.everything

    @property
    def is_coordinator(self) -> bool:
        return bool(self.organisation_ids)

    @property
    def is_trainer(self) -> bool:
        return bool(self.course_keys)

    def enrolments(self) -> QuerySet[Enrolment]:
        return Enrolment.objects.filter(self.enrolment_q())

    def organisations(self) -> QuerySet[Organisation]:
        """The organisations the person may filter by (their own; all for the secretariat)."""
        if self.everything:
            return Organisation.objects.all()
        return Organisation.objects.filter(pk__in=self.organisation_ids)

    @cached_property
    def course_titles(self) -> dict[UUID, str]:
        """Title of every course with an enrolment in scope (two queries, once per scope)."""
        keys = self.enrolments().order_by().values_list("course_key", flat=True).distinct()
        return course_titles(keys)

    def for_course(self, course_key: UUID) -> ReportScope:
        """The part of this scope about one course."""
        if self.everything or course_key in self.course_keys:
            return ReportScope(course_keys=frozenset([course_key]))
        return ReportScope()


def report_scope(*, user: User) -> ReportScope:
    """What ``user`` may see: the enrolment policy's reach (everything for the secretariat,
    their organisations' for a coordinator, their courses' for a trainer, or nothing)."""
    reach = reach_of(user)
    return ReportScope(
        everything=reach.everything,
        organisation_ids=reach.organisation_ids,
        course_keys=reach.course_keys,
    )


def course_titles(course_keys) -> dict[UUID, str]:
    """The title of each course's oldest page (its original language), by translation key."""
    titles: dict[UUID, str] = {}
    pages = (
        CoursePage.objects.filter(translation_key__in=list(course_keys))
        .order_by("-pk")
        .values_list("translation_key", "title")
    )
    for key, title in pages:
        titles[key] = title  # the oldest page comes last and wins
    return titles


def course_choices(*, scope: ReportScope) -> list[tuple[str, str]]:
    """(translation key, title) of the courses with enrolments the person may see."""
    return sorted(
        ((str(key), title or str(key)) for key, title in scope.course_titles.items()),
        key=lambda row: row[1],
    )
