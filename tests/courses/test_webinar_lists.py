"""Webinars in lists: the dashboard, the home page, the catalogue and the course page,
each at a fixed number of queries."""

# Time ranges are written with an en dash (U+2013), as people read them.
# ruff: noqa: RUF001

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import WebinarRegistration
from courses.services.learning import enrolment_create
from courses.services.webinars import calendar_feed_reset, webinar_register
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    """These tests schedule webinars on fixed dates in 2027: they run in December 2026
    (the clock ticks on from there), whatever today is."""
    time_machine.move_to(dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC))


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def learner(db):
    return UserFactory(time_zone="Asia/Seoul", email_verified_at=timezone.now())


def test_the_dashboard_lists_my_webinars_with_local_times_waitlist_and_join_link(client, learner):
    now = timezone.now().replace(microsecond=0)
    soon = factories.webinar(
        title="Starting soon",
        starts_at=now + dt.timedelta(minutes=10),
        join_url="https://meet.example/soon",
    )
    full = factories.webinar(
        title="Full one",
        local_start=dt.datetime(2027, 3, 16, 10, 0),
        host_time_zone="America/Toronto",
        capacity=1,
    )
    webinar_register(user=UserFactory(), webinar=full)
    missed = factories.webinar(
        title="Last week",
        starts_at=now - dt.timedelta(days=7),
        recording_url="https://video.example/last-week",
    )
    WebinarRegistration.objects.create(
        webinar=missed, user=learner, status="registered", position=1, created_at=now
    )
    for webinar in (soon, full):
        webinar_register(user=learner, webinar=webinar)
    client.force_login(learner)

    text = _text(client.get(_url("learn:dashboard")))

    assert 'href="https://meet.example/soon"' in text
    assert "You are number 1 on the waitlist." in text
    assert (
        '<time datetime="2027-03-16T14:00:00Z">Tuesday 16 March 2027, 23:00 – '
        "Wednesday 17 March 2027, 00:00 KST (UTC+9)</time>"
    ) in text
    assert "Recordings of webinars you missed" in text
    assert "https://video.example/last-week" in text
    assert "Get my calendar link" in text


def test_the_dashboard_shows_the_calendar_link_and_its_reset_button(client, learner):
    feed = calendar_feed_reset(user=learner)
    client.force_login(learner)

    text = _text(client.get(_url("learn:dashboard")))

    assert f"/learn/calendar/{feed.token}.ics" in text
    assert "Reset my calendar link" in text


def test_the_dashboard_costs_the_same_queries_for_1_and_10_webinars(
    client, learner, django_assert_max_num_queries
):
    webinars = [factories.webinar(capacity=1) for _ in range(10)]
    webinar_register(user=learner, webinar=webinars[0])
    client.force_login(learner)
    few = _count_queries(client, _url("learn:dashboard"))

    for webinar in webinars[1:]:
        webinar_register(user=UserFactory(), webinar=webinar)
        webinar_register(user=learner, webinar=webinar)
    with django_assert_max_num_queries(few):
        response = client.get(_url("learn:dashboard"))
    assert _text(response).count("on the waitlist.") == 9


def test_the_home_page_and_the_catalogue_show_the_next_open_webinars(client):
    course = factories.course("A course")
    factories.webinar(course, "Course-only webinar")
    for n in range(4):
        factories.webinar(
            title=f"Open webinar {n}", starts_at=timezone.now() + dt.timedelta(days=n + 1)
        )
    factories.webinar(title="Cancelled one", is_cancelled=True)
    factories.webinar(title="Already over", starts_at=timezone.now() - dt.timedelta(days=1))

    home = _text(client.get("/en/"))
    catalogue = _text(client.get(factories.catalogue().url))

    for text in (home, catalogue):
        assert "Open webinar 0" in text
        assert "Open webinar 2" in text
        assert "Open webinar 3" not in text
        assert "Course-only webinar" not in text
        assert "Cancelled one" not in text
        assert "Already over" not in text
        assert "In UTC (log in to see your own time zone):" in text


def test_a_course_page_lists_its_webinars_at_a_fixed_number_of_queries(
    client, learner, django_assert_max_num_queries
):
    course = factories.course("Course with webinars", completion_min_webinars=1)
    enrolment_create(user=learner, course=course)
    first = factories.webinar(course, "First session")
    webinar_register(user=learner, webinar=first)
    client.force_login(learner)
    few = _count_queries(client, course.url)

    for n in range(8):
        factories.webinar(course, f"Session {n}")
    with django_assert_max_num_queries(few):
        response = client.get(course.url)
    text = _text(response)
    assert text.count('<article class="webinar-item') == 9
    assert "You are registered" in text
    assert "Attend at least 1 webinar to complete the course." in text


def test_the_demo_seeds_three_webinars_once():
    from courses import demo
    from courses.models import WebinarPage
    from lms import demo as lms_demo

    lms_demo.seed()
    demo.seed()
    demo.seed()

    webinars = {page.slug: page for page in WebinarPage.objects.all()}
    assert len(webinars) == 3
    montreal = webinars["live-qa-the-social-economy-in-montreal"]
    assert montreal.host_time_zone == "America/Toronto"
    assert (
        montreal.get_parent().specific.slug == "introduction-to-the-social-and-solidarity-economy"
    )
    assert webinars["seouls-social-economy-ecosystem"].host_time_zone == "Asia/Seoul"
    past = webinars["lessons-from-bilbao"]
    assert past.has_ended(timezone.now()) and past.recording_url
    assert WebinarRegistration.objects.filter(webinar=montreal).exists()


def test_the_webinar_list_page_shows_upcoming_then_past_webinars(client):
    factories.webinar(title="Next month", starts_at=timezone.now() + dt.timedelta(days=30))
    factories.webinar(
        title="Last month",
        starts_at=timezone.now() - dt.timedelta(days=30),
        recording_url="https://video.example/last-month",
    )

    text = _text(client.get(factories.webinar_index().url))

    assert text.index("Upcoming webinars") < text.index("Next month")
    assert text.index("Past webinars") < text.index("Last month")
