"""The platform core's permission policies (lms.permissions): for each policy and action,
another organisation's coordinator, a trainer and a learner are refused, the secretariat
is allowed, and a coordinator reaches their own organisation's rows."""

from __future__ import annotations

import pytest

from lms import roles
from lms.models import Membership
from lms.permissions import membership_policy, organisation_policy, user_policy
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(bamako_coordinator, seoul_coordinator, bamako_learner, trainer, secretariat):
    return {
        "bamako_coordinator": bamako_coordinator,
        "seoul_coordinator": seoul_coordinator,
        "learner": bamako_learner,
        "trainer": trainer,
        "secretariat": secretariat,
    }


REFUSED = ("seoul_coordinator", "trainer", "learner")

# (policy, action, the row's kind, whether Bamako's coordinator may)
CASES = [
    (organisation_policy, "view", "organisation", True),
    (organisation_policy, "change", "organisation", False),
    (organisation_policy, "delete", "organisation", False),
    (membership_policy, "view", "membership", True),
    (membership_policy, "manage", "membership", True),
    (membership_policy, "transfer", "membership", False),
    (membership_policy, "change", "membership", False),
    (user_policy, "view", "user", False),
    (user_policy, "change", "user", False),
]


def _row(kind, bamako, bamako_learner):
    if kind == "organisation":
        return bamako
    if kind == "membership":
        return Membership.objects.get(user=bamako_learner)
    return bamako_learner


@pytest.mark.parametrize(
    ("policy", "action", "kind", "coordinator_may"),
    CASES,
    ids=[f"{kind}:{action}" for _policy, action, kind, _may in CASES],
)
def test_each_policy_refuses_other_organisations_trainers_and_learners(
    people, bamako, bamako_learner, policy, action, kind, coordinator_may
):
    instance = _row(kind, bamako, bamako_learner)
    for who in REFUSED:
        user = people[who]
        assert not policy.user_has_permission_for_instance(user, action, instance), who
        assert instance not in policy.instances_user_has_permission_for(user, action), who
    secretariat = people["secretariat"]
    assert policy.user_has_permission(secretariat, action)
    assert policy.user_has_permission_for_instance(secretariat, action, instance)
    assert instance in policy.instances_user_has_permission_for(secretariat, action)
    coordinator = people["bamako_coordinator"]
    assert policy.user_has_permission_for_instance(coordinator, action, instance) is (
        coordinator_may
    )


def test_roles_are_permissions_not_group_names(people, secretariat):
    assert roles.is_secretariat(secretariat) and not roles.is_trainer(secretariat)
    assert roles.is_trainer(people["trainer"]) and not roles.is_secretariat(people["trainer"])
    superuser = UserFactory(is_superuser=True)
    assert roles.is_secretariat(superuser)
    assert not roles.is_secretariat(people["bamako_coordinator"])
    assert not roles.is_secretariat(UserFactory(is_active=False, is_superuser=True))


def test_a_coordinator_may_invite_only_into_their_own_organisations(people, bamako, seoul):
    may = membership_policy.organisations_user_has_permission_for
    assert list(may(people["bamako_coordinator"], "manage")) == [bamako]
    assert set(may(people["secretariat"], "manage")) == {bamako, seoul}
    assert not may(people["learner"], "manage").exists()
    assert not may(people["trainer"], "manage").exists()
