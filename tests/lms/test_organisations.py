import pytest
from django.core.exceptions import ValidationError

from lms import roles
from lms.models import Membership, Organisation
from lms.permissions import membership_policy, organisation_policy
from lms.services import membership_confirm, membership_create, membership_end
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_has_one_membership_per_organisation(seoul):
    user = UserFactory()
    first = membership_create(user=user, organisation=seoul)
    again = membership_create(user=user, organisation=seoul, role="coordinator", confirmed=True)
    assert first.pk == again.pk
    assert Membership.objects.filter(user=user).count() == 1
    again.refresh_from_db()
    assert (again.role, again.status) == ("coordinator", "active")


def test_a_person_can_belong_to_several_organisations(seoul, bamako):
    user = UserFactory()
    membership_create(user=user, organisation=seoul, confirmed=True)
    membership_create(user=user, organisation=bamako, confirmed=True)
    assert set(user.memberships.values_list("organisation__short_name", flat=True)) == {
        "Seoul",
        "Bamako",
    }


def test_a_requested_membership_waits_for_confirmation(bamako):
    membership = membership_create(user=UserFactory(), organisation=bamako)
    assert membership.status == Membership.Status.REQUESTED
    assert membership.confirmed_at is None
    membership_confirm(membership=membership)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.confirmed_at is not None


def test_inactive_organisations_take_no_new_members():
    former = OrganisationFactory(is_active=False)
    with pytest.raises(ValidationError, match="no longer an active GSEF member"):
        membership_create(user=UserFactory(), organisation=former)


def test_coordinator_scope_is_their_organisations_only(seoul, bamako, seoul_coordinator):
    assert list(Organisation.objects.coordinated_by(seoul_coordinator)) == [seoul]
    assert list(
        organisation_policy.instances_user_has_permission_for(seoul_coordinator, "view")
    ) == [seoul]
    bamako_member = membership_create(user=UserFactory(), organisation=bamako, confirmed=True)
    visible = membership_policy.instances_user_has_permission_for(seoul_coordinator, "view")
    assert bamako_member not in visible
    assert all(m.organisation_id == seoul.pk for m in visible)


def test_a_learner_or_pending_coordinator_coordinates_nothing(seoul, bamako_learner):
    pending = membership_create(user=UserFactory(), organisation=seoul, role="coordinator")
    assert not Organisation.objects.coordinated_by(pending.user).exists()
    assert not Organisation.objects.coordinated_by(bamako_learner).exists()
    assert not membership_policy.instances_user_has_permission_for(bamako_learner, "view").exists()


def test_secretariat_sees_every_organisation(seoul, bamako, secretariat):
    assert set(organisation_policy.instances_user_has_permission_for(secretariat, "view")) == {
        seoul,
        bamako,
    }


def test_coordinators_join_the_admin_group_and_leave_it_when_they_leave(seoul):
    user = UserFactory()
    membership = membership_create(user=user, organisation=seoul, role="coordinator")
    assert not user.groups.filter(name=roles.COORDINATORS).exists()  # pending: no admin yet
    membership_confirm(membership=membership)
    assert user.groups.filter(name=roles.COORDINATORS).exists()
    membership_end(membership=membership)
    assert not user.groups.filter(name=roles.COORDINATORS).exists()
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.ENDED


def test_platform_roles_exist_with_admin_access(db):
    from django.contrib.auth.models import Group

    for name in (roles.SECRETARIAT, roles.TRAINERS, roles.COORDINATORS):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
    secretariat = Group.objects.get(name=roles.SECRETARIAT)
    assert secretariat.permissions.filter(codename="change_organisation").exists()
    assert secretariat.page_permissions.filter(permission__codename="publish_page").exists()
    coordinators = Group.objects.get(name=roles.COORDINATORS)
    assert not coordinators.permissions.filter(codename="change_organisation").exists()
