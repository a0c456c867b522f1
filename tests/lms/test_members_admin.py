"""Coordinators confirm, invite and deactivate the members of their organisations."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from lms.models import Membership, User
from lms.services import membership_create, membership_invite
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_confirms_a_requested_membership(client, bamako, bamako_coordinator):
    pending = membership_create(user=UserFactory(), organisation=bamako)
    client.force_login(bamako_coordinator)
    index = client.get(reverse("memberships:index")).content.decode()
    assert reverse("memberships:confirm", args=[pending.pk]) in index
    assert "Invite people" in index
    url = reverse("memberships:confirm", args=[pending.pk])
    assert client.get(url).status_code == 200
    assert Membership.objects.get(pk=pending.pk).status == "requested"  # GET only asks
    response = client.post(url)
    assert response.status_code == 302
    assert Membership.objects.get(pk=pending.pk).status == "active"


def test_a_coordinator_ends_a_membership_and_the_history_stays(
    client, bamako, bamako_learner, bamako_coordinator
):
    membership = Membership.objects.get(user=bamako_learner)
    client.force_login(bamako_coordinator)
    client.post(reverse("memberships:end", args=[membership.pk]))
    membership.refresh_from_db()
    assert membership.status == "ended"
    assert User.objects.filter(pk=bamako_learner.pk, is_active=True).exists()


def test_a_coordinator_cannot_touch_another_organisations_members(
    client, bamako, seoul_coordinator, bamako_learner
):
    membership = Membership.objects.get(user=bamako_learner)
    client.force_login(seoul_coordinator)
    for name in ("confirm", "end"):
        assert client.post(reverse(f"memberships:{name}", args=[membership.pk])).status_code == 404
    assert Membership.objects.get(pk=membership.pk).status == "active"


def test_inviting_a_new_person_sends_a_set_password_link_in_their_language(
    client, bamako, bamako_coordinator, django_capture_on_commit_callbacks
):
    client.force_login(bamako_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("memberships:invite"),
            {
                "organisation": bamako.pk,
                "email": "Nouvelle.Agente@Bamako.example",
                "full_name": "Nouvelle Agente",
                "preferred_language": "fr",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle.agente@bamako.example")
    assert user.is_email_verified and not user.has_usable_password()
    assert user.preferred_language == "fr"
    assert Membership.objects.get(user=user).status == "active"
    (message,) = mail.outbox
    assert message.to == ["nouvelle.agente@bamako.example"]
    link = re.search(r"https?://\S+/fr/account/password-reset/\S+/", message.body).group(0)
    assert "District of Bamako" in message.subject
    page = client.get(link.removeprefix(settings.PUBLIC_BASE_URL), follow=True)
    assert page.status_code == 200
    assert b'name="new_password1"' in page.content


def test_inviting_someone_with_an_account_waits_for_their_answer_in_their_language(
    bamako, seoul, bamako_coordinator, django_capture_on_commit_callbacks
):
    person = UserFactory(preferred_language="es")
    membership_create(user=person, organisation=seoul, confirmed=True)
    password = person.password
    with django_capture_on_commit_callbacks(execute=True):
        invitation = membership_invite(
            organisation=bamako,
            email=person.email,
            full_name="Ignored",
            preferred_language="en",
            invited_by=bamako_coordinator,
        )
    assert not invitation.account_created and invitation.awaiting_answer
    assert invitation.membership.status == "invited"
    person.refresh_from_db()
    assert person.password == password and person.full_name != "Ignored"
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "/es/account/invitations/" in message.body
    assert "District of Bamako" in message.subject
    again = membership_invite(
        organisation=bamako,
        email=person.email,
        full_name="",
        preferred_language="en",
        invited_by=bamako_coordinator,
    )
    assert not again.membership_added and again.awaiting_answer
    assert Membership.objects.filter(user=person, organisation=bamako).count() == 1


def test_a_coordinator_cannot_invite_to_another_organisation(client, bamako, seoul_coordinator):
    client.force_login(seoul_coordinator)
    response = client.post(
        reverse("memberships:invite"),
        {
            "organisation": bamako.pk,
            "email": "x@y.example",
            "full_name": "X",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="x@y.example").exists()
