"""Read side of the coordinators', trainers' and secretariat's reports.

Who sees what is decided once, by ``report_scope`` (``courses.selectors.scope``): every
report starts from ``ReportScope.enrolments()`` so that no screen, filter choice, chart
or export can show more.

The report queries are single SQL statements (annotations and correlated subqueries),
so their cost in queries does not grow with the number of learners or courses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Left, Length, TruncWeek
from django.utils import timezone

from courses.models import (
    Certificate,
    CoursePage,
    Enrolment,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    WebinarPage,
    WebinarRegistration,
)
from courses.permissions import original_courses, taught_course_keys  # noqa: F401 (callers' API)
from courses.selectors.attribution import attributed_enrolments
from courses.selectors.overview import (  # noqa: F401 (callers import them from here too)
    OverviewFilters,
    organisation_overview,
    overview_organisations,
    overview_totals,
)
from courses.selectors.scope import (  # noqa: F401 (callers import the scope from here too)
    ReportScope,
    course_choices,
    course_titles,
    report_scope,
)

# Wagtail's page tree (treebeard) spends four characters of ``path`` per level.
PATH_STEP = 4
WEEKS_OF_ACTIVITY = 12

# The average, over the quizzes a learner attempted, of their best score in each: the
# figure the completion rule compares with the course's minimum.
_AVERAGE_OF_BEST_QUIZ_SCORES = """
    SELECT AVG(best) FROM (
        SELECT MAX(attempt.score) AS best
        FROM courses_quizattempt AS attempt
        WHERE attempt.enrolment_id = courses_enrolment.id
        GROUP BY attempt.module_key
    ) AS bests
"""


# --- course titles --------------------------------------------------------------------------


def course_title_subquery(outer: str = "course_key") -> Subquery:
    """The title of the course's oldest page (its original language) for ``outer``."""
    return Subquery(
        CoursePage.objects.filter(translation_key=OuterRef(outer))
        .order_by("pk")
        .values("title")[:1]
    )


# --- the progress report --------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressFilters:
    organisation_id: int | None = None
    course_key: UUID | None = None
    status: str | None = None
    overdue: bool = False
    inactive_days: int | None = None


def _course_webinar_keys(enrolment_level: int) -> QuerySet[WebinarPage]:
    """Translation keys of the webinars under a live version of the outer enrolment's course.

    ``enrolment_level`` is how many queries out the enrolment is from the course pages.
    """
    outer = "course_key"
    ref = OuterRef(outer)
    for _level in range(enrolment_level - 1):
        ref = OuterRef(ref)
    course_paths = CoursePage.objects.live().filter(translation_key=ref).values("path")
    return (
        WebinarPage.objects.annotate(parent_path=Left("path", Length("path") - PATH_STEP))
        .filter(parent_path__in=course_paths)
        .values("translation_key")
    )


def webinars_attended_subquery() -> Coalesce:
    """Per enrolment: the course's webinars (by translation key) its learner attended."""
    attended = (
        WebinarRegistration.objects.filter(
            user_id=OuterRef("user_id"),
            attended=True,
            webinar__translation_key__in=_course_webinar_keys(enrolment_level=3),
        )
        .order_by()
        .values("user_id")
        .annotate(count=Count("webinar__translation_key", distinct=True))
        .values("count")
    )
    return Coalesce(Subquery(attended, output_field=IntegerField()), Value(0))


def progress_enrolments(
    *,
    scope: ReportScope,
    filters: ProgressFilters | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[Enrolment]:
    """The enrolments in ``scope`` that pass ``filters``, without the report's columns
    (what the charts count)."""
    filters = filters or ProgressFilters()
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = scope.enrolments()
    if filters.organisation_id is not None:
        rows = attributed_enrolments([filters.organisation_id], queryset=rows)
    if filters.course_key is not None:
        rows = rows.filter(course_key=filters.course_key)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        rows = rows.filter(status=Enrolment.Status.ACTIVE, due_on__lt=today)
    if filters.inactive_days is not None:
        since = now - dt.timedelta(days=filters.inactive_days)
        rows = rows.filter(Q(last_activity_at__lt=since) | Q(last_activity_at__isnull=True))
    return rows


def certificate_code_subquery() -> Subquery:
    """The code of the enrolment's current certificate (the newest valid one), or NULL."""
    return Subquery(
        Certificate.objects.valid()
        .filter(enrolment_id=OuterRef("pk"))
        .order_by("-issued_at", "-pk")
        .values("code")[:1]
    )


def progress_report(
    *,
    scope: ReportScope,
    filters: ProgressFilters | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[Enrolment]:
    """One row per learner and course in ``scope``, with everything the report shows.

    Anonymised records (the learner deleted their account) are included: they count,
    and the screens show them as "Deleted account". One query, however many rows.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = progress_enrolments(scope=scope, filters=filters, now=now)
    return (
        rows.select_related("user", "organisation")
        .annotate(
            # Joined from the course-title view (one row per course), not a CASE with a
            # branch per course nor a subquery per row.
            course_title=F("course_title_row__title"),
            # A constant string, no parameters: nothing from the request reaches it.
            quiz_score=RawSQL(  # noqa: S611
                _AVERAGE_OF_BEST_QUIZ_SCORES, (), output_field=FloatField()
            ),
            webinars_attended=webinars_attended_subquery(),
            certificate_code=certificate_code_subquery(),
            is_overdue=Case(
                When(status=Enrolment.Status.ACTIVE, due_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("organisation__short_name", "user__full_name", "course_title", "pk")
    )


# --- one learner's record in one course -----------------------------------------------------


@dataclass
class LearnerRecord:
    enrolment: Enrolment
    course_title: str
    modules: list[dict]
    attempts: list[QuizAttempt]
    webinars: list[dict]
    certificate: Certificate | None = None


def _course_versions(course_key: UUID) -> list[CoursePage]:
    return list(
        CoursePage.objects.live()
        .filter(translation_key=course_key)
        .order_by("pk")
        .only("id", "title", "path", "depth", "translation_key")
    )


def _children_of(versions: list[CoursePage]) -> Q:
    under = Q(pk__in=[])
    for version in versions:
        under |= Q(path__startswith=version.path, depth=version.depth + 1)
    return under


def learner_record(*, scope: ReportScope, enrolment_id: int) -> LearnerRecord | None:
    """One learner's record in one course, or None when it is not in ``scope``: modules
    (with the date each was done), quiz attempts with their scores, webinars."""
    enrolment = (
        scope.enrolments()
        .select_related("user", "organisation")
        .annotate(course_title=course_title_subquery())
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return None
    versions = _course_versions(enrolment.course_key)
    modules = (
        ModulePage.objects.filter(_children_of(versions[:1]))
        .order_by("path")
        .only("id", "title", "translation_key", "is_required")
    )
    done = {
        completion.module_key: completion
        for completion in ModuleCompletion.objects.filter(enrolment=enrolment)
    }
    module_titles = {}
    module_rows = []
    for module in modules:
        module_titles[module.translation_key] = module.title
        completion = done.get(module.translation_key)
        module_rows.append(
            {
                "title": module.title,
                "is_required": module.is_required,
                "completed_at": completion.completed_at if completion else None,
                "method": completion.get_method_display() if completion else "",
            }
        )
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment).order_by("submitted_at", "pk"))
    for attempt in attempts:
        attempt.module_title = module_titles.get(attempt.module_key, "")
    webinars = []
    if enrolment.user_id is not None and versions:
        course_webinars = list(
            WebinarPage.objects.filter(_children_of(versions))
            .order_by("starts_at")
            .only("id", "title", "starts_at", "translation_key")
        )
        registrations = {
            registration.webinar.translation_key: registration
            for registration in WebinarRegistration.objects.filter(
                user_id=enrolment.user_id,
                webinar__translation_key__in=[w.translation_key for w in course_webinars],
            ).select_related("webinar")
        }
        seen = set()
        for webinar in course_webinars:
            if webinar.translation_key in seen:
                continue
            seen.add(webinar.translation_key)
            registration = registrations.get(webinar.translation_key)
            webinars.append(
                {
                    "title": webinar.title,
                    "starts_at": webinar.starts_at,
                    "registration": registration,
                }
            )
    return LearnerRecord(
        enrolment=enrolment,
        course_title=enrolment.course_title or "",
        modules=module_rows,
        attempts=attempts,
        webinars=webinars,
        certificate=Certificate.objects.valid()
        .filter(enrolment=enrolment)
        .order_by("-issued_at", "-pk")
        .first(),
    )


# --- charts ---------------------------------------------------------------------------------


PROGRESS_BANDS = ((0, 25), (25, 50), (50, 75), (75, 101))


def chart_data(
    *,
    enrolments: QuerySet[Enrolment],
    now: dt.datetime | None = None,
    titles: dict[UUID, str] | None = None,
) -> dict:
    """The figures behind the report's charts, for the (filtered) ``enrolments``: four
    queries whatever their number (one more when ``titles`` is not given)."""
    now = now or timezone.now()
    enrolments = enrolments.order_by()
    current = ~Q(status=Enrolment.Status.WITHDRAWN)
    by_course = list(
        enrolments.values("course_key").annotate(
            total=Count("pk", filter=current),
            completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
        )
    )
    if titles is None:
        titles = course_titles(row["course_key"] for row in by_course)
    for row in by_course:
        row["title"] = titles.get(row["course_key"], "")
    by_course.sort(key=lambda row: row["title"])
    active = Q(status=Enrolment.Status.ACTIVE)
    bands = enrolments.aggregate(
        **{
            f"band{index}": Count(
                "pk",
                filter=active & Q(progress_percent__gte=low, progress_percent__lt=high),
            )
            for index, (low, high) in enumerate(PROGRESS_BANDS)
        },
        completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
    )
    this_week = timezone.localdate(now) - dt.timedelta(days=timezone.localdate(now).weekday())
    first_week = this_week - dt.timedelta(weeks=WEEKS_OF_ACTIVITY - 1)
    start = timezone.make_aware(dt.datetime.combine(first_week, dt.time.min))
    enrolled = dict(
        enrolments.filter(enrolled_at__gte=start)
        .annotate(week=TruncWeek("enrolled_at"))
        .values("week")
        .annotate(count=Count("pk"))
        .values_list("week", "count")
    )
    completed = dict(
        enrolments.filter(completed_at__gte=start)
        .annotate(week=TruncWeek("completed_at"))
        .values("week")
        .annotate(count=Count("pk"))
        .values_list("week", "count")
    )
    per_week: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for week, count in enrolled.items():
        per_week[_as_date(week)][0] += count
    for week, count in completed.items():
        per_week[_as_date(week)][1] += count
    weeks = [first_week + dt.timedelta(weeks=n) for n in range(WEEKS_OF_ACTIVITY)]
    return {
        "by_course": by_course,
        "bands": [bands[f"band{index}"] for index in range(len(PROGRESS_BANDS))]
        + [bands["completed"]],
        "weeks": [(week, per_week[week][0], per_week[week][1]) for week in weeks],
    }


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# --- trainers -------------------------------------------------------------------------------


def taught_courses(*, scope: ReportScope) -> list[CoursePage]:
    """The original pages of the courses in a trainer's scope (every course for the
    secretariat), with how many learners are enrolled and have completed."""
    courses = original_courses()
    if not scope.everything:
        courses = courses.filter(translation_key__in=scope.course_keys)
    current = Enrolment.objects.filter(course_key=OuterRef("translation_key")).exclude(
        status=Enrolment.Status.WITHDRAWN
    )

    def _count(queryset):
        return Coalesce(
            Subquery(
                queryset.order_by()
                .values("course_key")
                .annotate(count=Count("pk"))
                .values("count"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    return list(
        courses.annotate(
            enrolled=_count(current),
            completed=_count(current.filter(status=Enrolment.Status.COMPLETED)),
        )
        .only("id", "title", "translation_key", "live")
        .order_by("title")
    )


def quiz_question_results(*, course_key: UUID) -> list[dict]:
    """For each quiz question of the course: its module, its prompt, how many answers
    were given and the share right, the questions most people get wrong first.

    Answers given on every language version count. A question is known by its module's
    translation key and its place in the quiz: a translation may give its questions
    other block ids (one authored by hand rather than copied), so each version's ids are
    mapped to the place of the question in that version. Three queries.
    """
    versions = list(
        CoursePage.objects.filter(translation_key=course_key)
        .order_by("pk")
        .values_list("path", "depth")
    )
    under = Q(pk__in=[])
    for path, depth in versions:
        under |= Q(path__startswith=path, depth=depth + 1)
    modules = list(
        ModulePage.objects.filter(under)
        .order_by("pk")
        .only("id", "title", "path", "live", "translation_key", "body")
    )
    original_path = versions[0][0] if versions else None  # the oldest page: the original
    questions: dict[tuple[UUID, int], dict] = {}
    place: dict[tuple[UUID, str], int] = {}  # (module key, question id, any version) -> n
    for module in sorted(modules, key=lambda m: m.path):
        quiz = module.quiz
        if quiz is None:
            continue
        for number, question in enumerate(quiz.value["questions"].bound_blocks, start=1):
            place.setdefault((module.translation_key, question.id), number)
            if module.live and original_path and module.path.startswith(original_path):
                questions[(module.translation_key, number)] = {
                    "module": module.title,
                    "number": number,
                    "prompt": question.value["prompt"],
                    "attempts": 0,
                    "right": 0,
                }
    # One pass over the attempts' results ({question id: right?}), whatever the language.
    attempts = QuizAttempt.objects.filter(
        enrolment__course_key=course_key,
        module_key__in={key for key, _number in questions},
    ).values_list("module_key", "results")
    for module_key, results in attempts.iterator(chunk_size=2000):
        for question_id, right in (results or {}).items():
            row = questions.get((module_key, place.get((module_key, question_id))))
            if row is None:
                continue
            row["attempts"] += 1
            row["right"] += bool(right)
    rows = list(questions.values())
    for row in rows:
        row["percent_right"] = (
            round(100 * row["right"] / row["attempts"]) if row["attempts"] else None
        )
    rows.sort(key=lambda row: (row["percent_right"] is None, row["percent_right"] or 0))
    return rows


def course_webinar_attendance(*, course_key: UUID) -> list[dict]:
    """Each of the course's webinars (once per translation key): registered, attended."""
    versions = _course_versions(course_key)
    webinars = list(
        WebinarPage.objects.filter(_children_of(versions))
        .order_by("starts_at", "pk")
        .only("id", "title", "starts_at", "translation_key")
    )
    counts = {
        row["webinar__translation_key"]: row
        for row in WebinarRegistration.objects.filter(
            webinar__translation_key__in=[w.translation_key for w in webinars]
        )
        .order_by()
        .values("webinar__translation_key")
        .annotate(
            registered=Count("user_id", distinct=True, filter=Q(status="registered")),
            attended=Count("user_id", distinct=True, filter=Q(attended=True)),
        )
    }
    seen, rows = set(), []
    for webinar in webinars:
        if webinar.translation_key in seen:
            continue
        seen.add(webinar.translation_key)
        found = counts.get(webinar.translation_key, {})
        rows.append(
            {
                "title": webinar.title,
                "starts_at": webinar.starts_at,
                "registered": found.get("registered", 0),
                "attended": found.get("attended", 0),
            }
        )
    return rows
