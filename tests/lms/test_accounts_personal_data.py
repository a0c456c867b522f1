"""Download my data, delete my account, and the registry other apps plug into."""

import json

import pytest
from django.core.exceptions import ValidationError

from lms import personal_data
from lms.models import Membership, User
from lms.services import membership_create, user_erase
from tests.factories import UserFactory
from tests.lms.conftest import PASSWORD, logged_in_user_id, text, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(bamako):
    user = UserFactory(email="aminata@bamako.example", full_name="Aminata Traoré")
    membership_create(user=user, organisation=bamako, confirmed=True)
    return user


def download(client):
    response = client.post(url("accounts:export"))
    assert response.status_code == 200
    return response, json.loads(response.content)


# --- the registry -------------------------------------------------------------------------


def test_registering_again_replaces_instead_of_adding(registry):
    def exporter(user):
        return 1

    def eraser(user):
        return None

    for _twice in range(2):
        registry.register_exporter("test", exporter)
        registry.register_eraser(eraser)
        registry.register_notification_kind("test_kind", "Test")
    assert list(registry.exporters()).count("test") == 1
    assert registry.erasers().count(eraser) == 1
    assert [kind.key for kind in registry.notification_kinds()].count("test_kind") == 1
    registry.register_exporter("test", lambda user: 2)
    assert registry.exporters()["test"](None) == 2


def test_an_exporter_cannot_take_a_key_of_the_export_itself(registry):
    with pytest.raises(ValueError, match="account"):
        registry.register_exporter("account", lambda user: {})


def test_the_registry_snapshot_puts_everything_back():
    before = (
        personal_data.exporters(),
        personal_data.erasers(),
        personal_data.notification_kinds(),
    )
    with personal_data.registry_snapshot():
        personal_data.register_exporter("temporary", lambda user: None)
        personal_data.register_notification_kind("temporary", "Temporary")
    after = (personal_data.exporters(), personal_data.erasers(), personal_data.notification_kinds())
    assert after == before


# --- download my data -----------------------------------------------------------------------


def test_the_download_holds_the_account_memberships_and_every_exporters_part(
    client, person, registry
):
    registry.register_exporter("test_part", lambda user: {"seen": user.email})
    client.force_login(person)
    response, data = download(client)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="gsef-academy-data-')
    assert response["Content-Disposition"].endswith('.json"')
    assert data["account"]["email"] == "aminata@bamako.example"
    assert data["account"]["full_name"] == "Aminata Traoré"
    assert set(data["account"]) == {
        "email",
        "full_name",
        "preferred_language",
        "time_zone",
        "date_joined",
        "email_verified_at",
        "last_login",
        "notification_preferences",
    }
    assert data["memberships"] == [
        {
            "organisation": "District of Bamako",
            "role": "learner",
            "status": "active",
            "created_at": data["memberships"][0]["created_at"],
            "confirmed_at": data["memberships"][0]["confirmed_at"],
        }
    ]
    assert data["test_part"] == {"seen": "aminata@bamako.example"}
    assert "exported_at" in data


def test_the_download_never_holds_the_password_hash(client, person):
    client.force_login(person)
    response, _data = download(client)
    body = response.content.decode()
    assert person.password not in body
    assert "password" not in body


def test_the_download_holds_only_ones_own_data(client, person, seoul):
    other = UserFactory(email="someone.else@seoul.example", full_name="Someone Else")
    membership_create(user=other, organisation=seoul, confirmed=True)
    client.force_login(person)
    response, data = download(client)
    body = response.content.decode()
    assert "someone.else@seoul.example" not in body
    assert "Seoul" not in body
    assert [row["organisation"] for row in data["memberships"]] == ["District of Bamako"]


def test_the_download_is_a_post_for_a_logged_in_person(client, person):
    assert client.post(url("accounts:export"))["Location"].startswith(url("accounts:login"))
    client.force_login(person)
    assert client.get(url("accounts:export")).status_code == 405


# --- delete my account ------------------------------------------------------------------------


def test_the_delete_page_says_what_happens_and_asks_for_the_password(client, person):
    client.force_login(person)
    page = text(client.get(url("accounts:delete")))
    assert "learning records are kept without your name" in page
    assert "issued to a deleted account" in page
    assert 'autocomplete="current-password"' in page


def test_deleting_needs_the_current_password(client, person):
    client.force_login(person)
    response = client.post(url("accounts:delete"), {"password": "not mine"})
    assert response.status_code == 200
    assert "This is not your current password." in text(response)
    assert User.objects.filter(pk=person.pk).exists()
    assert logged_in_user_id(client) == str(person.pk)


def test_deleting_runs_every_eraser_then_removes_the_account(client, person, registry):
    seen = []

    def eraser(user):
        # Called before the user row goes, inside the same transaction.
        assert User.objects.filter(pk=user.pk).exists()
        seen.append(user.email)

    registry.register_eraser(eraser)
    client.force_login(person)
    pk = person.pk
    response = client.post(url("accounts:delete"), {"password": PASSWORD})
    assert response["Location"] == "/en/"
    assert seen == ["aminata@bamako.example"]
    assert not User.objects.filter(pk=pk).exists()
    assert not Membership.objects.filter(user_id=pk).exists()
    assert logged_in_user_id(client) is None
    assert "Your account is deleted." in text(client.get(url("accounts:login")))


def test_a_failing_eraser_deletes_nothing(person, registry):
    def broken(user):
        raise RuntimeError("storage unavailable")

    registry.register_eraser(broken)
    with pytest.raises(RuntimeError):
        user_erase(user=person)
    assert User.objects.filter(pk=person.pk).exists()
    assert Membership.objects.filter(user=person).exists()


def test_an_administrator_cannot_delete_their_account_here(client):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    assert "Administrator accounts cannot be deleted here." in text(
        client.get(url("accounts:delete"))
    )
    response = client.post(url("accounts:delete"), {"password": PASSWORD})
    assert response["Location"] == url("accounts:profile")
    assert User.objects.filter(pk=admin.pk).exists()
    with pytest.raises(ValidationError):
        user_erase(user=admin)
    assert User.objects.filter(pk=admin.pk).exists()


def test_deleting_forgets_the_failed_logins_of_the_address(client, person):
    from axes.models import AccessAttempt

    client.post(url("accounts:login"), {"username": person.email, "password": "guess"})
    assert AccessAttempt.objects.filter(username=person.email).exists()
    user_erase(user=person)
    assert not AccessAttempt.objects.filter(username="aminata@bamako.example").exists()
