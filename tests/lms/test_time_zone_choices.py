"""The time-zone field: members' zones first, grouped by region, readable, each once."""

import re
import zoneinfo

import pytest
from django.utils import translation

from lms.accounts.forms import SignUpForm
from lms.timezones import time_zone_choices, zone_label


def test_members_zones_come_first_under_their_cities_names():
    first_group, common = time_zone_choices()[0]
    assert str(first_group) == "Common for GSEF members"
    values = [value for value, _label in common]
    assert values[:5] == [
        "Asia/Seoul",
        "America/Mexico_City",
        "Africa/Bamako",
        "America/Toronto",
        "Europe/Madrid",
    ]
    assert "Europe/Paris" in values
    assert str(dict(common)["Europe/Madrid"]) == "Bilbao, Barcelona, Madrid"


def test_every_zone_is_offered_exactly_once_in_a_region_group():
    offered = [value for _group, options in time_zone_choices() for value, _label in options]
    assert sorted(offered) == sorted(zoneinfo.available_timezones())
    groups = [str(group) for group, _options in time_zone_choices()]
    assert groups[1:5] == ["Africa", "Americas", "Asia", "Europe"]


def test_zone_labels_read_as_cities():
    assert zone_label("America/Argentina/Buenos_Aires") == "Buenos Aires (Argentina)"
    assert zone_label("Asia/Ho_Chi_Minh") == "Ho Chi Minh"


@pytest.mark.django_db
def test_signup_page_groups_zones_and_loads_the_browser_zone_script(client):
    html = client.get("/ko/account/sign-up/").content.decode()
    select = re.search(r'<select name="time_zone".*?</select>', html, re.S).group(0)
    assert select.count("<optgroup") == 11
    assert "data-browser-time-zone" in select
    assert len(re.findall(r"\sselected", select)) == 1
    assert re.search(r'<script src="[^"]*lms/js/time-zone\.[^"]*js" defer></script>', html)
    with translation.override("ko"):
        assert str(time_zone_choices()[0][0]) in select


@pytest.mark.django_db
def test_a_zone_from_a_region_group_is_accepted():
    form = SignUpForm(data={"time_zone": "Pacific/Auckland"})
    form.is_valid()
    assert "time_zone" not in form.errors
