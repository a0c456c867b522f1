"""What the coordinator's weekly digest says: their organisations' learners this week.

A fixed number of queries whatever the size of the organisations; each list is cut
to its first ``DIGEST_NAMES`` entries, with the full count beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from courses.models import CoursePage, Enrolment
from courses.permissions import enrolment_policy
from courses.selectors.attribution import attributed_enrolments
from lms.models import Organisation, User

DIGEST_NAMES = 10
WEEK = dt.timedelta(days=7)
DEFAULT_INACTIVITY_DAYS = 7


@dataclass(frozen=True)
class DigestLine:
    learner: str
    course: str
    when: dt.datetime | dt.date | None


@dataclass
class DigestSection:
    key: str
    count: int = 0
    lines: list[DigestLine] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.lines)


@dataclass
class Digest:
    organisations: list[Organisation]
    sections: list[DigestSection]

    @property
    def is_empty(self) -> bool:
        return not any(section.count for section in self.sections)

    def section(self, key: str) -> DigestSection:
        return next(section for section in self.sections if section.key == key)


def _section(key: str, queryset: QuerySet[Enrolment], when: str, titles: dict) -> DigestSection:
    rows = list(queryset.select_related("user").order_by(f"-{when}", "pk")[:DIGEST_NAMES])
    return DigestSection(
        key=key,
        count=queryset.count(),
        lines=[
            DigestLine(
                learner=str(row.user) if row.user else "",
                course=titles.get(row.course_key, ""),
                when=getattr(row, when),
            )
            for row in rows
        ],
    )


def digest_for(*, user: User, now: dt.datetime) -> Digest:
    """The week before ``now`` in the organisations ``user`` coordinates: new enrolments,
    completions, learners past their deadline and learners who have stopped progressing
    (longer than their course's reminder cadence)."""
    organisations = list(
        enrolment_policy.organisations_user_follows(user).active().order_by("name")
    )
    enrolments = attributed_enrolments(organisations).filter(user__isnull=False)
    language = getattr(user, "preferred_language", "en")
    titles: dict = {}
    cadence: dict = {}
    rows = CoursePage.objects.order_by("-pk").values_list(
        "translation_key", "title", "locale__language_code", "inactivity_reminder_days"
    )
    for key, title, code, days in rows:
        if code == language or key not in titles:
            titles[key] = title
        cadence[key] = days or DEFAULT_INACTIVITY_DAYS
    active = enrolments.filter(status=Enrolment.Status.ACTIVE)
    # Inactive: no progress for longer than their course's reminder cadence.
    by_days: dict[int, list] = {}
    for key, days in cadence.items():
        by_days.setdefault(days, []).append(key)
    inactive = Q(
        ~Q(course_key__in=list(cadence)),
        last_activity_at__lt=now - dt.timedelta(days=DEFAULT_INACTIVITY_DAYS),
    )
    for days, keys in by_days.items():
        inactive |= Q(course_key__in=keys, last_activity_at__lt=now - dt.timedelta(days=days))
    sections = [
        _section("enrolled", enrolments.filter(enrolled_at__gte=now - WEEK), "enrolled_at", titles),
        _section(
            "completed",
            enrolments.filter(completed_at__gte=now - WEEK, status=Enrolment.Status.COMPLETED),
            "completed_at",
            titles,
        ),
        _section("overdue", active.filter(due_on__lt=now.date()), "due_on", titles),
        _section("inactive", active.filter(inactive), "last_activity_at", titles),
    ]
    return Digest(organisations=organisations, sections=sections)
