"""Dates and times in the viewer's zone, labelled, in the active language; ISO 8601 in exports."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation

from lms.datetimes import NO_VALUE, display_date, display_datetime, export_datetime, export_value
from tests.factories import UserFactory

INSTANT = dt.datetime(2026, 12, 4, 6, 54, tzinfo=dt.UTC)


def test_a_seoul_reader_of_korean_sees_seoul_time_in_korean_with_the_zone():
    with translation.override("ko"):
        text = display_datetime(INSTANT, "Asia/Seoul")
    assert text == "2026년 12월 4일 3:54 오후 KST"
    assert "12/04/2026" not in text


def test_a_mexico_city_reader_of_spanish_sees_the_day_before_in_their_zone():
    with translation.override("es"):
        assert display_datetime(INSTANT, "America/Mexico_City") == (
            "4 de diciembre de 2026 a las 00:54 CST"
        )


def test_a_zone_without_an_abbreviation_is_labelled_with_its_offset():
    with translation.override("en"):
        assert display_datetime(INSTANT, "America/Sao_Paulo").endswith("UTC-03:00")


def test_the_viewer_is_a_user_and_their_time_zone_counts(db):
    bamako = UserFactory(time_zone="Africa/Bamako")
    seoul = UserFactory(time_zone="Asia/Seoul")
    with translation.override("fr"):
        assert display_datetime(INSTANT, bamako) == "4 décembre 2026 06:54 GMT"
        assert display_datetime(INSTANT, seoul) == "4 décembre 2026 15:54 KST"


def test_exports_carry_iso_8601_with_the_offset_of_the_viewers_zone():
    assert export_datetime(INSTANT, "Asia/Seoul") == "2026-12-04T15:54:00+09:00"
    assert export_datetime(INSTANT, "UTC") == "2026-12-04T06:54:00+00:00"
    assert export_datetime(INSTANT.date()) == "2026-12-04"
    assert export_datetime(None) == ""
    assert export_value(INSTANT, "Asia/Kolkata") == "2026-12-04T12:24:00+05:30"
    assert export_value(42) == 42


def test_empty_values_show_a_dash_never_none():
    assert display_datetime(None) == NO_VALUE
    assert display_date(None) == NO_VALUE
    rendered = Template(
        "{% load datetimes %}{{ missing|viewer_datetime:zone }}|{{ missing|viewer_date:zone }}"
    ).render(Context({"zone": "Asia/Seoul", "missing": None}))
    assert rendered == f"{NO_VALUE}|{NO_VALUE}"


def test_the_template_filter_writes_a_time_element_with_the_iso_instant():
    with translation.override("en"):
        rendered = Template("{% load datetimes %}{{ when|viewer_datetime:zone }}").render(
            Context({"when": INSTANT, "zone": "Asia/Seoul"})
        )
    assert rendered == (
        '<time datetime="2026-12-04T15:54:00+09:00" title="Asia/Seoul">'
        "Dec. 4, 2026, 3:54 p.m. KST</time>"
    )
