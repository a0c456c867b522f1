"""Webinar registrations and attendance through the API: the organisation's members only,
with attendance once recorded, and a change of attendance found by updated_since."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from courses.services.webinars import webinar_attendance_set, webinar_register
from lms.services import membership_create
from tests.api.conftest import ApiClient
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def test_registrations_and_attendance_of_the_organisations_members_only(
    read_token, seoul_token, bamako_learner, seoul, secretariat
):
    seoul_member = UserFactory()
    membership_create(user=seoul_member, organisation=seoul, role="learner", confirmed=True)
    with time_machine.travel(START, tick=False):
        webinar = factories.webinar(
            title="Budgets for the SSE", starts_at=START + dt.timedelta(days=1)
        )
        ours = webinar_register(user=bamako_learner, webinar=webinar)
        webinar_register(user=seoul_member, webinar=webinar)
    api = ApiClient(read_token)
    items = api.get("/api/v1/webinar-registrations").json()["items"]
    assert [item["id"] for item in items] == [ours.pk]
    assert items[0]["webinar_title"] == "Budgets for the SSE"
    assert items[0]["attended"] is False

    later = START + dt.timedelta(days=2)
    with time_machine.travel(later, tick=False):
        webinar_attendance_set(
            webinar=webinar, minutes_by_registration={ours.pk: 55}, by=secretariat
        )
    changed = api.get("/api/v1/webinar-registrations", {"updated_since": later.isoformat()}).json()[
        "items"
    ]
    assert [(item["id"], item["attended"], item["attended_minutes"]) for item in changed] == [
        (ours.pk, True, 55)
    ]
    seoul_items = ApiClient(seoul_token).get("/api/v1/webinar-registrations").json()["items"]
    assert ours.pk not in {item["id"] for item in seoul_items}
