"""The report selectors: what each row says, who sees which rows, and what it costs."""

import datetime as dt

import pytest
from django.utils import timezone

from courses.models import QuizAttempt, WebinarRegistration
from courses.selectors.reports import (
    ProgressFilters,
    chart_data,
    course_choices,
    learner_record,
    progress_report,
    quiz_question_results,
    report_scope,
    taught_courses,
)
from courses.services.learning import enrolment_create, learner_records_erase
from lms.services import membership_create
from tests.benchmarks import dataset
from tests.courses import factories as pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(trainer):
    page = pages.course("Municipal SSE strategy", trainers=(trainer,))
    pages.module(page, "Why a strategy")
    pages.module(page, "The quiz", body=pages.quiz_body())
    return page


def _attempt(enrolment, module_key, score, results, minutes=0):
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        module_key=module_key,
        form_nonce=f"n{score}{minutes}{enrolment.pk}",
        answers={},
        results=results,
        score=score,
        pass_mark=100,
        passed=score == 100,
        submitted_at=timezone.now() - dt.timedelta(minutes=minutes),
    )


def test_a_row_has_progress_best_quiz_scores_webinars_and_overdue(
    course, bamako, bamako_learner, bamako_coordinator
):
    enrolment = enrolment_create(
        user=bamako_learner,
        course=course,
        source="coordinator",
        enrolled_by=bamako_coordinator,
        due_on=timezone.localdate() - dt.timedelta(days=1),
    )
    quiz = list(course.modules)[1]
    _attempt(enrolment, quiz.translation_key, 50, {"q1": True, "q2": False}, minutes=5)
    _attempt(enrolment, quiz.translation_key, 100, {"q1": True, "q2": True})
    webinar = pages.webinar(course, starts_at=timezone.now() - dt.timedelta(days=1))
    WebinarRegistration.objects.create(
        webinar=webinar,
        user=bamako_learner,
        status="registered",
        position=1,
        created_at=timezone.now(),
        attended=True,
    )
    scope = report_scope(user=bamako_coordinator)
    (row,) = progress_report(scope=scope)
    assert row.user == bamako_learner
    assert row.course_title == "Municipal SSE strategy"
    assert row.quiz_score == 100  # the best attempt counts
    assert row.webinars_attended == 1
    assert row.is_overdue is True
    assert row.modules_required == 2
    assert list(progress_report(scope=scope, filters=ProgressFilters(overdue=True))) == [row]
    assert not progress_report(scope=scope, filters=ProgressFilters(status="completed")).exists()


def test_a_coordinator_cannot_see_other_organisations_learners(
    course, seoul, bamako, bamako_learner, bamako_coordinator, seoul_coordinator
):
    seoul_learner = UserFactory(full_name="Kim Seoul")
    membership_create(user=seoul_learner, organisation=seoul, confirmed=True)
    enrolment_create(user=bamako_learner, course=course)
    other = enrolment_create(user=seoul_learner, course=course)
    bamako_scope = report_scope(user=bamako_coordinator)
    assert [row.user for row in progress_report(scope=bamako_scope)] == [bamako_learner]
    assert learner_record(scope=bamako_scope, enrolment_id=other.pk) is None
    assert learner_record(scope=report_scope(user=seoul_coordinator), enrolment_id=other.pk)
    assert sum(c["total"] for c in chart_data(enrolments=bamako_scope.enrolments())["by_course"])


def test_anonymised_records_stay_in_their_organisations_report(
    course, bamako, bamako_learner, bamako_coordinator
):
    enrolment_create(user=bamako_learner, course=course)
    learner_records_erase(user=bamako_learner)
    (row,) = progress_report(scope=report_scope(user=bamako_coordinator))
    assert row.user is None


def test_a_trainer_sees_the_learners_of_their_courses_only(
    course, trainer, bamako_learner, seoul, bamako
):
    other_course = pages.course("Not theirs")
    enrolment_create(user=bamako_learner, course=course)
    enrolment_create(user=bamako_learner, course=other_course)
    scope = report_scope(user=trainer)
    assert [row.course_title for row in progress_report(scope=scope)] == [course.title]
    assert course_choices(scope=scope) == [(str(course.translation_key), course.title)]


def test_quiz_questions_most_people_fail_come_first(course, bamako_learner):
    enrolment = enrolment_create(user=bamako_learner, course=course)
    quiz = list(course.modules)[1]
    _attempt(enrolment, quiz.translation_key, 50, {"q1": True, "q2": False}, minutes=5)
    _attempt(enrolment, quiz.translation_key, 50, {"q1": True, "q2": False}, minutes=3)
    rows = quiz_question_results(course_key=course.translation_key)
    assert [(row["number"], row["attempts"], row["percent_right"]) for row in rows] == [
        (2, 2, 0),
        (1, 2, 100),
    ]


def test_the_progress_report_costs_a_fixed_number_of_queries(
    django_assert_max_num_queries, bamako_coordinator, bamako
):
    data = dataset.generate(learners=2000, courses=10, organisation_list=[bamako])
    assert data.enrolments == 20000
    with django_assert_max_num_queries(10):
        scope = report_scope(user=bamako_coordinator)
        rows = progress_report(scope=scope)
        assert rows.count() == 20000
        page = list(rows[:50])
        assert len(page) == 50
        course_choices(scope=scope)
        chart_data(enrolments=scope.enrolments(), titles=scope.course_titles)
    with django_assert_max_num_queries(1):
        everything = list(progress_report(scope=scope))
    assert len(everything) == 20000
    assert {row.webinars_attended for row in everything} >= {0, 1}


def test_the_demo_bamako_coordinator_sees_their_officials():
    from courses import demo
    from lms import demo as lms_demo
    from lms.models import User

    lms_demo.seed()
    demo.seed()
    coordinator = User.objects.get(email=f"coordinator.bamako@{lms_demo.DEMO_EMAIL_DOMAIN}")
    rows = list(progress_report(scope=report_scope(user=coordinator)))
    assert rows
    assert {row.organisation.short_name for row in rows} == {"Bamako"}


def _with_ids(body: list[dict], prefix: str) -> list[dict]:
    """The quiz body with every question given another block id, as a translation authored
    by hand (not copied) has."""
    for question in body[1]["value"]["questions"]:
        question["id"] = f"{prefix}-{question['id']}"
    return body


def test_quiz_statistics_count_answers_given_on_every_language_version(
    course, bamako_learner, seoul, django_assert_max_num_queries
):
    lesson, quiz = list(course.modules)
    french = pages.translate(course, "fr", title="Stratégie municipale")
    pages.translate_module(lesson, "fr")
    french_quiz = pages.translate_module(quiz, "fr", title="Le quiz")
    french_quiz.body = _with_ids(pages.quiz_body(), "fr")
    french_quiz.save_revision().publish()
    english_enrolment = enrolment_create(user=bamako_learner, course=course)
    _attempt(english_enrolment, quiz.translation_key, 50, {"q1": True, "q2": False})
    for number in range(2):  # two learners who took the course in French
        learner = UserFactory()
        membership_create(user=learner, organisation=seoul, confirmed=True)
        enrolment = enrolment_create(user=learner, course=french)
        _attempt(enrolment, quiz.translation_key, 50, {"fr-q1": False, "fr-q2": True}, number)
    with django_assert_max_num_queries(3):  # whatever the number of languages and attempts
        rows = quiz_question_results(course_key=course.translation_key)
    assert [(row["number"], row["prompt"], row["attempts"], row["right"]) for row in rows] == [
        (1, "Which is a social economy enterprise?", 3, 1),
        (2, "Which are SSE principles?", 3, 2),
    ]
    assert {row["module"] for row in rows} == {"The quiz"}  # the original's titles
    (taught,) = taught_courses(scope=report_scope(user=course.trainers.first()))
    assert taught.enrolled == 3
