"""Who may open which cohort screen: a matrix over every cohort URL.

People: the cohort's facilitator, the facilitator of another cohort, the coordinator of
the members' organisation (Bamako) and of another (Seoul), the Secretariat, a member of
the cohort, a learner who is not, and an anonymous visitor.
``test_every_cohort_url_is_in_the_matrix`` keeps a new URL from escaping the list.
"""

from __future__ import annotations

import pytest
import time_machine
from django.urls import get_resolver, reverse
from django.utils import translation

from courses.cohorts.models import CohortMember, CohortMessage
from courses.cohorts.services import cohort_enrol
from lms.services import membership_create
from tests.cohorts.helpers import NOW, make_cohort
from tests.courses import factories
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db

FACILITATOR, OTHER_FACILITATOR = "facilitator", "other_facilitator"
COORDINATOR, OTHER_COORDINATOR = "bamako_coordinator", "seoul_coordinator"
SECRETARIAT, MEMBER, LEARNER, ANONYMOUS = "secretariat", "member", "learner", "anonymous"
WHO = (
    FACILITATOR,
    OTHER_FACILITATOR,
    COORDINATOR,
    OTHER_COORDINATOR,
    SECRETARIAT,
    MEMBER,
    LEARNER,
    ANONYMOUS,
)
LOGGED_IN = tuple(who for who in WHO if who != ANONYMOUS)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(bamako, bamako_coordinator, seoul_coordinator, secretariat):
    course = factories.course("Municipal strategy")
    facilitator = trainer_user(full_name="Fatou Facilitator")
    other_facilitator = trainer_user(full_name="Olivier Other")
    cohort = make_cohort(course, facilitators=[facilitator])
    make_cohort(course, name="Autumn 2027", facilitators=[other_facilitator])
    member = UserFactory(full_name="Aminata Member")
    membership_create(user=member, organisation=bamako, confirmed=True)
    cohort_enrol(cohort=cohort, user=member, now=NOW)
    colleague = UserFactory(full_name="Moussa Colleague")
    membership_create(user=colleague, organisation=bamako, confirmed=True)
    people = {
        FACILITATOR: facilitator,
        OTHER_FACILITATOR: other_facilitator,
        COORDINATOR: bamako_coordinator,
        OTHER_COORDINATOR: seoul_coordinator,
        SECRETARIAT: secretariat,
        MEMBER: member,
        LEARNER: UserFactory(full_name="Lone Learner"),
    }
    return {"cohort": cohort, "people": people, "colleague": colleague, "bamako": bamako}


def _screens(world):
    _cohort, pk = world["cohort"], world["cohort"].pk
    followers = (FACILITATOR, SECRETARIAT)
    viewers = (FACILITATOR, COORDINATOR, OTHER_COORDINATOR, SECRETARIAT)
    with translation.override("en"):
        detail = reverse("cohorts:detail", args=[pk])
        join = reverse("cohorts:join", args=[pk])
    message = {"subject": "Catch up", "body": "Module 1 was due.", "form_nonce": "n-1"}
    return [
        (
            "cohort_admin:index",
            reverse("cohort_admin:index"),
            "GET",
            {},
            (*viewers, OTHER_FACILITATOR),
        ),
        (
            "cohort_admin:index_results",
            reverse("cohort_admin:index_results"),
            "GET",
            {},
            (*viewers, OTHER_FACILITATOR),
        ),
        (
            "cohort_admin:add",
            reverse("cohort_admin:add"),
            "GET",
            {},
            (FACILITATOR, OTHER_FACILITATOR, SECRETARIAT),
        ),
        ("cohort_admin:edit", reverse("cohort_admin:edit", args=[pk]), "GET", {}, followers),
        (
            "cohort_admin:delete",
            reverse("cohort_admin:delete", args=[pk]),
            "GET",
            {},
            (SECRETARIAT,),
        ),
        ("cohort_admin:history", reverse("cohort_admin:history", args=[pk]), "GET", {}, viewers),
        (
            "cohort_admin:history_results",
            reverse("cohort_admin:history_results", args=[pk]),
            "GET",
            {},
            viewers,
        ),
        ("cohort_admin:usage", reverse("cohort_admin:usage", args=[pk]), "GET", {}, followers),
        ("cohort_admin:inspect", reverse("cohort_admin:inspect", args=[pk]), "GET", {}, viewers),
        ("cohort_admin:copy", reverse("cohort_admin:copy", args=[pk]), "GET", {}, followers),
        ("cohort_admin:follow", reverse("cohort_admin:follow", args=[pk]), "GET", {}, followers),
        (
            "cohort_admin:message",
            reverse("cohort_admin:message", args=[pk]),
            "POST",
            message,
            followers,
        ),
        (
            "cohort_admin:enrol",
            reverse("cohort_admin:enrol", args=[pk]),
            "GET",
            {},
            (COORDINATOR, OTHER_COORDINATOR, SECRETARIAT),
        ),
        (
            "cohort_admin:enrol",
            reverse("cohort_admin:enrol", args=[pk]),
            "POST",
            {"organisation": world["bamako"].pk, "members": [world["colleague"].pk]},
            (COORDINATOR, SECRETARIAT),
        ),
        ("cohorts:detail", detail, "GET", {}, (MEMBER, *followers)),
        ("cohorts:join", join, "POST", {}, LOGGED_IN),
    ]


def _ids(world):
    return [f"{name} {method}" for name, _url, method, _data, _allowed in _screens(world)]


def _refused(response, who):
    if who == ANONYMOUS:
        assert response.status_code == 302
        location = response["Location"]
        assert "login" in location, location
        return
    if response.status_code == 302:
        location = response["Location"]
        assert location == reverse("wagtailadmin_home") or "login" in location, location
    else:
        assert response.status_code in (403, 404), response.status_code


@pytest.mark.parametrize("who", WHO)
def test_access_matrix(client, world, who):
    if who != ANONYMOUS:
        client.force_login(world["people"][who])
    for name, url, method, data, allowed in _screens(world):
        members_before = CohortMember.objects.count()
        response = client.get(url) if method == "GET" else client.post(url, data)
        label = f"{name} {method} as {who}"
        if who in allowed:
            assert response.status_code in (200, 302), (label, response.status_code)
            if response.status_code == 302:
                assert "login" not in response["Location"], label
        else:
            _refused(response, who)
            if name != "cohorts:join":
                assert CohortMember.objects.count() == members_before, label
    if who not in (FACILITATOR, SECRETARIAT):
        assert not CohortMessage.objects.exists()


def test_a_coordinator_cannot_enrol_another_organisations_officials(client, world):
    client.force_login(world["people"][OTHER_COORDINATOR])
    response = client.post(
        reverse("cohort_admin:enrol", args=[world["cohort"].pk]),
        {"organisation": world["bamako"].pk, "members": [world["colleague"].pk]},
    )
    assert response.status_code in (302, 403)
    assert not CohortMember.objects.filter(user=world["colleague"]).exists()
    # Their own screen lists none of Bamako's people.
    page = client.get(reverse("cohort_admin:enrol", args=[world["cohort"].pk])).content.decode()
    assert "Moussa Colleague" not in page and "Aminata Member" not in page


def test_every_cohort_url_is_in_the_matrix(world):
    resolver = get_resolver()
    registered = {
        f"{namespace}:{pattern.name}"
        for namespace in ("cohort_admin", "cohorts")
        for pattern in resolver.namespace_dict[namespace][1].url_patterns
    }
    listed = {name for name, *_rest in _screens(world)}
    assert registered - listed == set(), "add these URLs to _screens()"
