"""Pages that change with nobody publishing (an enrolment window opens or closes, a webinar's
joining opens, it starts, it ends) are kept in the anonymous page cache no longer than
that (courses.page_cache.next_change, cms.page_cache.register_change_clock)."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import caches

from tests.courses import factories

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2031, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def cached(settings):
    # In this process's memory, whose expiry follows the travelling clock (Redis's does not).
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "page-cache-clock",
        },
    }
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CLOCK_MARGIN = 0  # one process, one clock
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _shared_seconds(response) -> int:
    directives = dict(
        part.strip().split("=") for part in response["Cache-Control"].split(",") if "=" in part
    )
    return int(directives["s-maxage"])


def test_a_course_page_lives_until_its_enrolment_window_closes(client, clock):
    course = factories.course(
        "Public procurement", enrolment_closes_at=NOW + dt.timedelta(minutes=5)
    )

    first = client.get(course.url)

    assert first["X-Page-Cache"] == "miss"
    assert _shared_seconds(first) == 300
    assert "max-age=60" in first["Cache-Control"]
    clock.move_to(NOW + dt.timedelta(minutes=4))
    assert client.get(course.url)["X-Page-Cache"] == "hit"
    clock.move_to(NOW + dt.timedelta(minutes=5, seconds=1))
    assert client.get(course.url)["X-Page-Cache"] == "miss"  # made again: enrolment closed


def test_a_course_whose_window_is_far_off_keeps_the_usual_lifetime(client, clock):
    course = factories.course("Financing", enrolment_opens_at=NOW + dt.timedelta(days=3))

    assert _shared_seconds(client.get(course.url)) == 600


def test_the_catalogue_lives_until_the_next_window_of_any_course(client, clock):
    factories.course("Cooperatives", enrolment_opens_at=NOW + dt.timedelta(minutes=2))
    factories.course("Social finance", enrolment_closes_at=NOW + dt.timedelta(days=2))
    factories.course("Closed long ago", enrolment_closes_at=NOW - dt.timedelta(days=2))
    catalogue = factories.catalogue("en").url

    first = client.get(catalogue)

    assert _shared_seconds(first) == 120
    assert "max-age=60" in first["Cache-Control"]
    clock.move_to(NOW + dt.timedelta(minutes=2, seconds=1))
    assert client.get(catalogue)["X-Page-Cache"] == "miss"


def test_a_webinar_and_the_webinar_list_live_until_joining_opens(client, clock):
    webinar = factories.webinar(
        title="Social economy and housing",
        starts_at=NOW + dt.timedelta(minutes=18),
        join_opens_minutes_before=15,
    )
    listing = factories.webinar_index().url

    assert _shared_seconds(client.get(webinar.url)) == 180
    assert _shared_seconds(client.get(listing)) == 180
    clock.move_to(NOW + dt.timedelta(minutes=3, seconds=1))
    for url in (webinar.url, listing):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url  # made again: joining is open
        assert _shared_seconds(response) == 600  # the start is 14 minutes 59 seconds away


def test_a_page_about_to_change_within_the_second_is_not_cached(client, clock):
    course = factories.course(
        "Now closing", enrolment_closes_at=NOW + dt.timedelta(milliseconds=500)
    )

    first = client.get(course.url)

    assert first["X-Page-Cache"] == "pass"
    assert "s-maxage" not in first.get("Cache-Control", "")
    assert client.get(course.url)["X-Page-Cache"] == "pass"
