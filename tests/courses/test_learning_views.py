"""The learner's pages and actions through the test client: course, module, quiz, dashboard."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses.models import CoursePage, Enrolment, ModuleCompletion, QuizAttempt
from courses.services.learning import (
    enrolment_create,
    module_complete,
    quiz_form_token,
    quiz_submit,
)
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Ji-woo Park", time_zone="Asia/Seoul")


@pytest.fixture
def course(db):
    course = factories.course("Social economy basics")
    factories.module(course, "Welcome", is_open_preview=True)
    factories.module(course, "Lesson")
    factories.module(course, "Check", body=factories.quiz_body(pass_mark=100))
    return course


def _modules(course):
    return list(course.get_children().live().specific().order_by("path"))


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _token(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


# --- the course page ------------------------------------------------------------------------


def test_a_visitor_is_asked_to_log_in_to_enrol(client, course):
    response = client.get(course.url)

    assert response.status_code == 200
    assert "Log in to enrol" in _text(response)
    assert f"next={course.url}" in response.content.decode()


def test_anonymous_enrolment_goes_to_the_login_page_and_changes_nothing(client, course):
    response = client.post(_url("learn:enrol", course.pk))

    assert response.status_code == 302
    assert response.url.startswith(_url("accounts:login"))
    assert not Enrolment.objects.exists()


def test_a_learner_enrols_from_the_course_page_and_sees_their_progress(client, learner, course):
    client.force_login(learner)
    page = client.get(course.url)
    assert "Enrol in this course" in _text(page)

    response = client.post(_url("learn:enrol", course.pk), follow=True)

    assert response.redirect_chain[-1][0] == course.url
    text = _text(response)
    assert "You are enrolled" in text
    assert "0% complete" in text
    assert "Start the first module" in text
    assert "Withdraw from this course" in text
    assert Enrolment.objects.get().user == learner


def test_enrolling_twice_is_not_an_error(client, learner, course):
    client.force_login(learner)
    client.post(_url("learn:enrol", course.pk))

    response = client.post(_url("learn:enrol", course.pk))

    assert response.status_code == 302
    assert Enrolment.objects.count() == 1


def test_a_get_on_an_action_url_changes_nothing(client, learner, course):
    client.force_login(learner)

    response = client.get(_url("learn:enrol", course.pk))

    assert response.status_code == 302
    assert response.url == course.url
    assert not Enrolment.objects.exists()


def test_a_refused_enrolment_says_why_on_the_course_page_and_on_post(client, learner, seoul):
    reserved = factories.course("Seoul only", audience=CoursePage.Audience.NAMED)
    reserved.audience_organisations.set([seoul])
    reserved.save_revision().publish()
    client.force_login(learner)

    page = client.get(reserved.url)
    assert "reserved to members of Seoul Metropolitan Government" in _text(page)
    assert "Enrol in this course" not in _text(page)

    response = client.post(_url("learn:enrol", reserved.pk))
    assert response.status_code == 403
    assert "reserved to members of Seoul Metropolitan Government" in _text(response)
    assert "Nothing in your record was changed." in _text(response)
    assert not Enrolment.objects.exists()


def test_a_closed_course_says_when_it_closed_and_offers_no_button(client, learner):
    closed = factories.course(
        "Closed", enrolment_closes_at=dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
    )
    client.force_login(learner)

    text = _text(client.get(closed.url))

    assert "Enrolment closed on 1 March 2025." in text
    assert "Enrol in this course" not in text


def test_actions_refuse_a_post_without_the_csrf_token(learner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    response = client.post(_url("learn:enrol", course.pk))

    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_withdrawing_keeps_progress_and_offers_to_enrol_again(client, learner, course):
    client.force_login(learner)
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=_modules(course)[0])

    response = client.post(_url("learn:withdraw", course.pk), follow=True)

    text = _text(response)
    assert "Your progress is kept if you enrol again." in text
    assert "Enrol again" in text
    assert "You keep the 1 module you completed." in text


# --- modules ------------------------------------------------------------------------------


def test_module_content_is_for_enrolled_learners_and_previews_for_everyone(client, learner, course):
    welcome, lesson, _check = _modules(course)
    assert "This module is for enrolled learners" in _text(client.get(lesson.url))
    assert "This module is for enrolled learners" not in _text(client.get(welcome.url))

    client.force_login(learner)
    assert "This module is for enrolled learners" in _text(client.get(lesson.url))

    enrolment_create(user=learner, course=course)
    text = _text(client.get(lesson.url))
    assert "This module is for enrolled learners" not in text
    assert "Mark as complete" in text


def test_marking_a_module_complete_shows_it_done_and_counts_progress(client, learner, course):
    _welcome, lesson, _check = _modules(course)
    enrolment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.post(_url("learn:complete", course.pk, lesson.pk), follow=True)

    text = _text(response)
    assert "Module completed." in text
    assert "You have completed this module." in text
    assert "Mark as complete" not in text
    assert "33% complete" in text  # 1 of 3 required modules
    assert ModuleCompletion.objects.count() == 1


def test_a_module_outside_the_course_in_the_url_is_refused(client, learner, course):
    other = factories.module(factories.course("Other"))
    enrolment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.post(_url("learn:complete", course.pk, other.pk))

    assert response.status_code == 404
    assert "This module is not part of your course." in _text(response)
    assert not ModuleCompletion.objects.exists()

    # The same rule, the service's, refuses another course's quiz.
    quiz = factories.module(factories.course("Third"), "Check", body=factories.quiz_body())
    response = client.post(_url("learn:quiz", course.pk, quiz.pk), {"form_token": "x"})
    assert response.status_code == 404
    assert "This module is not part of your course." in _text(response)


def test_a_learner_not_enrolled_cannot_complete_a_module(client, learner, course):
    client.force_login(learner)

    response = client.post(_url("learn:complete", course.pk, _modules(course)[1].pk))

    assert response.status_code == 403
    assert "You are not enrolled in this course." in _text(response)
    assert not ModuleCompletion.objects.exists()


# --- quizzes --------------------------------------------------------------------------------


def test_a_failed_then_passed_quiz_shows_feedback_and_completes_the_module(client, learner, course):
    _welcome, _lesson, check = _modules(course)
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    page = client.get(check.url)
    assert "why q1-a" not in page.content.decode()  # explanations stay on the server

    failed = client.post(
        _url("learn:quiz", course.pk, check.pk),
        {"form_token": _token(page), "q-q1": "q1-a", "q-q2": "q2-b"},
        follow=True,
    )
    text = _text(failed)
    assert "Not passed yet: 50% (pass mark 100%)" in text
    assert "why q1-a" in text and "why q2-b" in text
    assert "why q2-a" not in text  # not chosen: its explanation would give the answer away
    assert 'value="q2-b" checked' in text
    assert not ModuleCompletion.objects.exists()

    passed = client.post(
        _url("learn:quiz", course.pk, check.pk),
        {"form_token": _token(failed), "q-q1": "q1-a", "q-q2": ["q2-a", "q2-c"]},
        follow=True,
    )
    text = _text(passed)
    assert "Passed: 100%" in text
    assert "Your best score: 100% (2 attempts)." in text
    assert ModuleCompletion.objects.get().method == "quiz"


def test_a_replayed_quiz_form_gets_a_conflict_page_and_no_new_attempt(client, learner, course):
    check = _modules(course)[2]
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    data = {"form_token": _token(client.get(check.url)), "q-q1": "q1-b", "q-q2": "q2-b"}
    client.post(_url("learn:quiz", course.pk, check.pk), data)

    response = client.post(_url("learn:quiz", course.pk, check.pk), data)

    assert response.status_code == 409
    assert "already submitted" in _text(response)
    assert QuizAttempt.objects.count() == 1


def test_an_answer_that_does_not_exist_is_a_bad_request_that_says_so(client, learner, course):
    check = _modules(course)[2]
    enrolment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.post(
        _url("learn:quiz", course.pk, check.pk),
        {"form_token": _token(client.get(check.url)), "q-q1": "nope", "q-q2": "q2-a"},
    )

    assert response.status_code == 400
    assert "Question 1: that answer is not one of its options." in _text(response)
    assert not QuizAttempt.objects.exists()


def test_a_learner_can_never_read_another_learners_attempt(client, learner, course):
    check = _modules(course)[2]
    other = UserFactory()
    theirs = enrolment_create(user=other, course=course)
    attempt = quiz_submit(
        enrolment=theirs,
        module=check,
        answers={"q1": ["q1-b"], "q2": ["q2-b"]},
        form_token=quiz_form_token(enrolment=theirs, module=check),
    )
    enrolment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.get(f"{check.url}?attempt={attempt.pk}")

    assert response.status_code == 200
    text = _text(response)
    assert "Not passed yet" not in text
    assert "why q1-b" not in text
    assert "checked" not in text


# --- continue and the dashboard --------------------------------------------------------------


def test_continue_leads_to_the_next_module_not_yet_done(client, learner, course):
    welcome, lesson, _check = _modules(course)
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=welcome)
    client.force_login(learner)

    response = client.get(_url("learn:continue", course.pk))

    assert response.url == lesson.url


def test_the_dashboard_needs_a_login(client):
    response = client.get(_url("learn:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(_url("accounts:login"))


def test_the_dashboard_shows_progress_deadlines_overdue_and_completed_courses(
    client, learner, course
):
    late = factories.course(
        "Late course", deadline_policy="fixed", deadline_date=dt.date(2026, 1, 1)
    )
    soon = factories.course("Soon course")
    done = factories.course("Done course")
    finished = factories.module(done)
    enrolment_create(user=learner, course=course)
    Enrolment.objects.create(
        user=learner,
        course_key=late.translation_key,
        course_page=late,
        enrolled_at=dt.datetime(2025, 12, 1, tzinfo=dt.UTC),
        due_on=dt.date(2025, 12, 20),
    )
    soon_enrolment = enrolment_create(user=learner, course=soon)
    Enrolment.objects.filter(pk=soon_enrolment.pk).update(
        due_on=dt.date.today() + dt.timedelta(days=400)
    )
    completed = enrolment_create(user=learner, course=done)
    module_complete(enrolment=completed, module=finished)
    client.force_login(learner)

    text = _text(client.get(_url("learn:dashboard")))

    assert "1 course is past its deadline." in text
    assert "Overdue: the deadline was 20 December 2025" in text
    assert "days left" in text
    assert text.index("Late course") < text.index("Soon course")  # overdue first
    completed_section = text[text.index('id="completed-title"') :]
    assert "Done course" in completed_section


def test_the_dashboard_shows_each_course_in_the_language_being_read(client, learner):
    english = factories.course("Public procurement")
    factories.translate(english, "fr", title="Marchés publics")
    enrolment_create(user=learner, course=english)
    client.force_login(learner)

    text = _text(client.get(_url("learn:dashboard", language="fr")))

    assert "Marchés publics" in text
    assert "Public procurement" not in text


def test_the_dashboard_recommends_open_courses_from_the_learners_organisation_first(
    client, learner, bamako
):
    membership_create(user=learner, organisation=bamako, confirmed=True)
    factories.course("Anyone's course")
    factories.course("Bamako's course", hosts=(bamako,))
    factories.course("Closed course", enrolment_closes_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    client.force_login(learner)

    text = _text(client.get(_url("learn:dashboard")))

    section = text[text.index('id="recommended-title"') :]
    assert section.index("Bamako&#x27;s course") < section.index("Anyone&#x27;s course")
    assert "Closed course" not in section


# --- query budgets --------------------------------------------------------------------------


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_3_and_30_enrolments(
    client, learner, django_assert_max_num_queries
):
    courses = [factories.course(f"Course {n}") for n in range(30)]
    for course in courses[:3]:
        enrolment_create(user=learner, course=course)
    client.force_login(learner)
    few = _count_queries(client, _url("learn:dashboard"))

    for course in courses[3:]:
        enrolment_create(user=learner, course=course)
    with django_assert_max_num_queries(few):
        response = client.get(_url("learn:dashboard"))
    assert response.content.decode().count('<li class="enrolment') == 30


def test_a_course_page_costs_the_same_queries_for_2_and_20_modules(
    client, learner, django_assert_max_num_queries
):
    course = factories.course("Long course")
    modules = [factories.module(course) for _ in range(2)]
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=modules[0])
    client.force_login(learner)
    few = _count_queries(client, course.url)

    for _ in range(18):
        factories.module(course)
    with django_assert_max_num_queries(few):
        response = client.get(course.url)
    assert response.content.decode().count('class="syllabus__item"') == 20


def test_a_learner_never_sees_another_learners_progress(client, learner, course):
    other = UserFactory()
    theirs = enrolment_create(user=other, course=course)
    module_complete(enrolment=theirs, module=_modules(course)[0])
    client.force_login(learner)

    dashboard = _text(client.get(_url("learn:dashboard")))
    course_page = _text(client.get(course.url))

    assert "Social economy basics" not in dashboard[: dashboard.index('id="completed-title"')]
    assert "% complete" not in course_page
    assert "badge--done" not in course_page
    assert "Enrol in this course" in course_page
