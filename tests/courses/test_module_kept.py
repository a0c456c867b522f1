"""A module page's lesson and quiz questions are rendered once per revision and kept; the
learner's own parts (their form token, an attempt's feedback) are theirs every time; a
published change is seen at once; a preview is never kept."""

from __future__ import annotations

import pytest
from django.template import Context
from django.test import RequestFactory

from cms import shell_cache
from courses.services.learning import enrolment_create
from courses.templatetags.lesson_tags import lesson_body
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    course = factories.course("Social finance")
    module = factories.module(course, body=factories.quiz_body(lesson="<p>First lesson.</p>"))
    learner = UserFactory()
    enrolment_create(user=learner, course=course)
    return course, module, learner


def _html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_lesson_is_kept_and_a_published_change_is_seen_at_once(client, setting):
    _course, module, learner = setting
    client.force_login(learner)
    assert "First lesson." in _html(client, module.url)
    assert any(key[0] == "lesson-block" for key in shell_cache._memo)
    assert any(key[0] == "quiz-questions" for key in shell_cache._memo)
    module.body = factories.quiz_body(lesson="<p>Second lesson.</p>")
    module.save_revision().publish()
    page = _html(client, module.url)
    assert "Second lesson." in page and "First lesson." not in page


def test_each_learner_gets_their_own_token_and_feedback_around_the_kept_questions(client, setting):
    course, module, learner = setting
    other = UserFactory()
    enrolment_create(user=other, course=course)
    client.force_login(learner)
    mine = _html(client, module.url)
    client.force_login(other)
    theirs = _html(client, module.url)
    token = 'name="form_token" value="'
    assert mine.split(token)[1][:20] != theirs.split(token)[1][:20]
    assert mine.count('name="q-q1"') == theirs.count('name="q-q1"') == 2
    response = client.post(
        f"/en/learn/courses/{course.pk}/modules/{module.pk}/quiz/",
        {"q-q1": "q1-b", "q-q2": "q2-b", "form_token": theirs.split(token)[1].split('"')[0]},
    )
    assert response.status_code == 302
    feedback = _html(client, response["Location"])
    assert "why q1-b" in feedback and "checked" in feedback  # their attempt, not kept
    client.force_login(learner)
    assert "why q1-b" not in _html(client, module.url)


def test_a_preview_is_rendered_and_never_kept(setting):
    _course, module, _learner = setting
    shell_cache.forget()
    request = RequestFactory().get(module.url)
    request.is_preview = True
    module.body = factories.quiz_body(lesson="<p>An unsaved draft.</p>")
    html = lesson_body(Context({"request": request, "page": module}), module)
    assert "An unsaved draft." in html
    assert not [key for key in shell_cache._memo if key[0] in ("lesson-block", "quiz-questions")]
