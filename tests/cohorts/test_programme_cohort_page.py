"""A programme's cohorts on the programme page: dates, places left and facilitators for a
logged-in learner with a button to join (through ``cohort_enrol``; a refusal says why),
the member's link to the schedule, nothing for anonymous visitors (their page is cached),
and the same queries whatever the number of cohorts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.cohorts.models import Cohort, CohortMember
from courses.cohorts.services import cohort_enrol
from courses.models import CoursePage, ProgrammeEnrolment
from lms.services import membership_create
from tests.cohorts.helpers import NOW
from tests.courses import factories
from tests.courses import programme_factories as programmes
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db
pytest.importorskip("courses.services.programmes")


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _cohort(programme, name="Ecosystem cohort", facilitators=(), **fields) -> Cohort:
    values = {"starts_on": dt.date(2027, 3, 1), "ends_on": dt.date(2027, 5, 1)} | fields
    cohort = Cohort(name=name, programme_page=programme, **values)
    cohort.full_clean()
    cohort.save()
    cohort.facilitators.set(facilitators)
    cohort.save()  # a parental many-to-many is written when the cohort is saved
    return cohort


def _learner(organisation, name="Awa Traoré"):
    user = UserFactory(full_name=name)
    membership_create(user=user, organisation=organisation, confirmed=True)
    return user


@pytest.fixture
def programme(db):
    return programmes.programme(
        "Building a local SSE ecosystem", required=(factories.course("Introduction"),)
    )


@pytest.fixture
def cohort(programme, bamako):
    facilitator = trainer_user(full_name="Fatou Facilitator")
    cohort = _cohort(programme, facilitators=[facilitator], capacity=3)
    cohort_enrol(cohort=cohort, user=_learner(bamako, "Moussa Bamako"), now=NOW)
    return cohort


def test_a_learner_of_another_organisation_sees_the_cohort_and_joins(
    client, programme, cohort, seoul
):
    learner = _learner(seoul, "Kim Seoul")  # the cohort's first member is from Bamako
    client.force_login(learner)
    text = _text(client.get(programme.url))
    assert "Learn with a cohort" in text
    assert "Ecosystem cohort" in text and "From 1 March 2027 to 1 May 2027" in text
    assert "2 places left" in text and "Fatou Facilitator" in text
    assert f'action="/en/cohorts/{cohort.pk}/join/"' in text
    assert "csrfmiddlewaretoken" in text

    response = client.post(f"/en/cohorts/{cohort.pk}/join/", follow=True)
    member = CohortMember.objects.get(cohort=cohort, user=learner)
    assert member.organisation == seoul
    assert ProgrammeEnrolment.objects.filter(user=learner).exists()
    assert "You have joined “Ecosystem cohort”." in _text(response)

    text = _text(client.get(programme.url))  # a member: the schedule, no button
    assert "Your cohort" in text and "The schedule of “Ecosystem cohort”" in text
    assert f"/en/cohorts/{cohort.pk}/" in text and "/join/" not in text


@pytest.mark.parametrize(
    ("fields", "later", "reason"),
    [
        ({}, dt.timedelta(days=70), "This cohort ended on 1 May 2027."),
        (
            {"enrolment_closes_on": dt.date(2027, 3, 10)},
            dt.timedelta(days=10),
            "Enrolment in this cohort closed on 10 March 2027.",
        ),
        ({"capacity": 1}, dt.timedelta(0), "This cohort is full (1 places)."),
    ],
)
def test_a_refusal_comes_back_to_the_programme_page_in_plain_words(
    client, programme, seoul, bamako, fields, later, reason, _frozen
):
    cohort = _cohort(programme, **fields)
    learner = _learner(seoul)
    client.force_login(learner)
    assert "Join “Ecosystem cohort”" in _text(client.get(programme.url))  # the page, then…
    if "capacity" in fields:  # …someone takes the last place
        cohort_enrol(cohort=cohort, user=_learner(bamako, "Moussa"), now=NOW)
    _frozen.move_to(NOW + later)
    client.force_login(learner)
    response = client.post(f"/en/cohorts/{cohort.pk}/join/", follow=True)
    assert response.redirect_chain[-1][0] == programme.url
    assert reason in _text(response)
    assert not CohortMember.objects.filter(user=learner).exists()
    assert not ProgrammeEnrolment.objects.filter(user=learner).exists()


def test_the_programmes_own_rules_refuse_with_their_reason(client, bamako, seoul):
    reserved = factories.course("For Bamako", audience=CoursePage.Audience.NAMED)
    reserved.audience_organisations.set([bamako])
    reserved.save_revision().publish()
    programme = programmes.programme("Bamako's path", required=(reserved,))
    cohort = _cohort(programme)
    client.force_login(_learner(seoul))
    response = client.post(f"/en/cohorts/{cohort.pk}/join/", follow=True)
    assert response.redirect_chain[-1][0] == programme.url
    assert "The course “For Bamako” of this programme is not open to you." in _text(response)
    assert not CohortMember.objects.exists()


def test_anonymous_visitors_see_no_cohort_and_their_cached_page_stays_so(
    client, programme, cohort, seoul, settings
):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CLOCK_MARGIN = 0
    caches[settings.PAGE_CACHE_ALIAS].clear()
    first = client.get(programme.url)
    assert first["X-Page-Cache"] == "miss"
    assert "Ecosystem cohort" not in _text(first) and "cohorts/" not in _text(first)

    client.force_login(_learner(seoul))
    mine = client.get(programme.url)
    assert "Join “Ecosystem cohort”" in _text(mine)
    client.logout()

    again = client.get(programme.url)
    assert again["X-Page-Cache"] == "hit"
    assert "Ecosystem cohort" not in _text(again) and "csrfmiddlewaretoken" not in _text(again)


def test_the_programme_page_costs_the_same_queries_for_one_or_four_cohorts(
    client, programme, bamako, seoul
):
    learner = _learner(seoul)
    client.force_login(learner)

    def grow(count, start):
        for n in range(start, start + count):
            cohort = _cohort(
                programme,
                name=f"Cohort {n}",
                capacity=10,
                facilitators=[trainer_user(), trainer_user()],
            )
            cohort_enrol(cohort=cohort, user=_learner(bamako, f"Member {n}"), now=NOW)

    counts = []
    for count, start in ((1, 0), (3, 1)):
        grow(count, start)
        client.get(programme.url)  # what the process remembers
        with CaptureQueriesContext(connection) as queries:
            text = _text(client.get(programme.url))
        assert text.count("Join “Cohort") == count + start
        counts.append(len(queries))
    assert counts[0] == counts[1]
