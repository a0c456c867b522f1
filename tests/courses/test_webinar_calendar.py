"""Calendar files: one per webinar for anyone, and a private feed per person at a
secret address that a reset replaces."""

import datetime as dt
import re

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import CalendarFeed
from courses.services.webinars import calendar_feed_reset, webinar_register
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def montreal(db):
    return factories.webinar(
        title="Social procurement",
        local_start=dt.datetime(2027, 3, 16, 10, 0),
        host_time_zone="America/Toronto",
        duration_minutes=90,
        join_url="https://meet.example/secret",
    )


def test_a_webinars_calendar_file_has_the_host_zone_and_the_right_instant(client, montreal):
    response = client.get(_url("learn:webinar_calendar", montreal.pk))

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2027, 3, 16, 14, 0, tzinfo=dt.UTC
    )
    assert event.decoded("DTEND").astimezone(dt.UTC) == dt.datetime(
        2027, 3, 16, 15, 30, tzinfo=dt.UTC
    )
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["America/Toronto"]
    assert str(event["UID"]) == f"webinar-{montreal.translation_key}@gsef-academy"
    assert event["STATUS"] == "CONFIRMED"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["URL"]).endswith(montreal.url)
    # The public file never carries the join link.
    assert "meet.example/secret" not in response.content.decode()


def test_moving_a_webinar_keeps_its_uid_and_raises_its_sequence(client, montreal):
    before = _events(client.get(_url("learn:webinar_calendar", montreal.pk)))[0]

    montreal.starts_at += dt.timedelta(days=7)
    montreal.save_revision().publish()
    after = _events(client.get(_url("learn:webinar_calendar", montreal.pk)))[0]

    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2027, 3, 23, 14, 0, tzinfo=dt.UTC
    )


def test_a_cancelled_webinar_is_cancelled_in_calendars(client, montreal):
    montreal.is_cancelled = True
    montreal.save_revision().publish()

    event = _events(client.get(_url("learn:webinar_calendar", montreal.pk)))[0]

    assert event["STATUS"] == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_the_private_feed_lists_my_seats_with_their_join_links_from_registration_on(client):
    person = UserFactory(email_verified_at=timezone.now())
    now = timezone.now().replace(microsecond=0)
    soon = factories.webinar(
        title="Soon", starts_at=now + dt.timedelta(minutes=5), join_url="https://meet.example/soon"
    )
    later = factories.webinar(
        title="Later", starts_at=now + dt.timedelta(days=5), join_url="https://meet.example/later"
    )
    factories.webinar(title="Not mine")
    for webinar in (soon, later):
        webinar_register(user=person, webinar=webinar)
    feed = calendar_feed_reset(user=person)

    response = client.get(_url("learn:calendar_feed", feed.token))

    events = {str(event["SUMMARY"]): event for event in _events(response)}
    assert set(events) == {"Soon", "Later"}
    assert "https://meet.example/soon" in str(events["Soon"]["DESCRIPTION"])
    # Days ahead too: Google refreshes a subscription only every several hours.
    assert "https://meet.example/later" in str(events["Later"]["DESCRIPTION"])
    assert str(events["Later"]["LOCATION"]) == "https://meet.example/later"


def test_resetting_the_calendar_link_makes_the_old_one_404(client):
    person = UserFactory(email_verified_at=timezone.now())
    client.force_login(person)

    client.post(_url("learn:calendar_reset"))
    old = CalendarFeed.objects.get(user=person).token
    assert client.get(_url("learn:calendar_feed", old)).status_code == 200

    response = client.post(_url("learn:calendar_reset"), follow=True)
    new = CalendarFeed.objects.get(user=person).token

    assert new != old
    assert "Your calendar link is new" in _text(response)
    assert client.get(_url("learn:calendar_feed", old)).status_code == 404
    assert client.get(_url("learn:calendar_feed", new)).status_code == 200
    assert client.get(_url("learn:calendar_feed", "guessed")).status_code == 404


def test_the_reset_is_post_only(client):
    client.force_login(UserFactory())

    assert client.get(_url("learn:calendar_reset")).status_code == 405
    assert not CalendarFeed.objects.exists()
