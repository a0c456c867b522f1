"""What a learner sees of their cohort: its dates on the course page, the module page and
My learning, the cohort's page with its live sessions in their time zone, and joining
from the course page (a refusal says why)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from courses.cohorts.models import CohortMember
from courses.cohorts.services import cohort_enrol
from tests.cohorts.helpers import NOW, make_cohort
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    """The whole test at NOW: a session made at another time would have expired."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def setting(db):
    course = factories.course("Municipal strategy")
    one = factories.module(course, "Mapping the local economy")
    three = factories.module(course, "Public procurement")
    webinar = factories.webinar(
        course, "Kick-off", starts_at=dt.datetime(2027, 3, 4, 14, tzinfo=dt.UTC)
    )
    cohort = make_cohort(
        course,
        webinars=[webinar],
        modules=[
            (one, dt.date(2027, 3, 1), dt.date(2027, 3, 2)),
            (three, None, dt.date(2027, 3, 5)),
        ],
    )
    learner = UserFactory(full_name="Awa Traoré", time_zone="America/Mexico_City")
    cohort_enrol(cohort=cohort, user=learner, now=NOW)
    return course, one, three, cohort, learner


def test_the_course_page_shows_the_members_dates(client, setting):
    course, _one, _three, _cohort, learner = setting
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        text = _text(client.get(course.url))
    assert "Your cohort" in text
    assert "Spring 2027" in text
    assert "Public procurement" in text and "5 March 2027" in text
    assert "Overdue" in text  # module one was due on the 2nd


def test_the_module_page_and_my_learning_show_the_due_dates(client, setting):
    _course, _one, three, _cohort, learner = setting
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        module_text = _text(client.get(three.url))
        with translation.override("en"):
            dashboard = _text(client.get(reverse("learn:dashboard")))
    assert "this module is due on" in module_text
    assert "My cohorts" in dashboard
    assert "“Public procurement” is due on 5 March 2027." in dashboard


def test_the_cohort_page_lists_its_live_sessions_in_the_viewers_zone(client, setting):
    _course, _one, _three, cohort, learner = setting
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        response = client.get(reverse("cohorts:detail", args=[cohort.pk]))
    text = _text(response)
    assert response.status_code == 200
    assert "Kick-off" in text
    assert "08:00" in text or "8:00" in text  # 14:00 UTC is 08:00 in Mexico City


def test_anonymous_visitors_see_no_cohort_panel(client, setting):
    course = setting[0]
    with time_machine.travel(NOW, tick=False):
        text = _text(client.get(course.url))
    assert "Join “Spring 2027”" not in text and "Your cohort" not in text


def test_a_learner_joins_from_the_course_page_and_a_refusal_says_why(client, setting):
    course, _one, _three, cohort, _learner = setting
    newcomer = UserFactory()
    client.force_login(newcomer)
    with time_machine.travel(NOW, tick=False):
        assert "Join “Spring 2027”" in _text(client.get(course.url))
        with translation.override("en"):
            url = reverse("cohorts:join", args=[cohort.pk])
        response = client.post(url)
    assert response.status_code == 302
    assert CohortMember.objects.filter(cohort=cohort, user=newcomer).exists()
    late = UserFactory()
    client.force_login(late)
    _frozen_later = NOW + dt.timedelta(days=20)
    with time_machine.travel(_frozen_later, tick=False):
        client.force_login(late)
        response = client.post(url, follow=True)
    assert "This cohort ended on 12 March 2027." in _text(response)
    assert not CohortMember.objects.filter(user=late).exists()
