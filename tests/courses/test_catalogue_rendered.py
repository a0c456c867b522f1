"""The catalogue's rendered body and webinars section are kept per process
(courses.selectors.catalogue_rendered) and stay true: a publication, the clock passing an
enrolment window or a webinar's end, and the viewer's time zone all show."""

import datetime as dt

import pytest
import time_machine

from courses.selectors import catalogue_rendered
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2031, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def learner(client):
    person = UserFactory(time_zone="Asia/Seoul")
    client.force_login(person)
    return person


def test_open_now_follows_the_clock_through_an_enrolment_window(client, clock, learner):
    factories.course("Always open")
    factories.course("Opens soon", enrolment_opens_at=NOW + dt.timedelta(minutes=5))
    url = factories.catalogue("en").url + "?open_now=on"

    before = client.get(url).content.decode()
    assert "Always open" in before
    assert "Opens soon" not in before
    clock.move_to(NOW + dt.timedelta(minutes=4))
    assert "Opens soon" not in client.get(url).content.decode()
    clock.move_to(NOW + dt.timedelta(minutes=5))
    assert "Opens soon" in client.get(url).content.decode()


def test_a_published_course_is_listed_on_the_next_visit(client, learner):
    url = factories.catalogue("en").url
    factories.course("First course")
    assert "First course" in client.get(url).content.decode()

    factories.course("Second course")

    html = client.get(url).content.decode()
    assert "First course" in html
    assert "Second course" in html


def test_each_query_is_kept_apart(client, learner):
    factories.course("Cooperatives in cities", topic_slugs=("cooperatives",))
    factories.course("Quokka markets")
    url = factories.catalogue("en").url

    assert "Quokka markets</a>" in client.get(url).content.decode()
    searched = client.get(url, {"q": "cooperatives"}).content.decode()
    assert "Cooperatives in cities</a>" in searched
    assert "Quokka markets</a>" not in searched
    filtered = client.get(url, {"topic": "cooperatives"}).content.decode()
    assert "Cooperatives in cities</a>" in filtered
    assert "Quokka markets</a>" not in filtered
    assert "Quokka markets</a>" in client.get(url).content.decode()


def test_at_most_so_many_queries_are_kept(client, learner, monkeypatch):
    monkeypatch.setattr(catalogue_rendered, "MAX_ENTRIES", 2)
    factories.course("Public procurement")
    url = factories.catalogue("en").url

    for word in ("one", "two", "three"):
        assert client.get(url, {"q": word}).status_code == 200

    store = catalogue_rendered.shell_cache.peek(("recent", "catalogue-rendered"))
    assert len(store) == 2


def test_the_webinars_show_in_each_viewers_time_zone_until_they_end(client, clock, learner):
    url = factories.catalogue("en").url
    factories.webinar(title="Budgets together", starts_at=NOW + dt.timedelta(hours=1))

    html = client.get(url).content.decode()
    assert "Budgets together" in html
    assert "KST (UTC+9)" in html
    client.force_login(UserFactory(time_zone="America/New_York"))
    html = client.get(url).content.decode()
    assert "KST (UTC+9)" not in html
    assert "(UTC-4)" in html or "(UTC-5)" in html

    clock.move_to(NOW + dt.timedelta(days=1))
    assert "Budgets together" not in client.get(url).content.decode()


def test_the_option_lists_mark_the_chosen_value_and_keep_no_other(client, learner):
    factories.course("Cooperatives in cities", topic_slugs=("cooperatives",))
    url = factories.catalogue("en").url

    chosen = client.get(url, {"topic": "cooperatives"}).content.decode()
    assert '<option value="cooperatives" selected>' in chosen
    unknown = client.get(url, {"topic": "no-such-topic"}).content.decode()
    assert "selected>" not in unknown.split('name="topic"')[1].split("</select>")[0]

    kept = [
        key
        for key in catalogue_rendered.shell_cache._memo
        if isinstance(key, tuple) and key[0] == "catalogue-select"
    ]
    assert kept
    assert not [key for key in kept if key[3] == "no-such-topic"]
