"""Calendars that work in every tool: the private feed names itself, asks to be refreshed
hourly, names an organizer and carries the join link from registration on; every file is
in its reader's language and parses in a second, independent library (vobject); the
dashboard and the webinar page offer webcal://, Google Calendar and Outlook links without
JavaScript."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import time_machine
import vobject
from django.urls import reverse
from django.utils import translation

from courses.services.learning import enrolment_create
from courses.services.webinars import calendar_feed_reset, webinar_register
from lms.urls_absolute import webcal_url
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _both(content: bytes):
    """The file read by icalendar and by vobject: both must accept it."""
    first = icalendar.Calendar.from_ical(content)
    second = vobject.readOne(content.decode())
    return first, second


@pytest.fixture
def course_webinar(seoul, bamako):
    """A webinar of a course hosted by Seoul and Bamako, in Toronto's time, translated."""
    course = factories.course("Social procurement", hosts=(seoul, bamako))
    webinar = factories.webinar(
        course,
        "Buying from cooperatives",
        local_start=dt.datetime(2027, 3, 16, 10, 0),  # after North America's DST change
        host_time_zone="America/Toronto",
        duration_minutes=90,
        description="<p>How cities buy from the social economy.</p>",
        join_url="https://meet.example/coop",
    )
    french = webinar.copy_for_translation(factories.locale("fr"), copy_parents=True)
    french.title = "Acheter aux coopératives"
    french.description = "<p>Comment les villes achètent à l\u2019économie sociale.</p>"
    french.save_revision().publish()
    return webinar


@pytest.fixture
def french_person(course_webinar):
    person = UserFactory(preferred_language="fr", email_verified_at=NOW)
    course = course_webinar.get_parent().specific
    enrolment_create(user=person, course=course)
    webinar_register(user=person, webinar=course_webinar)
    return person


def test_the_private_feed_names_itself_asks_for_hourly_refresh_and_names_the_hosts(
    client, french_person, course_webinar, settings
):
    settings.DEFAULT_FROM_EMAIL = "GSEF Academy <academy@gsef-net.org>"
    feed = calendar_feed_reset(user=french_person)

    content = client.get(_url("learn:calendar_feed", feed.token)).content
    calendar, parsed = _both(content)

    assert str(calendar["X-WR-CALNAME"]) == "Webinaires de l\u2019Académie GSEF"
    assert str(calendar["NAME"]) == "Webinaires de l\u2019Académie GSEF"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in content.decode()
    assert calendar.decoded("REFRESH-INTERVAL") == dt.timedelta(hours=1)
    assert str(calendar["X-PUBLISHED-TTL"].to_ical().decode()) == "PT1H"
    (event,) = calendar.walk("VEVENT")
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:academy@gsef-net.org"
    assert organizer.params["CN"] == "District of Bamako, Seoul Metropolitan Government"
    assert parsed.vevent.organizer.value == "mailto:academy@gsef-net.org"


def test_the_feed_speaks_its_owners_language_and_has_the_join_link_days_ahead(
    client, french_person, course_webinar
):
    feed = calendar_feed_reset(user=french_person)

    # Asked for at the English address, as a calendar app keeps the one it was given.
    content = client.get(_url("learn:calendar_feed", feed.token, language="en")).content
    calendar, parsed = _both(content)

    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Acheter aux coopératives"
    description = str(event["DESCRIPTION"])
    assert "Comment les villes achètent à l\u2019économie sociale." in description
    assert "Rejoindre\u00a0: https://meet.example/coop" in description
    assert str(event["LOCATION"]) == "https://meet.example/coop"
    assert str(event["URL"]).endswith("/fr/" + str(event["URL"]).split("/fr/", 1)[1])
    assert parsed.vevent.summary.value == "Acheter aux coopératives"
    # The instant is the same in both libraries, in the host's zone, after the DST change.
    start = dt.datetime(2027, 3, 16, 14, 0, tzinfo=dt.UTC)
    assert event.decoded("DTSTART").astimezone(dt.UTC) == start
    assert parsed.vevent.dtstart.value.astimezone(dt.UTC) == start
    assert parsed.vevent.dtend.value.astimezone(dt.UTC) == start + dt.timedelta(minutes=90)


def test_the_join_link_leaves_the_feed_once_the_webinar_is_over(client, french_person):
    feed = calendar_feed_reset(user=french_person)

    with time_machine.travel(dt.datetime(2027, 3, 16, 16, 0, tzinfo=dt.UTC), tick=False):
        content = client.get(_url("learn:calendar_feed", feed.token)).content

    assert b"meet.example/coop" not in content


def test_a_webinars_file_is_in_the_requests_language_without_the_join_link(client, course_webinar):
    french = _url("learn:webinar_calendar", course_webinar.pk, language="fr")
    calendar, parsed = _both(client.get(french).content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Acheter aux coopératives"
    assert "Le lien de connexion appara" in str(event["DESCRIPTION"])  # in French
    assert "meet.example" not in str(event["DESCRIPTION"])
    assert parsed.vevent.uid.value == f"webinar-{course_webinar.translation_key}@gsef-academy"
    assert parsed.vtimezone.tzid.value == "America/Toronto"

    english = client.get(_url("learn:webinar_calendar", course_webinar.pk)).content
    assert str(icalendar.Calendar.from_ical(english).walk("VEVENT")[0]["SUMMARY"]) == (
        "Buying from cooperatives"
    )


def test_the_webinar_page_offers_google_outlook_and_ics_links_with_the_utc_times(
    client, course_webinar, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        page = client.get(course_webinar.url).content.decode()

    links = {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', page)
    }
    google = parse_qs(urlsplit(links["Add to Google Calendar"]).query)
    assert google["action"] == ["TEMPLATE"]
    assert google["text"] == ["Buying from cooperatives"]
    assert google["dates"] == ["20270316T140000Z/20270316T153000Z"]
    assert "How cities buy from the social economy." in google["details"][0]
    assert "meet.example" not in links["Add to Google Calendar"]
    for label in ("Add to Outlook.com", "Add to Outlook (Microsoft 365)"):
        outlook = parse_qs(urlsplit(links[label]).query)
        assert outlook["subject"] == ["Buying from cooperatives"]
        assert outlook["startdt"] == ["2027-03-16T14:00:00Z"]
        assert outlook["enddt"] == ["2027-03-16T15:30:00Z"]
    assert links["Download a calendar file (.ics)"] == _url(
        "learn:webinar_calendar", course_webinar.pk
    )
    assert "<script" not in page


def test_the_links_are_translated_on_the_french_page(client, course_webinar):
    french = course_webinar.get_translation(factories.locale("fr"))
    with translation.override("fr"):
        page = client.get(french.url).content.decode()
    dates = re.search(r"dates=(\d{8}T\d{6}Z)", page).group(1)
    assert dates == "20270316T140000Z"
    assert "text=Acheter+aux+coop" in page


def test_a_registered_person_with_a_feed_is_offered_the_webcal_subscription(
    client, french_person, course_webinar
):
    feed = calendar_feed_reset(user=french_person)
    client.force_login(french_person)
    webcal = webcal_url(_url("learn:calendar_feed", feed.token))

    page = client.get(course_webinar.url).content.decode()
    dashboard = client.get(_url("learn:dashboard")).content.decode()

    assert f'href="{webcal}"' in page
    assert f'href="{webcal}"' in dashboard
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', dashboard).group(1)
    assert parse_qs(urlsplit(google.replace("&amp;", "&")).query)["cid"] == [webcal]


def test_the_feed_costs_the_same_queries_for_one_webinar_or_many(client, seoul):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = UserFactory(preferred_language="fr", email_verified_at=NOW)
    course = factories.course("Many webinars", hosts=(seoul,))
    enrolment_create(user=person, course=course)
    feed = calendar_feed_reset(user=person)
    url = _url("learn:calendar_feed", feed.token)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    webinar_register(user=person, webinar=factories.webinar(course, "One"))
    queries()  # warm: the site's root paths are cached after the first request
    one = queries()
    webinar_register(user=person, webinar=factories.webinar(title="Open to everyone"))
    for number in range(4):
        webinar_register(user=person, webinar=factories.webinar(course, f"Course webinar {number}"))
    many = queries()

    assert many == one <= 6
