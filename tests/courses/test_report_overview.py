"""The secretariat's overview: every active member organisation, true totals, flat cost."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Enrolment
from courses.selectors.reports import OverviewFilters, organisation_overview, overview_totals
from courses.services.learning import enrolment_create
from lms.services import membership_create
from tests.benchmarks import dataset
from tests.courses import factories as pages
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 4, 6, 54, tzinfo=dt.UTC)


@pytest.fixture
def course(db):
    page = pages.course("Municipal SSE strategy")
    pages.module(page, "Why a strategy")
    return page


def _member(organisation, name="Learner"):
    user = UserFactory(full_name=name)
    membership_create(user=user, organisation=organisation, role="learner", confirmed=True)
    return user


def test_the_overview_lists_every_active_organisation_even_those_with_no_enrolment(
    course, bamako, bamako_learner, seoul
):
    OrganisationFactory(name="Former member", is_active=False)
    enrolment_create(user=bamako_learner, course=course)
    enrolment_create(user=_member(bamako, "Second"), course=course)
    Enrolment.objects.filter(user=bamako_learner).update(status="completed", completed_at=NOW)
    rows = list(organisation_overview())
    assert [row.short_name for row in rows] == ["Bamako", "Seoul"]  # Africa, then Asia-Pacific
    bamako_row, seoul_row = rows
    assert (bamako_row.members, bamako_row.learners, bamako_row.enrolment_count) == (2, 2, 2)
    assert (bamako_row.completions, bamako_row.completion_rate) == (1, 50.0)
    assert (seoul_row.members, seoul_row.enrolment_count, seoul_row.completion_rate) == (0, 0, None)
    assert [
        row.short_name
        for row in organisation_overview(filters=OverviewFilters(region="asia_pacific"))
    ] == ["Seoul"]


def test_the_overview_totals_count_every_enrolment_not_the_rows(course, bamako, seoul):
    other = pages.course("Procurement")
    pages.module(other, "One")
    for number in range(12):  # 12 people, 2 courses each: 24 enrolments in 2 rows
        learner = _member(bamako if number % 2 else seoul, f"Learner {number}")
        enrolment_create(user=learner, course=course)
        enrolment_create(user=learner, course=other)
    enrolment_create(user=UserFactory(), course=course)  # no organisation
    totals = overview_totals()
    assert totals == {"enrolments": 24, "completions": 0, "without_organisation": 1}
    assert sum(row.enrolment_count for row in organisation_overview()) == 24
    # Members and enrolments are both per organisation: neither multiplies the other.
    assert {row.short_name: row.members for row in organisation_overview()} == {
        "Bamako": 6,
        "Seoul": 6,
    }


@time_machine.travel(NOW, tick=False)
def test_the_overview_page_shows_all_organisations_and_the_true_total(
    client, secretariat, course, bamako, bamako_learner, seoul
):
    enrolment_create(user=bamako_learner, course=course)
    Enrolment.objects.update(last_activity_at=NOW)
    secretariat.time_zone = "Asia/Seoul"
    secretariat.save(update_fields=["time_zone"])
    client.force_login(secretariat)
    body = client.get(reverse("learning:overview")).content.decode()
    assert "2 organisations." in body
    assert "1 enrolment (not withdrawn) in total." in body
    assert "Seoul Metropolitan Government" in body  # no enrolment, still listed
    assert "Dec. 4, 2026, 3:54 p.m. KST" in body  # last activity, in the viewer's zone
    export = client.get(reverse("learning:overview") + "?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert [row["Organisation"] for row in rows] == [bamako.name, seoul.name]
    assert rows[0]["Last activity"] == "2026-12-04T15:54:00+09:00"
    assert rows[1]["Enrolments"] == "0"


def _overview_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("learning:overview"))
    assert response.status_code == 200
    return len(queries)


def test_the_overview_costs_the_same_queries_for_3_or_64_organisations(
    client, secretariat, django_assert_max_num_queries
):
    client.force_login(secretariat)
    few = dataset.organisations(3, prefix="Few")
    dataset.generate(learners=30, courses=2, organisation_list=few, prefix="Few")
    small = _overview_queries(client)
    many = dataset.organisations(61)
    dataset.generate(learners=640, courses=3, organisation_list=many)
    assert _overview_queries(client) == small
    with django_assert_max_num_queries(small):
        rows = list(organisation_overview())
    assert len(rows) == 64
    current = Enrolment.objects.exclude(status="withdrawn")
    assert sum(row.enrolment_count for row in rows) == current.count()
    assert overview_totals()["enrolments"] == current.count()
