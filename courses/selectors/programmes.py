"""Read side of programmes: their courses and rule, a learner's progress in them, who may
join, and what the programme list, the programme page and "My learning" show.

A programme is identified by its translation key; its courses and rule are read from its
original live version (translations copy the course list unchanged), its courses by
translation key, and a learner's progress from their completed enrolments in any
language. Every function costs a fixed number of queries, however many courses,
programmes or learners there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from courses.dates import content_language
from courses.models import (
    CoursePage,
    Enrolment,
    ProgrammeCourse,
    ProgrammeEnrolment,
    ProgrammePage,
)
from courses.selectors.catalogue import publicly_visible
from courses.selectors.learning import Refusal
from courses.selectors.prerequisites import pages_in_language, prerequisite_keys
from lms.models import Membership, User

# --- a programme's structure and rule -----------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeStructure:
    """The rule and the courses of a programme, as keys in the programme's order."""

    rules: ProgrammePage | None
    courses: tuple[tuple[UUID, bool], ...] = ()  # (course key, required)

    @property
    def required_keys(self) -> list[UUID]:
        return [key for key, required in self.courses if required]

    @property
    def elective_keys(self) -> list[UUID]:
        return [key for key, required in self.courses if not required]

    @property
    def electives_required(self) -> int:
        if self.rules is None:
            return 0
        return min(self.rules.electives_required, len(self.elective_keys))


def _course_rows(programme_ids: list[int]) -> dict[int, list[tuple[UUID, bool]]]:
    rows = (
        ProgrammeCourse.objects.filter(page_id__in=programme_ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "course__translation_key", "is_required")
    )
    found: dict[int, list[tuple[UUID, bool]]] = {}
    for page_id, key, required in rows:
        listed = found.setdefault(page_id, [])
        if key not in [known for known, _ in listed]:
            listed.append((key, required))
    return found


def programme_structures(*, programme_keys) -> dict[UUID, ProgrammeStructure]:
    """The structure of each live programme (two queries for any number of them)."""
    originals: dict[UUID, ProgrammePage] = {}
    for page in (
        ProgrammePage.objects.live()
        .filter(translation_key__in=list(programme_keys))
        .only("id", "translation_key", "electives_required", "certificate_enabled", "title")
        .order_by("pk")
    ):
        originals.setdefault(page.translation_key, page)
    rows = _course_rows([page.pk for page in originals.values()])
    return {
        key: ProgrammeStructure(rules=page, courses=tuple(rows.get(page.pk, ())))
        for key, page in originals.items()
    }


def programme_structure(*, programme_key: UUID) -> ProgrammeStructure:
    return programme_structures(programme_keys=[programme_key]).get(
        programme_key, ProgrammeStructure(rules=None)
    )


@dataclass(frozen=True)
class ProgrammeProgress:
    """Where a learner stands against a programme's rule."""

    required_done: int
    required_total: int
    electives_done: int
    electives_needed: int

    @property
    def is_complete(self) -> bool:
        return (
            self.required_done == self.required_total
            and self.electives_done >= self.electives_needed
        )

    @property
    def steps_done(self) -> int:
        return self.required_done + min(self.electives_done, self.electives_needed)

    @property
    def steps_total(self) -> int:
        return self.required_total + self.electives_needed

    @property
    def percent(self) -> int:
        if not self.steps_total:
            return 100 if self.is_complete else 0
        return round(100 * self.steps_done / self.steps_total)


def programme_progress(structure: ProgrammeStructure, completed: set[UUID]) -> ProgrammeProgress:
    """The rule applied to the course keys a learner completed (no query)."""
    return ProgrammeProgress(
        required_done=sum(1 for key in structure.required_keys if key in completed),
        required_total=len(structure.required_keys),
        electives_done=sum(1 for key in structure.elective_keys if key in completed),
        electives_needed=structure.electives_required,
    )


def completed_course_keys(*, user: User | None, keys) -> set[UUID]:
    if user is None or not user.is_authenticated:
        return set()
    return set(
        Enrolment.objects.filter(
            user=user, course_key__in=list(keys), status=Enrolment.Status.COMPLETED
        ).values_list("course_key", flat=True)
    )


# --- who may join -----------------------------------------------------------------------------


def _course_open_to(course: CoursePage, organisation_ids: set[int], named: dict) -> bool:
    if course.audience == CoursePage.Audience.EVERYONE:
        return True
    if course.audience == CoursePage.Audience.MEMBERS:
        return bool(organisation_ids)
    return bool(organisation_ids & named.get(course.pk, set()))


def programme_enrolment_refusal(
    *,
    user: User,
    programme: ProgrammePage,
    self_service: bool = True,
    now: dt.datetime | None = None,
) -> Refusal | None:
    """Why ``user`` cannot join ``programme``; None if they can.

    A programme is open to a person when it is published, each of its courses is
    published, every required course is open to them (its audience includes them) and
    enough electives are; a course's window and prerequisites are met course by course,
    in the programme's order. Someone joining
    by themselves has confirmed their e-mail address.
    """
    if not user.is_active:
        return Refusal("inactive", gettext("This account is deactivated."))
    if not ProgrammePage.objects.live().public().filter(pk=programme.pk).exists():
        return Refusal(
            "not_published", gettext("This programme is not published, so nobody can join it.")
        )
    structure = programme_structure(programme_key=programme.translation_key)
    keys = [key for key, _required in structure.courses]
    pages = pages_in_language(keys=keys, language=content_language())
    missing = [key for key in keys if key not in pages]
    if missing or not keys:
        return Refusal(
            "course_unpublished",
            gettext("One of this programme's courses is not published yet, so nobody can join."),
        )
    organisation_ids = set(
        Membership.objects.filter(
            user=user, status=Membership.Status.ACTIVE, organisation__is_active=True
        ).values_list("organisation_id", flat=True)
    )
    audiences = dict(
        CoursePage.objects.filter(pk__in=[page.pk for page in pages.values()]).values_list(
            "pk", "audience"
        )
    )
    named: dict[int, set[int]] = {}
    for course_id, organisation_id in CoursePage.audience_organisations.through.objects.filter(
        coursepage_id__in=list(audiences)
    ).values_list("coursepage_id", "organisation_id"):
        named.setdefault(course_id, set()).add(organisation_id)
    closed, open_electives = [], 0
    for key, required in structure.courses:
        page = pages[key]
        page.audience = audiences[page.pk]
        is_open = _course_open_to(page, organisation_ids, named)
        if required and not is_open:
            closed.append(page.title)
        open_electives += not required and is_open
    if closed:
        return Refusal(
            "course_not_open",
            ngettext(
                "The course %(courses)s of this programme is not open to you.",
                "The courses %(courses)s of this programme are not open to you.",
                len(closed),
            )
            % {"courses": ", ".join(f"“{title}”" for title in closed)},
        )
    if open_electives < structure.electives_required:
        return Refusal(
            "course_not_open",
            gettext("Too few of this programme's elective courses are open to you to complete it."),
        )
    if self_service and not user.is_email_verified:
        return Refusal(
            "unverified",
            gettext("Confirm your e-mail address first: open the link we sent to %(email)s.")
            % {"email": user.email},
        )
    return None


# --- pages --------------------------------------------------------------------------------------


@dataclass
class ProgrammeCourseRow:
    """One course of a programme as the programme page shows it."""

    key: UUID
    required: bool
    page: CoursePage | None
    status: str = ""  # the learner's enrolment status, "" when not enrolled
    requires: list[str] = field(default_factory=list)  # titles of its prerequisites

    @property
    def hours(self) -> Decimal:
        return self.page.effort_hours if self.page else Decimal(0)


def programme_hours(structure: ProgrammeStructure, hours: dict[UUID, Decimal]) -> Decimal:
    """The hours a learner needs: every required course, and the shortest electives the
    rule asks for."""
    required = sum((hours.get(key, Decimal(0)) for key in structure.required_keys), Decimal(0))
    electives = sorted(hours.get(key, Decimal(0)) for key in structure.elective_keys)
    return required + sum(electives[: structure.electives_required], Decimal(0))


def course_pages_in_language(keys, language: str) -> dict[UUID, CoursePage]:
    pages = (
        publicly_visible(CoursePage.objects.live())
        .filter(translation_key__in=list(keys))
        .select_related("locale")
        .only(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "translation_key",
            "summary",
            "effort_hours",
            "locale__language_code",
        )
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


def learner_programme_enrolment(*, user: User | None, programme_key: UUID):
    if user is None or not user.is_authenticated:
        return None
    return ProgrammeEnrolment.objects.filter(user=user, programme_key=programme_key).first()


def programme_detail_context(*, request: HttpRequest, programme: ProgrammePage) -> dict:
    """What a programme page shows: its courses in order (required or elective, hours,
    prerequisites, the visitor's status in each), the rule, the visitor's progress and the
    way to join. Eight queries at most, however many courses or learners."""
    language = content_language()
    user = request.user if request.user.is_authenticated else None
    structure = programme_structure(programme_key=programme.translation_key)
    keys = [key for key, _required in structure.courses]
    pages = course_pages_in_language(keys, language)
    requires = prerequisite_keys(course_keys=keys)
    statuses: dict[UUID, str] = {}
    if user is not None:
        statuses = dict(
            Enrolment.objects.filter(user=user, course_key__in=keys).values_list(
                "course_key", "status"
            )
        )
    rows = []
    for key, required in structure.courses:
        rows.append(
            ProgrammeCourseRow(
                key=key,
                required=required,
                page=pages.get(key),
                status=statuses.get(key, ""),
                requires=[
                    pages[first].title
                    for first in requires.get(key, [])
                    if first in pages and first != key
                ],
            )
        )
    completed = {key for key, status in statuses.items() if status == Enrolment.Status.COMPLETED}
    enrolment = learner_programme_enrolment(user=user, programme_key=programme.translation_key)
    refusal = None
    if user is not None and (enrolment is None or enrolment.status == "withdrawn"):
        refusal = programme_enrolment_refusal(user=user, programme=programme)
    return {
        "courses": rows,
        "required_count": len(structure.required_keys),
        "elective_count": len(structure.elective_keys),
        "electives_required": structure.electives_required,
        "total_hours": programme_hours(
            structure, {key: page.effort_hours for key, page in pages.items()}
        ),
        "progress": programme_progress(structure, completed) if user else None,
        "programme_enrolment": enrolment,
        "programme_refusal": refusal,
        "join_url": reverse("learn:programme_join", args=[programme.pk]),
        "leave_url": reverse("learn:programme_leave", args=[programme.pk]),
    }


def programme_cards(*, programmes: list[ProgrammePage], language: str) -> list[dict]:
    """Each programme with its number of courses and hours (three queries for any number)."""
    rows = _course_rows([programme.pk for programme in programmes])
    keys = {key for listed in rows.values() for key, _required in listed}
    pages = course_pages_in_language(keys, language)
    hours = {key: page.effort_hours for key, page in pages.items()}
    cards = []
    for programme in programmes:
        structure = ProgrammeStructure(rules=programme, courses=tuple(rows.get(programme.pk, ())))
        cards.append(
            {
                "programme": programme,
                "course_count": len(structure.courses),
                "hours": programme_hours(structure, hours),
                "course_titles": [
                    pages[key].title for key, _r in structure.courses if key in pages
                ],
            }
        )
    return cards


def live_programmes(*, language: str):
    """Live public programme pages of the site language, in the list's order."""
    return (
        ProgrammePage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .only(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "translation_key",
            "summary",
            "electives_required",
            "locale_id",
        )
        .order_by("path")
    )


def programme_index_context(*, request: HttpRequest, index) -> dict:
    """The programme list of ``index``'s language (four queries)."""
    programmes = list(live_programmes(language=index.locale.language_code).child_of(index))
    return {"programme_cards": programme_cards(programmes=programmes, language=content_language())}


def learner_programmes(*, user: User, language: str) -> list[dict]:
    """ "My learning": the learner's programmes with their progress (four queries)."""
    enrolments = list(
        ProgrammeEnrolment.objects.filter(user=user).current().order_by("status", "-enrolled_at")
    )
    if not enrolments:
        return []
    structures = programme_structures(programme_keys=[row.programme_key for row in enrolments])
    keys = {key for structure in structures.values() for key, _r in structure.courses}
    completed = completed_course_keys(user=user, keys=keys)
    pages: dict[UUID, ProgrammePage] = {}
    for page in (
        ProgrammePage.objects.live()
        .filter(translation_key__in=[row.programme_key for row in enrolments])
        .select_related("locale")
        .only(
            "id", "title", "url_path", "path", "depth", "translation_key", "locale__language_code"
        )
        .order_by("pk")
    ):
        current = pages.get(page.translation_key)
        if current is None or (
            page.locale.language_code == language and current.locale.language_code != language
        ):
            pages[page.translation_key] = page
    rows = []
    for enrolment in enrolments:
        structure = structures.get(enrolment.programme_key)
        if structure is None:
            continue
        rows.append(
            {
                "enrolment": enrolment,
                "programme": pages.get(enrolment.programme_key),
                "progress": programme_progress(structure, completed),
            }
        )
    return rows
