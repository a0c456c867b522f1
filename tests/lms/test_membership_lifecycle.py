"""One membership lifecycle: requested, invited, active, ended, moved only by the services."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.models import Membership
from lms.services import (
    membership_accept,
    membership_confirm,
    membership_create,
    membership_decline,
    membership_end,
    membership_invite,
    membership_transfer,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.lms.conftest import url

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC)


@pytest.fixture
def mexico(db):
    return OrganisationFactory(
        name="Mexico City", short_name="CDMX", country="MX", city="Mexico", region="americas"
    )


@pytest.fixture
def mexico_coordinator(mexico):
    user = UserFactory(full_name="Coordinadora CDMX")
    membership_create(user=user, organisation=mexico, role="coordinator", confirmed=True)
    return user


@pytest.fixture
def moussa(bamako):
    """The Bamako learner someone else's coordinator tries to capture."""
    user = UserFactory(
        full_name="Moussa Keïta", email="moussa@bamako.example", preferred_language="fr"
    )
    membership_create(user=user, organisation=bamako, confirmed=True)
    return user


def _invite(organisation, email, by):
    return membership_invite(
        organisation=organisation,
        email=email,
        full_name="",
        preferred_language="en",
        invited_by=by,
        now=NOW,
    )


def _code(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.messages[0].endswith(".")  # a sentence a person can act on
    return caught.value.error_list[0].code


def test_illegal_transitions_are_refused_with_a_sentence(
    bamako, mexico, mexico_coordinator, bamako_coordinator, moussa, secretariat
):
    invited = _invite(mexico, moussa.email, mexico_coordinator).membership
    requested = membership_create(user=UserFactory(), organisation=mexico)
    assert _code(lambda: membership_confirm(membership=invited, by=mexico_coordinator)) == (
        "needs_consent"
    )
    assert _code(lambda: membership_create(user=moussa, organisation=mexico, confirmed=True)) == (
        "needs_consent"
    )
    assert _code(lambda: membership_accept(membership=invited, by=mexico_coordinator)) == (
        "not_allowed"
    )
    assert _code(lambda: membership_accept(membership=requested, by=requested.user)) == (
        "not_invited"
    )
    bamako_membership = Membership.objects.get(user=moussa, organisation=bamako)
    assert _code(lambda: membership_decline(membership=bamako_membership, by=moussa)) == (
        "not_invited"
    )
    assert _code(lambda: membership_confirm(membership=requested, by=bamako_coordinator)) == (
        "not_allowed"
    )
    assert _code(lambda: membership_end(membership=bamako_membership, by=mexico_coordinator)) == (
        "not_allowed"
    )
    assert _code(
        lambda: membership_transfer(
            membership=bamako_membership,
            to_organisation=mexico,
            move_history=True,
            by=mexico_coordinator,
        )
    ) == ("not_allowed")
    membership_end(membership=requested, by=mexico_coordinator)
    assert _code(lambda: membership_confirm(membership=requested, by=secretariat)) == "ended"
    assert Membership.objects.get(pk=invited.pk).status == "invited"
    assert Membership.objects.get(pk=bamako_membership.pk).status == "active"


def test_a_repeated_answer_changes_nothing(mexico, mexico_coordinator, moussa):
    invited = _invite(mexico, moussa.email, mexico_coordinator).membership
    membership_accept(membership=invited, by=moussa)
    membership_accept(membership=invited, by=moussa)
    assert Membership.objects.get(pk=invited.pk).status == "active"
    assert ModelLogEntry.objects.filter(action="lms.membership.accept").count() == 1


def test_an_invited_person_accepts_on_their_invitations_page_in_their_language(
    client, bamako, mexico, mexico_coordinator, moussa, django_capture_on_commit_callbacks
):
    client.force_login(mexico_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("memberships:invite"),
            {
                "organisation": mexico.pk,
                "email": "Moussa@Bamako.example",
                "full_name": "",
                "preferred_language": "es",
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user=moussa, organisation=mexico)
    assert membership.status == "invited" and membership.invited_by == mexico_coordinator
    (message,) = mail.outbox
    assert message.to == ["moussa@bamako.example"]
    assert "Mexico City" in message.subject and "invite" in message.subject  # French below
    link = re.search(r"https?://\S+/fr/account/invitations/", message.body).group(0)
    client.force_login(moussa)
    page = client.get(link.removeprefix(settings.PUBLIC_BASE_URL))
    assert page.status_code == 200 and "Mexico City" in page.content.decode()
    profile = client.get(url("accounts:profile")).content.decode()
    assert 'value="accept"' in profile and 'value="decline"' in profile
    response = client.post(
        url("accounts:invitations"), {"membership": membership.pk, "answer": "accept"}
    )
    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).status == "active"
    assert Membership.objects.get(user=moussa, organisation=bamako).status == "active"


def test_nobody_else_answers_an_invitation(client, mexico, mexico_coordinator, moussa):
    membership = _invite(mexico, moussa.email, mexico_coordinator).membership
    client.force_login(UserFactory())
    response = client.post(
        url("accounts:invitations"), {"membership": membership.pk, "answer": "accept"}
    )
    assert response.status_code == 404
    assert Membership.objects.get(pk=membership.pk).status == "invited"


def test_a_declined_invitation_changes_nothing_else(
    client, bamako, mexico, mexico_coordinator, moussa
):
    membership = _invite(mexico, moussa.email, mexico_coordinator).membership
    client.force_login(moussa)
    client.post(url("accounts:invitations"), {"membership": membership.pk, "answer": "decline"})
    membership.refresh_from_db()
    assert membership.status == "ended" and membership.confirmed_at is None
    assert Membership.objects.get(user=moussa, organisation=bamako).status == "active"
    assert not mexico_coordinator.groups.filter(name="Nobody").exists()
    # The coordinator still sees only the address typed.
    client.force_login(mexico_coordinator)
    index = client.get(reverse("memberships:index")).content.decode()
    assert "moussa@bamako.example" in index and "Keïta" not in index


def test_the_coordinator_sees_only_the_typed_address_until_the_person_accepts(
    client, mexico, mexico_coordinator, moussa
):
    membership = _invite(mexico, moussa.email, mexico_coordinator).membership
    client.force_login(mexico_coordinator)
    index = client.get(reverse("memberships:index")).content.decode()
    assert "moussa@bamako.example" in index and "Keïta" not in index
    assert "Invited, waiting for their answer" in index
    found = client.get(reverse("memberships:index"), {"q": "Keïta"}).content.decode()
    assert "moussa@bamako.example" not in found  # a name does not find an invitation
    inspect = client.get(reverse("memberships:inspect", args=[membership.pk])).content.decode()
    assert "Keïta" not in inspect and "moussa@bamako.example" in inspect
    edit = client.get(reverse("memberships:edit", args=[membership.pk])).content.decode()
    assert "Keïta" not in edit
    response = client.get(reverse("memberships:index"), {"export": "csv"})
    export = b"".join(response.streaming_content).decode()
    assert "Keïta" not in export and "moussa@bamako.example" in export
    membership_accept(membership=membership, by=moussa)
    index = client.get(reverse("memberships:index")).content.decode()
    assert "Moussa Keïta" in index


def test_the_members_list_tells_two_people_with_the_same_name_apart(
    client, bamako, bamako_coordinator, django_assert_max_num_queries
):
    first = UserFactory(full_name="Aminata Traoré", email="aminata.t@bamako.example")
    second = UserFactory(full_name="Aminata Traoré", email="a.traore@bamako.example")
    membership_create(user=first, organisation=bamako, confirmed=True)
    membership_create(user=second, organisation=bamako)
    for number in range(10):
        membership_create(user=UserFactory(), organisation=bamako, confirmed=number % 2 == 0)
    client.force_login(bamako_coordinator)
    with django_assert_max_num_queries(30):
        index = client.get(reverse("memberships:index"))
    text = re.sub(r"\s+", " ", index.content.decode())
    assert "aminata.t@bamako.example" in text and "a.traore@bamako.example" in text
    assert "Requested by the person" in text and "Active" in text


def test_adding_an_existing_account_in_the_admin_is_an_invitation(
    client, mexico, mexico_coordinator, moussa
):
    client.force_login(mexico_coordinator)
    response = client.post(
        reverse("memberships:add"),
        {"user": moussa.pk, "organisation": mexico.pk, "role": "learner", "status": "active"},
    )
    assert response["Location"] == reverse("memberships:invite")
    assert not Membership.objects.filter(user=moussa, organisation=mexico).exists()


@time_machine.travel(NOW, tick=False)
def test_moving_a_person_is_a_secretariat_action_in_the_history(
    client, bamako, mexico, moussa, secretariat, bamako_coordinator
):
    membership = Membership.objects.get(user=moussa, organisation=bamako)
    client.force_login(bamako_coordinator)
    transfer_url = reverse("memberships:transfer", args=[membership.pk])
    refused = client.post(transfer_url, {"to_organisation": mexico.pk})
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert not Membership.objects.filter(user=moussa, organisation=mexico).exists()
    client.force_login(secretariat)
    assert client.get(transfer_url).status_code == 200
    response = client.post(transfer_url, {"to_organisation": mexico.pk})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "ended"
    moved = Membership.objects.get(user=moussa, organisation=mexico)
    assert (moved.status, moved.confirmed_at) == ("active", NOW)
    (entry,) = ModelLogEntry.objects.filter(action="lms.membership.transfer", object_id=moved.pk)
    assert entry.user == secretariat
    assert entry.data["from_organisation"] == "District of Bamako"
    history = client.get(reverse("memberships:history", args=[moved.pk])).content.decode()
    assert "Moved from District of Bamako to Mexico City" in history
