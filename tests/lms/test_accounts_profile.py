"""The profile: name, language, time zone, notifications; status, memberships, links."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from lms.models import Membership
from lms.services import membership_create, user_update_profile
from tests.factories import UserFactory
from tests.lms.conftest import text, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return UserFactory(full_name="Jorge Hernández", time_zone="America/Mexico_City")


@pytest.fixture
def kinds(registry):
    """Only this test's kinds (the registry is put back afterwards)."""
    for kind in registry.notification_kinds():
        registry.unregister_notification_kind(kind.key)
    registry.register_notification_kind("test_deadline", "Deadline reminders (test)", "Before it.")
    registry.register_notification_kind("test_digest", "Weekly digest (test)")
    return registry


def profile_data(**overrides):
    return {
        "full_name": "Jorge Hernández López",
        "preferred_language": "en",
        "time_zone": "America/Mexico_City",
        "notify_test_deadline": "on",
        "notify_test_digest": "on",
        **overrides,
    }


def test_the_profile_needs_a_login(client):
    assert client.get(url("accounts:profile"))["Location"].startswith(url("accounts:login"))


def test_the_profile_shows_the_account_and_its_memberships(client, person, bamako, seoul):
    membership_create(user=person, organisation=bamako, confirmed=True)
    membership_create(user=person, organisation=seoul, confirmed=False)
    client.force_login(person)
    page = text(client.get(url("accounts:profile")))
    assert person.email in page
    assert "Your address is confirmed." in page
    assert "District of Bamako" in page
    assert "Seoul Metropolitan Government" in page
    assert str(Membership.Status.REQUESTED.label) in page
    assert str(Membership.Status.ACTIVE.label) in page
    assert f'href="{url("accounts:password_change")}"' in page
    assert f'action="{url("accounts:export")}"' in page
    assert f'href="{url("accounts:delete")}"' in page


def test_an_unconfirmed_address_gets_a_resend_button_on_the_profile(client):
    client.force_login(UserFactory(email_verified_at=None))
    page = text(client.get(url("accounts:profile")))
    assert "Not confirmed yet" in page
    assert f'action="{url("accounts:verify_resend")}"' in page


def test_saving_the_profile_changes_name_time_zone_and_notifications(client, person, kinds):
    client.force_login(person)
    page = text(client.get(url("accounts:profile")))
    assert "Deadline reminders (test)" in page
    assert 'id="id_notify_test_deadline" checked' in page
    response = client.post(
        url("accounts:profile"),
        profile_data(time_zone="Asia/Seoul", notify_test_deadline=""),
    )
    assert response["Location"] == url("accounts:profile")
    person.refresh_from_db()
    assert person.full_name == "Jorge Hernández López"
    assert person.time_zone == "Asia/Seoul"
    assert person.notification_preferences == {"test_deadline": False}
    page = text(client.get(url("accounts:profile")))
    assert "Your profile is saved." in page
    assert 'id="id_notify_test_deadline" checked' not in page
    assert 'id="id_notify_test_digest" checked' in page


def test_ticking_a_notification_again_opts_back_in_and_keeps_other_settings(client, person, kinds):
    person.notification_preferences = {"test_deadline": False, "unknown_elsewhere": False}
    person.save()
    client.force_login(person)
    client.post(url("accounts:profile"), profile_data())
    person.refresh_from_db()
    assert person.notification_preferences == {"unknown_elsewhere": False}


def test_a_time_zone_that_does_not_exist_is_refused(client, person):
    client.force_login(person)
    response = client.post(url("accounts:profile"), profile_data(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert 'aria-invalid="true"' in text(response)
    person.refresh_from_db()
    assert person.time_zone == "America/Mexico_City"
    with pytest.raises(ValidationError) as refused:
        user_update_profile(
            user=person,
            full_name="x",
            preferred_language="en",
            time_zone="Mars/Olympus_Mons",
        )
    assert "time_zone" in refused.value.message_dict


def test_an_empty_name_is_refused(client, person):
    client.force_login(person)
    response = client.post(url("accounts:profile"), profile_data(full_name="   "))
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.full_name == "Jorge Hernández"


def test_changing_the_language_leads_to_the_profile_in_that_language(client, person):
    client.force_login(person)
    response = client.post(url("accounts:profile"), profile_data(preferred_language="ko"))
    assert response["Location"] == "/ko/account/profile/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    person.refresh_from_db()
    assert person.preferred_language == "ko"
    page = client.get(response["Location"])
    assert '<html lang="ko"' in text(page)


def test_the_service_refuses_an_unknown_notification_kind(person):
    with pytest.raises(ValidationError):
        user_update_profile(
            user=person,
            full_name="Jorge",
            preferred_language="en",
            time_zone="UTC",
            notifications={"no_such_kind": False},
        )
