"""My learning is rendered once per state of what it shows and kept: a second visit reads
two rows; any change to the learner's rows (even one made without signals), to a page, to
another person's place on a webinar's waitlist, or the clock passing a moment the page
depends on, is seen on the next visit; each visit gets its own working CSRF token."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cms.kept_html import CSRF_PLACEHOLDER
from courses.models import Enrolment, WebinarRegistration
from courses.selectors.dashboard_kept import fingerprint, next_quarter_hour
from courses.services.learning import enrolment_create, module_complete
from courses.services.webinars import webinar_cancel_registration, webinar_register
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def setting():
    course = factories.course("Social finance")
    modules = [factories.module(course) for _ in range(2)]
    learner = UserFactory(email_verified_at=timezone.now())
    enrolment = enrolment_create(user=learner, course=course)
    return course, modules, learner, enrolment


def _url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("learn:dashboard")


def _text(client, language: str = "en") -> str:
    response = client.get(_url(language))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _statements(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url()).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _queries(client) -> int:
    return len(_statements(client))


def test_a_second_visit_reads_the_person_and_the_fingerprint_only(client, setting):
    _course, _modules, learner, _enrolment = setting
    client.force_login(learner)
    _text(client)  # the first visit ever makes the site's settings
    first = _text(client)
    statements = _statements(client)
    # The person, the fingerprint of their rows, and their permissions for the header's
    # menu (kept in the cache, except when read inside a transaction, as a test is).
    assert len(statements) == 3
    assert statements[0].startswith('SELECT "lms_user"."id"')
    assert statements[1].startswith("SELECT md5(")
    assert "auth_group_permissions" in statements[2]
    second = _text(client)
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", first) == token.sub("", second)
    assert CSRF_PLACEHOLDER not in second


def test_rendering_after_a_change_costs_the_same_queries_for_1_and_6_courses(client, setting):
    _course, modules, learner, enrolment = setting
    client.force_login(learner)
    _text(client)
    module_complete(enrolment=enrolment, module=modules[0])
    _text(client)  # what the site shell remembers of the new rows
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=NOW.date())
    few = _queries(client)
    for n in range(5):
        other = factories.course(f"Cooperatives {n}")
        factories.module(other)
        enrolment_create(user=learner, course=other)
    _text(client)
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=NOW.date() + dt.timedelta(days=1))
    many = _queries(client)
    assert few == many
    # The three of a kept visit (above), and the dashboard's eleven.
    assert many <= 14


def test_a_change_made_without_signals_is_seen_at_once(client, setting):
    _course, _modules, learner, enrolment = setting
    client.force_login(learner)
    assert "Due " not in _text(client)
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=NOW.date() + dt.timedelta(days=3))
    assert "3 days left" in _text(client)
    Enrolment.objects.filter(pk=enrolment.pk).update(progress_percent=50, modules_completed=1)
    assert "50% complete" in _text(client)


def test_a_published_title_and_a_completion_are_seen_at_once(
    client, setting, django_capture_on_commit_callbacks
):
    course, modules, learner, enrolment = setting
    client.force_login(learner)
    assert "Social finance" in _text(client)
    course.title = "Social finance for cities"
    with django_capture_on_commit_callbacks(execute=True):  # the publication commits
        course.save_revision().publish()
    assert "Social finance for cities" in _text(client)
    for module in modules:
        module_complete(enrolment=enrolment, module=module)
    text = _text(client)
    assert "Courses you complete are listed here." not in text
    assert "Completed on" in text


def test_another_person_leaving_the_webinar_moves_my_place_on_its_waitlist(client, setting):
    _course, _modules, learner, _enrolment = setting
    webinar = factories.webinar(title="Full one", capacity=1)
    webinar_register(user=UserFactory(), webinar=webinar)
    ahead = webinar_register(user=UserFactory(), webinar=webinar)
    webinar_register(user=learner, webinar=webinar)
    client.force_login(learner)
    assert "You are number 2 on the waitlist." in _text(client)
    webinar_cancel_registration(registration=ahead)
    assert "You are number 1 on the waitlist." in _text(client)


def test_the_clock_turns_the_join_link_and_the_days_left_without_any_change(
    client, setting, time_machine
):
    _course, _modules, learner, enrolment = setting
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=NOW.date() + dt.timedelta(days=1))
    webinar = factories.webinar(
        title="Starting later",
        starts_at=NOW + dt.timedelta(hours=2),
        join_url="https://meet.example/later",
    )
    webinar_register(user=learner, webinar=webinar)
    client.force_login(learner)
    text = _text(client)
    assert "1 day left" in text and "https://meet.example/later" not in text

    time_machine.move_to(webinar.join_opens_at)  # no row changed
    assert "https://meet.example/later" in _text(client)

    time_machine.move_to(NOW + dt.timedelta(days=1))
    text = _text(client)
    assert "Due today" in text and "https://meet.example/later" not in text


def test_each_visit_gets_its_own_token_and_it_works(setting):
    _course, _modules, learner, _enrolment = setting
    tokens = []
    for _ in range(2):  # two browsers: the second reads the kept body
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(learner)
        text = _text(browser)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
        tokens.append(token)
        with translation.override("en"):
            reset = reverse("learn:calendar_reset")
        response = browser.post(reset, {"csrfmiddlewaretoken": token})
        assert response.status_code == 302, response.status_code
    assert tokens[0] != tokens[1]


def _text_of(user) -> str:
    browser = Client()
    browser.force_login(user)
    return _text(browser)


def test_learners_and_languages_are_kept_apart(client, setting):
    course, _modules, learner, _enrolment = setting
    factories.translate(course, "fr", title="Finance solidaire")
    other = UserFactory()
    client.force_login(learner)
    assert "Social finance" in _text(client)
    assert "Finance solidaire" in _text(client, "fr")
    client.force_login(other)
    text = _text(client)
    assert f"/courses/{course.pk}/continue/" in _text_of(learner)
    assert f"/courses/{course.pk}/continue/" not in text
    assert "You are not taking any course at the moment." in text


def test_the_fingerprint_moves_with_the_rows_and_the_places_on_a_waitlist(setting):
    _course, _modules, learner, _enrolment = setting
    before = fingerprint(learner.pk)
    assert before == fingerprint(learner.pk)
    webinar = factories.webinar(capacity=1)
    webinar_register(user=UserFactory(), webinar=webinar)
    ahead = webinar_register(user=UserFactory(), webinar=webinar)
    webinar_register(user=learner, webinar=webinar)
    waiting = fingerprint(learner.pk)
    assert waiting != before
    webinar_register(user=UserFactory(), webinar=webinar)  # behind: nothing moves for them
    assert fingerprint(learner.pk) == waiting
    webinar_cancel_registration(registration=ahead)
    moved = fingerprint(learner.pk)
    assert moved != waiting
    WebinarRegistration.objects.filter(webinar=webinar, user=learner).update(attended=True)
    assert fingerprint(learner.pk) != moved


def test_the_next_quarter_hour_is_every_time_zones_next_midnight_or_sooner():
    moment = dt.datetime(2026, 12, 2, 18, 14, 59, tzinfo=dt.UTC)
    assert next_quarter_hour(moment) == dt.datetime(2026, 12, 2, 18, 15, tzinfo=dt.UTC)
    # Kathmandu (UTC+5:45) turns midnight at 18:15 UTC.
    assert next_quarter_hour(dt.datetime(2026, 12, 2, 18, 15, tzinfo=dt.UTC)) == dt.datetime(
        2026, 12, 2, 18, 30, tzinfo=dt.UTC
    )


def test_nothing_is_kept_when_kept_pages_are_turned_off(client, setting, settings):
    settings.KEPT_PAGES_SECONDS = 0
    _course, _modules, learner, _enrolment = setting
    client.force_login(learner)
    _text(client)
    _text(client)
    statements = _statements(client)
    assert any('FROM "courses_enrolment"' in sql for sql in statements[2:])
