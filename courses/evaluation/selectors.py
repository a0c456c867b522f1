"""Reads: which questionnaire applies, in which language; what a learner has answered;
and the results (counts, response rate, averages and distributions), as SQL aggregates
whose number of queries does not grow with the number of responses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Avg, Count, OuterRef, Q, QuerySet, Subquery

from courses.evaluation.blocks import RATING_SCALE
from courses.evaluation.models import Answer, Purpose, Questionnaire, QuestionnaireChoice, Response
from courses.models import CoursePage, Enrolment, ProgrammeCourse, ProgrammePage

# Re-exported: the results and "Download my data" name courses by their original title.
from courses.selectors.scope import course_titles as course_titles


def programme_titles(programme_keys) -> dict[UUID, str]:
    """The title of each programme's oldest page (its original language), by key."""
    titles: dict[UUID, str] = {}
    pages = ProgrammePage.objects.filter(translation_key__in=list(programme_keys)).order_by("-pk")
    for key, title in pages.values_list("translation_key", "title"):
        titles[key] = title
    return titles


def subject_titles(keys) -> dict[UUID, str]:
    """Titles of courses, and of programmes (a programme's responses carry its key in
    ``course_key``): two queries."""
    keys = set(keys)
    titles = course_titles(keys)
    return {**programme_titles(keys - set(titles)), **titles} if keys - set(titles) else titles


def _original(rows: list[Questionnaire]) -> Questionnaire | None:
    """The original-language row (the oldest), whose settings apply to every language."""
    return min(rows, key=lambda row: row.pk) if rows else None


@dataclass(frozen=True)
class Applicable:
    """The questionnaire a learner answers: ``shown`` in their language (or the original),
    ``original`` for the settings."""

    shown: Questionnaire
    original: Questionnaire

    @property
    def key(self) -> UUID:
        return self.original.translation_key


def _programmes_of(course_key) -> QuerySet:
    """Translation keys of the programmes that name the course (any language version)."""
    return ProgrammeCourse.objects.filter(course__translation_key=course_key).values(
        "page__translation_key"
    )


def questionnaire_key_for(*, course_key: UUID, purpose: str) -> UUID | None:
    """The course's own choice for ``purpose``, else that of a programme naming the course,
    else the default (one query)."""
    choices = QuestionnaireChoice.objects.filter(purpose=purpose).filter(
        Q(course_key=course_key)
        | Q(programme_key__in=Subquery(_programmes_of(course_key)))
        | Q(course_key=None, programme_key=None)
    )
    rank = {}
    for choice in choices.order_by("pk"):
        level = 0 if choice.course_key else 1 if choice.programme_key else 2
        rank.setdefault(level, choice.questionnaire_key)
    return rank[min(rank)] if rank else None


def course_keys_with_questionnaire(*, course_keys, purpose: str) -> set[UUID]:
    """Which of ``course_keys`` have a questionnaire for ``purpose`` (one query)."""
    keys = set(course_keys)
    choices = QuestionnaireChoice.objects.filter(purpose=purpose)
    if choices.filter(course_key=None, programme_key=None).exists():
        return keys
    in_programmes = ProgrammeCourse.objects.filter(
        page__translation_key__in=choices.exclude(programme_key=None).values("programme_key")
    ).values("course__translation_key")
    return set(
        CoursePage.objects.filter(translation_key__in=keys)
        .filter(
            Q(translation_key__in=choices.values("course_key"))
            | Q(translation_key__in=Subquery(in_programmes))
        )
        .values_list("translation_key", flat=True)
    )


def questionnaire_for(*, course_key: UUID, purpose: str, language: str) -> Applicable | None:
    """The questionnaire of ``purpose`` for the course, in ``language`` when translated
    (two queries), or None when none is chosen."""
    key = questionnaire_key_for(course_key=course_key, purpose=purpose)
    if key is None:
        return None
    rows = list(Questionnaire.objects.filter(translation_key=key).select_related("locale"))
    original = _original(rows)
    if original is None:
        return None
    shown = next((row for row in rows if row.locale.language_code == language), original)
    return Applicable(shown=shown, original=original)


def programme_questionnaire_for(*, programme_key: UUID, language: str) -> Applicable | None:
    """The end-of-programme questionnaire: the programme's chosen end-of-course
    questionnaire, else the default, in ``language`` when translated (two queries)."""
    choices = QuestionnaireChoice.objects.filter(purpose=Purpose.END_OF_COURSE).filter(
        Q(programme_key=programme_key) | Q(course_key=None, programme_key=None)
    )
    keys = sorted(choices.values_list("programme_key", "questionnaire_key"), key=lambda r: not r[0])
    if not keys:
        return None
    rows = list(Questionnaire.objects.filter(translation_key=keys[0][1]).select_related("locale"))
    original = _original(rows)
    if original is None:
        return None
    shown = next((row for row in rows if row.locale.language_code == language), original)
    return Applicable(shown=shown, original=original)


def programme_keys_to_evaluate(*, user, programme_keys) -> set[UUID]:
    """Which of ``programme_keys`` (completed by ``user``) still have an end-of-programme
    questionnaire to answer (two queries however many)."""
    keys = set(programme_keys)
    if not keys or not getattr(user, "is_authenticated", False):
        return set()
    choices = QuestionnaireChoice.objects.filter(purpose=Purpose.END_OF_COURSE)
    chosen = set(
        choices.filter(
            Q(programme_key__in=keys) | Q(course_key=None, programme_key=None)
        ).values_list("programme_key", flat=True)
    )
    if None not in chosen:
        keys &= chosen
    if not keys:
        return set()
    answered = Response.objects.filter(
        user=user, purpose=Purpose.END_OF_COURSE, programme_enrolment__programme_key__in=keys
    ).values_list("programme_enrolment__programme_key", flat=True)
    return keys - set(answered)


def impact_delays() -> tuple[dict[UUID, int], int | None]:
    """For the sweep: {course key: delay in days} of the impact questionnaire that applies
    to each course with one of its own or of a programme (the course's own wins), and the
    default's delay (None when there is no default). One query, one more when programmes
    have their own."""
    original = Questionnaire.objects.filter(translation_key=OuterRef("questionnaire_key"))
    rows = list(
        QuestionnaireChoice.objects.filter(purpose=Purpose.IMPACT)
        .annotate(days=Subquery(original.order_by("pk").values("impact_delay_days")[:1]))
        .exclude(days=None)
        .order_by("-pk")
        .values_list("course_key", "programme_key", "days")
    )
    per_programme = {programme: days for course, programme, days in rows if programme}
    per_course: dict[UUID, int] = {}
    if per_programme:
        for programme, course in ProgrammeCourse.objects.filter(
            page__translation_key__in=list(per_programme)
        ).values_list("page__translation_key", "course__translation_key"):
            per_course[course] = per_programme[programme]
    per_course.update({course: days for course, programme, days in rows if course})
    default = next((days for course, programme, days in rows if not course and not programme), None)
    return per_course, default


def answered_course_keys(*, user, purpose: str = Purpose.END_OF_COURSE) -> set[UUID]:
    """The courses ``user`` has answered for ``purpose`` (one query)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Response.objects.filter(user=user, purpose=purpose).values_list("course_key", flat=True)
    )


def has_end_of_course_questionnaire() -> bool:
    return QuestionnaireChoice.objects.filter(purpose=Purpose.END_OF_COURSE).exists()


def response_of(*, enrolment: Enrolment, purpose: str) -> Response | None:
    return Response.objects.filter(enrolment=enrolment, purpose=purpose).first()


# --- results -----------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    """One question's figures: ``counts`` per rating (1 to 5) or per option; ``texts`` for free
    text (only for those allowed to read them)."""

    question_id: str
    kind: str
    text: str
    number: int
    labels: list[str]
    counts: list[int]
    answered: int = 0
    average: float | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    responses: int
    eligible: int
    questions: list[QuestionResult]
    average_rating: float | None
    free_text_shown: bool

    @property
    def response_rate(self) -> float | None:
        return 100 * self.responses / self.eligible if self.eligible else None


def evaluation_results(
    *,
    responses: QuerySet[Response],
    eligible: QuerySet[Enrolment],
    questionnaire: Questionnaire | None,
    free_text: bool,
    text_limit: int = 200,
) -> Results:
    """Figures of ``responses`` for the questions of ``questionnaire`` (the viewer's
    language version): four or five queries, whatever the number of responses."""
    answers = Answer.objects.filter(response__in=responses.values("pk"))
    ratings = defaultdict(dict)
    for question_id, rating, count in (
        answers.filter(rating__isnull=False)
        .values_list("question_id", "rating")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        ratings[question_id][rating] = count
    options = defaultdict(dict)
    for question_id, option, count in (
        answers.filter(option__isnull=False)
        .values_list("question_id", "option")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        options[question_id][option] = count
    answered = dict(
        answers.values_list("question_id")
        .annotate(count=Count("response", distinct=True))
        .order_by()
    )
    texts = defaultdict(list)
    if free_text:
        rows = (
            answers.exclude(text="")
            .order_by("-response__submitted_at", "-pk")
            .values_list("question_id", "text")[:text_limit]
        )
        for question_id, text in rows:
            texts[question_id].append(text)
    questions = []
    for number, block in enumerate(questionnaire.questions if questionnaire else [], start=1):
        value = block.value
        result = QuestionResult(
            question_id=block.id,
            kind=block.block_type,
            text=value["question"],
            number=number,
            labels=[],
            counts=[],
            answered=answered.get(block.id, 0),
        )
        if block.block_type == "rating":
            counts = ratings.get(block.id, {})
            result.labels = [str(point) for point in RATING_SCALE]
            result.labels[0] = f"1 ({value['low_label']})"
            result.labels[-1] = f"5 ({value['high_label']})"
            result.counts = [counts.get(point, 0) for point in RATING_SCALE]
            total = sum(result.counts)
            if total:
                result.average = (
                    sum(p * c for p, c in zip(RATING_SCALE, result.counts, strict=True)) / total
                )
        elif block.block_type == "choice":
            counts = options.get(block.id, {})
            result.labels = list(value["options"])
            result.counts = [counts.get(index, 0) for index in range(len(result.labels))]
        else:
            result.texts = texts.get(block.id, [])
        questions.append(result)
    average = answers.filter(rating__isnull=False).aggregate(average=Avg("rating"))["average"]
    return Results(
        responses=responses.count(),
        eligible=eligible.count(),
        questions=questions,
        average_rating=average,
        free_text_shown=free_text,
    )


def results_by_organisation(*, responses: QuerySet[Response]) -> list[dict]:
    """Per organisation: responses and average rating (one query)."""
    return list(
        responses.values("organisation_id", "organisation__name")
        .annotate(responses=Count("pk", distinct=True), average=Avg("answers__rating"))
        .order_by("organisation__name")
    )


def results_by_cohort(*, responses: QuerySet[Response]) -> list[dict]:
    """Per cohort (none: self-paced): responses and average rating (one query)."""
    return list(
        responses.values("cohort_id", "cohort__name")
        .annotate(responses=Count("pk", distinct=True), average=Avg("answers__rating"))
        .order_by("cohort__name")
    )


def satisfaction_of(*, responses: QuerySet[Response], course_keys) -> dict[UUID, tuple]:
    """{course key: (end-of-course responses, average rating)} among ``responses``, for the
    reports (two queries)."""
    keys = list(course_keys)
    rows = responses.filter(course_key__in=keys, purpose=Purpose.END_OF_COURSE)
    counts = dict(rows.values_list("course_key").annotate(count=Count("pk")).order_by())
    averages = dict(
        Answer.objects.filter(response__in=rows.values("pk"), rating__isnull=False)
        .values_list("response__course_key")
        .annotate(average=Avg("rating"))
        .order_by()
    )
    return {key: (counts.get(key, 0), averages.get(key)) for key in keys}


def results_overview(*, responses: QuerySet[Response]) -> list[dict]:
    """Per course (or programme) and purpose: responses and average rating (one query;
    titles: two more)."""
    rows = list(
        responses.values("course_key", "purpose")
        .annotate(responses=Count("pk", distinct=True), average=Avg("answers__rating"))
        .order_by()
    )
    titles = subject_titles({row["course_key"] for row in rows})
    for row in rows:
        row["title"] = titles.get(row["course_key"]) or str(row["course_key"])
    return sorted(rows, key=lambda row: (row["title"], row["purpose"]))


def export_rows(*, responses: QuerySet[Response]) -> QuerySet[Response]:
    """The responses to export, with their answers, learner and organisation (read in
    chunks by the writers, the answers prefetched per chunk)."""
    return (
        responses.select_related("user", "organisation", "cohort")
        .prefetch_related("answers")
        .order_by("submitted_at", "pk")
    )
