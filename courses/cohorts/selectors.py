"""Reads about cohorts: may this person join, the schedule a member sees, the cohort's
live sessions, and the facilitator's view (members, on track or behind, results by city).

The facilitator's rows are the reports' rows (``courses.selectors.reports.progress_report``)
of the cohort's members' enrolments, with one more column, ``is_behind``. The rule:
**a member is behind when a module's due date in the cohort has passed (on the cohort's
clock) and that module is not completed, while the course is not completed.** Every
query here is one SQL statement whatever the cohort's size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from courses.cohorts.models import Cohort, CohortMember, CohortModule
from courses.dates import content_language, long_date
from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage, WebinarPage
from courses.selectors.learning import Refusal
from courses.selectors.reports import progress_report
from courses.selectors.scope import ReportScope


def cohort_refusal(
    *, cohort: Cohort, now: dt.datetime, members: int | None = None
) -> Refusal | None:
    """Why nobody may join ``cohort`` at ``now`` (ended, window shut, full), or None.

    ``members`` is the current count when the caller already holds it (under a lock)."""
    today = cohort.today(now)
    if today > cohort.ends_on:
        return Refusal(
            "cohort_ended",
            _("This cohort ended on %(date)s.") % {"date": long_date(cohort.ends_on, cohort.zone)},
        )
    if cohort.enrolment_opens_on and today < cohort.enrolment_opens_on:
        return Refusal(
            "cohort_not_open",
            _("Enrolment in this cohort opens on %(date)s.")
            % {"date": long_date(cohort.enrolment_opens_on, cohort.zone)},
        )
    if cohort.enrolment_closes_on and today > cohort.enrolment_closes_on:
        return Refusal(
            "cohort_closed",
            _("Enrolment in this cohort closed on %(date)s.")
            % {"date": long_date(cohort.enrolment_closes_on, cohort.zone)},
        )
    if cohort.capacity is not None:
        if members is None:
            members = cohort.members.count()
        if members >= cohort.capacity:
            return Refusal(
                "cohort_full",
                _("This cohort is full (%(capacity)s places).") % {"capacity": cohort.capacity},
            )
    return None


def cohort_programme_page(*, cohort: Cohort, language: str | None = None):
    """The cohort's programme in ``language`` if live in it, else any live version."""
    from courses.models.programmes import ProgrammePage

    if cohort.programme_key is None:
        return None
    language = language or content_language()
    versions = list(
        ProgrammePage.objects.live()
        .filter(translation_key=cohort.programme_key)
        .select_related("locale")
        .order_by("pk")
    )
    for page in versions:
        if page.locale.language_code == language:
            return page
    return versions[0] if versions else None


def cohort_course_page(*, cohort: Cohort, language: str | None = None) -> CoursePage | None:
    """The cohort's course in ``language`` if it has a live version in it, else the one
    the cohort names, else any live version (one query)."""
    if cohort.course_key is None:
        return None
    language = language or content_language()
    versions = list(
        CoursePage.objects.live()
        .filter(translation_key=cohort.course_key)
        .select_related("locale")
        .order_by("pk")
    )
    for page in versions:
        if page.locale.language_code == language:
            return page
    for page in versions:
        if page.pk == cohort.course_page_id:
            return page
    return versions[0] if versions else None


@dataclass
class ScheduleRow:
    module_key: UUID
    title: str
    release_on: dt.date | None
    due_on: dt.date | None
    release_text: str
    due_text: str
    is_released: bool
    is_overdue: bool
    is_completed: bool = False


def cohort_schedule(
    *, cohort: Cohort, now: dt.datetime, completed: frozenset[UUID] = frozenset()
) -> list[ScheduleRow]:
    """The cohort's module dates in course order, with the module titles in the active
    language where a version exists (two queries)."""
    rows = list(cohort.schedule.all().order_by("due_on", "release_on", "sort_order", "pk"))
    titles = _module_titles([row.module_key for row in rows])
    today = cohort.today(now)
    return [
        ScheduleRow(
            module_key=row.module_key,
            title=titles.get(row.module_key, _("Module")),
            release_on=row.release_on,
            due_on=row.due_on,
            release_text=long_date(row.release_on, cohort.zone) if row.release_on else "",
            due_text=long_date(row.due_on, cohort.zone) if row.due_on else "",
            is_released=row.release_on is None or row.release_on <= today,
            is_overdue=bool(row.due_on and row.due_on < today and row.module_key not in completed),
            is_completed=row.module_key in completed,
        )
        for row in rows
    ]


def _module_titles(keys: list[UUID]) -> dict[UUID, str]:
    """{module key: title}, the active language's version first (one query)."""
    language = content_language()
    titles: dict[UUID, str] = {}
    pages = (
        ModulePage.objects.filter(translation_key__in=keys)
        .select_related("locale")
        .only("title", "translation_key", "locale__language_code")
        .order_by("pk")
    )
    for page in pages:
        if page.locale.language_code == language or page.translation_key not in titles:
            titles[page.translation_key] = page.title
    return titles


def learner_cohorts(
    *, user, course_key: UUID | None = None, programme_key: UUID | None = None
) -> QuerySet[CohortMember]:
    """The person's cohort memberships (of one course or programme, if given), newest
    cohort first."""
    if not getattr(user, "is_authenticated", False):
        return CohortMember.objects.none()
    rows = CohortMember.objects.filter(user=user).select_related("cohort")
    if course_key is not None:
        rows = rows.filter(cohort__course_key=course_key)
    if programme_key is not None:
        rows = rows.filter(cohort__programme_key=programme_key)
    return rows.order_by("-cohort__starts_on", "pk")


def member_schedule(*, member: CohortMember, now: dt.datetime) -> list[ScheduleRow]:
    """A member's view of the cohort's dates, with what they have completed."""
    completed: frozenset[UUID] = frozenset()
    if member.user_id:
        keys = member.cohort.schedule.values("module_key")
        completed = frozenset(
            ModuleCompletion.objects.filter(
                enrolment__user_id=member.user_id, module_key__in=keys
            ).values_list("module_key", flat=True)
        )
    return cohort_schedule(cohort=member.cohort, now=now, completed=completed)


def cohort_webinars(*, cohort: Cohort) -> list[WebinarPage]:
    """The cohort's live sessions in time order (live pages only)."""
    return list(cohort.webinars.live().order_by("starts_at", "pk"))


def open_cohorts(
    *, course_key: UUID | None = None, programme_key: UUID | None = None, now: dt.datetime
) -> list[Cohort]:
    """Cohorts of a course (or of a programme) still taking members at ``now``, each with
    ``member_count``, ``places_left`` (None: no limit) and its facilitators prefetched
    (two queries, whatever the number of cohorts)."""
    if (course_key is None) == (programme_key is None):
        raise ValueError("Name a course or a programme.")
    if course_key is not None:
        cohorts = Cohort.objects.filter(course_key=course_key)
    else:
        cohorts = Cohort.objects.filter(programme_key=programme_key)
    cohorts = (
        cohorts.filter(ends_on__gte=now.date() - dt.timedelta(days=1))
        .annotate(member_count=Count("members"))
        .prefetch_related("facilitators")
        .order_by("starts_on", "pk")
    )
    taking = []
    for cohort in cohorts:
        if cohort_refusal(cohort=cohort, now=now, members=cohort.member_count) is None:
            cohort.places_left = (
                None if cohort.capacity is None else cohort.capacity - cohort.member_count
            )
            taking.append(cohort)
    return taking


# --- the facilitator's view --------------------------------------------------------------------


def behind_q(*, cohort: Cohort, now: dt.datetime) -> Q:
    """Enrolments behind in ``cohort`` at ``now`` (the rule in the module docstring)."""
    overdue_not_done = CohortModule.objects.filter(
        cohort=cohort, due_on__lt=cohort.today(now)
    ).exclude(
        module_key__in=ModuleCompletion.objects.filter(
            enrolment_id=OuterRef(OuterRef("pk"))
        ).values("module_key")
    )
    return Q(Exists(overdue_not_done)) & ~Q(status=Enrolment.Status.COMPLETED)


def cohort_progress(*, cohort: Cohort, now: dt.datetime) -> QuerySet[Enrolment]:
    """One row per member's enrolment: the reports' columns plus ``is_behind``, and the
    member's city (their organisation's). One query, whatever the cohort's size."""
    scope = ReportScope(course_keys=frozenset([cohort.course_key]))
    member_enrolments = CohortMember.objects.filter(cohort=cohort).values("enrolment_id")
    return (
        progress_report(scope=scope, now=now)
        .filter(pk__in=member_enrolments)
        .annotate(
            is_behind=Exists(
                Enrolment.objects.filter(pk=OuterRef("pk")).filter(behind_q(cohort=cohort, now=now))
            )
        )
    )


def member_behind_q(*, cohort: Cohort, now: dt.datetime) -> Q:
    """Members behind in ``cohort`` at ``now``, read from the member's own rows: the same
    rule for a course's cohort and a programme's (a module completed in any enrolment of
    the learner counts; a completed course or programme is never behind)."""
    overdue_not_done = CohortModule.objects.filter(
        cohort=cohort, due_on__lt=cohort.today(now)
    ).exclude(
        module_key__in=ModuleCompletion.objects.filter(
            enrolment__user_id=OuterRef(OuterRef("user_id"))
        ).values("module_key")
    )
    completed = Q(enrolment__status=Enrolment.Status.COMPLETED) | Q(
        programme_enrolment__status="completed"
    )
    return Q(Exists(overdue_not_done), user__isnull=False) & ~completed


def behind_members(*, cohort: Cohort, now: dt.datetime) -> QuerySet[CohortMember]:
    """The members behind at ``now``, with their accounts (the message's recipients)."""
    return (
        CohortMember.objects.filter(cohort=cohort)
        .filter(member_behind_q(cohort=cohort, now=now))
        .select_related("user", "enrolment")
        .order_by("pk")
    )


def programme_cohort_progress(*, cohort: Cohort, now: dt.datetime) -> QuerySet[CohortMember]:
    """A programme cohort's members with what the facilitator's table shows:
    ``courses_done`` and ``required_total`` (the programme's required courses completed,
    of how many) and ``is_behind``; ``programme_rows_fill`` adds ``progress_percent`` and
    ``status`` to the rows read. One query for any page of members (the programme's
    structure is read once, before)."""
    from courses.selectors.programmes import programme_structure

    structure = programme_structure(programme_key=cohort.programme_key)
    required = [key for key, is_required in getattr(structure, "courses", []) if is_required]
    done = (
        Enrolment.objects.filter(
            user_id=OuterRef("user_id"),
            course_key__in=required,
            status=Enrolment.Status.COMPLETED,
        )
        .order_by()
        .values("user_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        CohortMember.objects.filter(cohort=cohort)
        .select_related("user", "organisation", "programme_enrolment")
        .annotate(
            courses_done=Coalesce(Subquery(done, output_field=IntegerField()), Value(0)),
            required_total=Value(len(required), output_field=IntegerField()),
            is_behind=Exists(
                CohortMember.objects.filter(pk=OuterRef("pk")).filter(
                    member_behind_q(cohort=cohort, now=now)
                )
            ),
        )
        .order_by("organisation__name", "user__full_name", "pk")
    )


def programme_rows_fill(rows) -> None:
    """The columns of a programme cohort's rows read from ``programme_cohort_progress``."""
    for row in rows:
        total = row.required_total
        row.progress_percent = round(100 * row.courses_done / total) if total else 0
        row.status = row.programme_enrolment.status if row.programme_enrolment else ""
        row.last_activity_at = None


@dataclass
class GroupResult:
    name: str
    members: int
    completed: int
    behind: int

    @property
    def completion_percent(self) -> int:
        return round(100 * self.completed / self.members) if self.members else 0


def cohort_results(*, cohort: Cohort, now: dt.datetime) -> list[GroupResult]:
    """Members, completions (of the course, or of the programme) and members behind per
    city (the city of the organisation the member counts for, else its name), one query."""
    completed = Q(enrolment__status=Enrolment.Status.COMPLETED) | Q(
        programme_enrolment__status="completed"
    )
    rows = (
        CohortMember.objects.filter(cohort=cohort)
        .values("organisation__city", "organisation__name")
        .annotate(
            members=Count("pk"),
            completed=Count("pk", filter=completed),
            behind=Count("pk", filter=member_behind_q(cohort=cohort, now=now)),
        )
        .order_by("organisation__city", "organisation__name")
    )
    grouped: dict[str, GroupResult] = {}
    for row in rows:
        name = row["organisation__city"] or row["organisation__name"] or _("No organisation")
        result = grouped.setdefault(name, GroupResult(name, 0, 0, 0))
        result.members += row["members"]
        result.completed += row["completed"]
        result.behind += row["behind"]
    return list(grouped.values())
