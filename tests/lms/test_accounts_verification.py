"""Confirming an e-mail address: a signed link that expires, and a button, not a GET."""

import re
import time

import pytest
from django.conf import settings
from django.core import signing

from lms.accounts import tokens
from lms.accounts.tokens import email_verification_token
from lms.services import user_create, user_verify_email
from tests.factories import UserFactory
from tests.lms.conftest import main_text, text, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def unverified(db):
    return UserFactory(
        email="moussa@bamako.example", preferred_language="fr", email_verified_at=None
    )


def _old_token(user, days: int) -> str:
    """A genuine token, signed ``days`` ago."""

    class SignerInThePast(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 24 * 3600)

    return SignerInThePast(salt=tokens.SALT).sign_object(
        [user.pk, tokens._address_hash(user.email)]
    )


def test_self_made_accounts_start_unverified_and_others_verified():
    assert not user_create(email="self@example.org", full_name="Self").is_email_verified
    made = user_create(email="made@example.org", full_name="Made", email_verified=True)
    assert made.is_email_verified


def test_opening_the_link_does_not_confirm_the_address(client, unverified):
    response = client.get(url("accounts:verify", token=email_verification_token(unverified)))
    assert response.status_code == 200
    assert "Confirm my address" in text(response)
    assert '<form method="post"' in text(response)
    unverified.refresh_from_db()
    assert not unverified.is_email_verified


def test_pressing_the_button_confirms_the_address_and_asks_a_visitor_to_log_in(client, unverified):
    token = email_verification_token(unverified)
    response = client.post(url("accounts:verify", token=token))
    assert response["Location"] == url("accounts:login", language="fr")
    unverified.refresh_from_db()
    assert unverified.is_email_verified
    assert client.session.get("_auth_user_id") is None


def test_pressing_the_button_logged_in_leads_to_the_dashboard(client, unverified):
    client.force_login(unverified)
    response = client.post(url("accounts:verify", token=email_verification_token(unverified)))
    assert response["Location"] == url("learn:dashboard", language="fr")
    unverified.refresh_from_db()
    assert unverified.is_email_verified


def test_confirming_twice_keeps_the_first_time(client, unverified):
    token = email_verification_token(unverified)
    client.post(url("accounts:verify", token=token))
    unverified.refresh_from_db()
    first = unverified.email_verified_at
    client.post(url("accounts:verify", token=token))
    unverified.refresh_from_db()
    assert unverified.email_verified_at == first
    assert user_verify_email(user=unverified).email_verified_at == first


def test_a_link_older_than_three_days_has_expired(client, unverified):
    assert tokens.user_for_email_verification_token(_old_token(unverified, days=2)) == unverified
    response = client.post(url("accounts:verify", token=_old_token(unverified, days=4)))
    assert response.status_code == 400
    assert "This link has expired" in text(response)
    unverified.refresh_from_db()
    assert not unverified.is_email_verified


def test_an_altered_link_does_not_work(client, unverified):
    token = email_verification_token(unverified)
    other = UserFactory(email_verified_at=None)
    # Someone puts another account's id in front of a genuine signature.
    forged = signing.dumps([other.pk, tokens._address_hash(unverified.email)], salt="guessed")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "nonsense"):
        response = client.post(url("accounts:verify", token=bad))
        assert response.status_code == 400
        assert "This link does not work" in text(response)
    unverified.refresh_from_db()
    other.refresh_from_db()
    assert not unverified.is_email_verified
    assert not other.is_email_verified


def test_a_link_sent_to_a_previous_address_does_not_work(client, unverified):
    token = email_verification_token(unverified)
    unverified.email = "moussa.diarra@bamako.example"
    unverified.save()
    response = client.post(url("accounts:verify", token=token))
    assert response.status_code == 400
    unverified.refresh_from_db()
    assert not unverified.is_email_verified


def test_a_bad_link_offers_a_new_one_to_the_logged_in_person(client, unverified):
    client.force_login(unverified)
    page = text(client.get(url("accounts:verify", token="nonsense")))
    assert f'action="{url("accounts:verify_resend")}"' in page
    assert "Send me a new link" in page


def test_a_bad_link_asks_a_visitor_to_log_in(client):
    response = client.get(url("accounts:verify", token="nonsense"))
    assert f'<a href="{url("accounts:login")}">Log in</a>, then ask for a new link' in text(
        response
    )
    assert "Send me a new link" not in main_text(response)


def test_asking_for_a_new_link_sends_one_that_works(
    client, unverified, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(unverified)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("accounts:verify_resend"), {"next": "/en/courses/?q=x"})
    assert response["Location"] == "/en/courses/?q=x"
    assert len(mailoutbox) == 1
    link = re.search(
        re.escape(settings.PUBLIC_BASE_URL) + r"(/fr/account/verify/[^/\s]+/)", mailoutbox[0].body
    )
    assert link, mailoutbox[0].body
    client.post(link.group(1))
    unverified.refresh_from_db()
    assert unverified.is_email_verified


def test_a_new_link_is_not_sent_to_a_confirmed_address_nor_on_get(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(UserFactory())
    assert client.get(url("accounts:verify_resend")).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("accounts:verify_resend"), {"next": "https://evil.example/"})
    assert response["Location"] == url("accounts:profile")
    assert mailoutbox == []


def test_asking_for_a_new_link_needs_a_login(client):
    response = client.post(url("accounts:verify_resend"))
    assert response["Location"].startswith(url("accounts:login"))


def test_the_migration_counts_existing_accounts_as_verified():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lms.migrations.0005_user_email_verified_at")
    old = UserFactory(email_verified_at=None)
    migration.accounts_made_before_sign_up_count_as_verified(apps, None)
    old.refresh_from_db()
    assert old.email_verified_at == old.date_joined
