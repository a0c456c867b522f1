"""Webinar times for people from Mexico City to Seoul: the viewer's zone, the host's
beside it, correct on both sides of a change to summer time."""

# Time ranges are written with an en dash (U+2013), as people read them.
# ruff: noqa: RUF001

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from courses.models.webinars import WebinarPageForm, wall_time_to_utc
from courses.selectors.webinars import times_for_user, webinar_times, zone_label
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Clocks in Montreal go forward on Sunday 14 March 2027, 02:00 EST -> 03:00 EDT.
AFTER_THE_CHANGE = dt.datetime(2027, 3, 16, 10, 0)
BEFORE_THE_CHANGE = dt.datetime(2027, 3, 9, 10, 0)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def montreal_after(db):
    return factories.webinar(
        title="Social procurement in Montreal",
        local_start=AFTER_THE_CHANGE,
        host_time_zone="America/Toronto",
        duration_minutes=90,
    )


@pytest.fixture
def montreal_before(db):
    return factories.webinar(
        title="Before summer time",
        local_start=BEFORE_THE_CHANGE,
        host_time_zone="America/Toronto",
        duration_minutes=90,
    )


def test_the_host_wall_time_is_stored_as_the_utc_instant_on_each_side_of_the_change(
    montreal_after, montreal_before
):
    assert montreal_after.starts_at == dt.datetime(2027, 3, 16, 14, 0, tzinfo=dt.UTC)
    assert montreal_before.starts_at == dt.datetime(2027, 3, 9, 15, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("zone", "after", "before"),
    [
        (
            "Asia/Seoul",
            "Tuesday 16 March 2027, 23:00 – Wednesday 17 March 2027, 00:30 KST (UTC+9)",
            "Wednesday 10 March 2027, 00:00–01:30 KST (UTC+9)",
        ),
        (
            "Africa/Bamako",
            "Tuesday 16 March 2027, 14:00–15:30 GMT (UTC+0)",
            "Tuesday 9 March 2027, 15:00–16:30 GMT (UTC+0)",
        ),
        (
            "America/Mexico_City",
            "Tuesday 16 March 2027, 08:00–09:30 CST (UTC-6)",
            "Tuesday 9 March 2027, 09:00–10:30 CST (UTC-6)",
        ),
    ],
)
def test_a_montreal_webinar_reads_right_in_seoul_bamako_and_mexico_across_the_change(
    client, montreal_after, montreal_before, zone, after, before
):
    viewer = UserFactory(time_zone=zone)
    client.force_login(viewer)

    after_page = _text(client.get(montreal_after.url))
    before_page = _text(client.get(montreal_before.url))

    assert f'<time datetime="2027-03-16T14:00:00Z">{after}</time>' in after_page
    assert "Tuesday 16 March 2027, 10:00–11:30 EDT (UTC-4)" in after_page
    assert f'<time datetime="2027-03-09T15:00:00Z">{before}</time>' in before_page
    assert "Tuesday 9 March 2027, 10:00–11:30 EST (UTC-5)" in before_page
    assert "Host's time (America/Toronto)" in after_page


def test_a_visitor_sees_utc_labelled_as_such(client, montreal_after):
    text = _text(client.get(montreal_after.url))

    assert "In UTC (log in to see your own time zone):" in text
    assert "Tuesday 16 March 2027, 14:00–15:30 UTC" in text
    assert "Tuesday 16 March 2027, 10:00–11:30 EDT (UTC-4)" in text


def test_a_viewer_in_the_hosts_zone_sees_one_time_only(client, montreal_after):
    client.force_login(UserFactory(time_zone="America/Toronto"))

    text = _text(client.get(montreal_after.url))

    assert "Your time:" in text
    assert "Host's time" not in text


def test_times_are_written_in_the_active_language(montreal_after):
    seoul = UserFactory(time_zone="Asia/Seoul")
    with translation.override("fr"):
        french = times_for_user(montreal_after, seoul)
    with translation.override("ko"):
        korean = times_for_user(montreal_after, seoul)

    assert french.host_text.startswith("mardi 16 mars 2027, 10:00")
    assert korean.host_text.startswith("2027년 3월 16일 화요일, 10:00")


def test_zone_labels_name_the_abbreviation_and_the_offset():
    moment = dt.datetime(2027, 7, 1, 12, tzinfo=dt.UTC)

    assert zone_label(moment) == "UTC"
    assert zone_label(moment.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Kolkata"))) == (
        "IST (UTC+5:30)"
    )
    assert zone_label(moment.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Dubai"))) == "UTC+4"


def test_a_wall_time_the_clocks_skip_is_refused():
    with pytest.raises(ValidationError) as error:
        wall_time_to_utc(dt.datetime(2027, 3, 14, 2, 30), "America/Toronto")

    assert error.value.code == "nonexistent_time"


def test_an_ambiguous_wall_time_is_taken_the_first_time_it_happens():
    # 7 November 2027, 01:30 happens twice in Montreal: EDT first, then EST.
    moment = wall_time_to_utc(dt.datetime(2027, 11, 7, 1, 30), "America/Toronto")

    assert moment == dt.datetime(2027, 11, 7, 5, 30, tzinfo=dt.UTC)


def test_the_admin_form_converts_the_host_wall_time_to_utc(montreal_after):
    form_class = montreal_after.get_edit_handler().get_form_class()
    form = form_class(instance=montreal_after, for_user=None)
    assert form.initial["starts_at_local"] == AFTER_THE_CHANGE
    assert issubclass(form_class, WebinarPageForm)


def test_webinar_times_say_when_the_viewer_and_host_zones_agree(montreal_after):
    import zoneinfo

    same = webinar_times(
        montreal_after, zone=zoneinfo.ZoneInfo("America/Toronto"), zone_is_default=False
    )
    other = webinar_times(
        montreal_after, zone=zoneinfo.ZoneInfo("Asia/Seoul"), zone_is_default=False
    )

    assert same.same_zone
    assert not other.same_zone


def _admin_form(**overrides):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    data = {
        "title": "Created in the admin",
        "slug": "created-in-the-admin",
        "starts_at_local": "2027-03-16T10:00",
        "host_time_zone": "America/Toronto",
        "duration_minutes": 90,
        "language": "en",
        "description": rich_text("<p>About it.</p>"),
        "presenters": "",
        "capacity": "",
        "join_url": "",
        "join_opens_minutes_before": 15,
        "min_minutes_to_attend": "",
        "recording_url": "",
        "materials": rich_text(""),
        "comments": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_types_the_hosts_wall_time_in_the_admin_and_utc_is_stored(client, secretariat):
    from django.urls import reverse

    from courses.models import WebinarPage

    course = factories.course("Course with a webinar")
    client.force_login(secretariat)

    response = client.post(
        reverse("wagtailadmin_pages:add", args=("courses", "webinarpage", course.pk)),
        _admin_form(),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    webinar = WebinarPage.objects.get(slug="created-in-the-admin")
    assert webinar.live
    assert webinar.starts_at == dt.datetime(2027, 3, 16, 14, 0, tzinfo=dt.UTC)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(webinar.pk,)))
    assert 'value="2027-03-16T10:00"' in edit.content.decode()


def test_the_admin_refuses_a_wall_time_that_does_not_exist(client, secretariat):
    from django.urls import reverse

    course = factories.course("Course with a webinar")
    client.force_login(secretariat)

    response = client.post(
        reverse("wagtailadmin_pages:add", args=("courses", "webinarpage", course.pk)),
        _admin_form(starts_at_local="2027-03-14T02:30"),
    )

    assert response.status_code == 200
    assert "the clocks go forward that night" in response.content.decode()


def test_the_admin_preview_of_a_new_webinar_works(client, secretariat):
    from django.urls import reverse

    course = factories.course("Course with a webinar")
    client.force_login(secretariat)

    response = client.post(
        reverse("wagtailadmin_pages:preview_on_add", args=("courses", "webinarpage", course.pk)),
        _admin_form(),
    )
    assert response.status_code == 200
    preview = client.get(
        reverse("wagtailadmin_pages:preview_on_add", args=("courses", "webinarpage", course.pk))
    )

    assert preview.status_code == 200
    assert "Created in the admin" in preview.content.decode()
