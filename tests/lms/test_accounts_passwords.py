"""Password reset (no answer that gives an address away) and password change."""

import re

import pytest
from django.conf import settings
from django.test import Client

from cms import shell_cache
from tests.factories import UserFactory
from tests.lms.conftest import PASSWORD, logged_in_user_id, main_text, text, url

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 2026"


@pytest.fixture
def claire(db):
    return UserFactory(
        email="claire@montreal.example",
        full_name="Claire Bouchard",
        preferred_language="fr",
        email_verified_at=None,
    )


def ask_for_reset(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url("accounts:password_reset"), {"email": email})


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    claire, django_capture_on_commit_callbacks, mailoutbox
):
    known_client, unknown_client = Client(), Client()
    known = ask_for_reset(
        known_client, "Claire@Montreal.example", django_capture_on_commit_callbacks
    )
    unknown = ask_for_reset(
        unknown_client, "nobody@montreal.example", django_capture_on_commit_callbacks
    )
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The shell's parts are rendered once per address and then remembered: each page is
    # asked with nothing remembered, so both render the same templates.
    shell_cache.forget()
    known_page = known_client.get(known["Location"])
    shell_cache.forget()
    unknown_page = unknown_client.get(unknown["Location"])
    assert known_page.status_code == unknown_page.status_code == 200
    assert [t.name for t in known_page.templates] == [t.name for t in unknown_page.templates]
    assert main_text(known_page) == main_text(unknown_page)
    assert [message.to for message in mailoutbox] == [["claire@montreal.example"]]


def test_the_reset_e_mail_is_in_the_persons_language_with_text_and_html(
    claire, client, django_capture_on_commit_callbacks, mailoutbox
):
    ask_for_reset(client, claire.email, django_capture_on_commit_callbacks)
    message = mailoutbox[0]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "\n" not in message.subject
    assert "Claire Bouchard" in message.body
    # Asked for from an English page, sent in French: the link leads to the French site.
    assert f"{settings.PUBLIC_BASE_URL}/fr/account/password-reset/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="fr">' in html
    assert f"{settings.PUBLIC_BASE_URL}/fr/account/password-reset/" in html


def test_the_whole_reset_flow_sets_the_new_password_and_confirms_the_address(
    claire, client, django_capture_on_commit_callbacks, mailoutbox
):
    ask_for_reset(client, claire.email, django_capture_on_commit_callbacks)
    link = re.search(
        re.escape(settings.PUBLIC_BASE_URL) + r"(/fr/account/password-reset/\S+/)",
        mailoutbox[0].body,
    )
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]

    weak = client.post(set_password_url, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200
    assert 'aria-invalid="true"' in text(weak)  # the page is in French: Django's own message
    claire.refresh_from_db()
    assert claire.check_password(PASSWORD)

    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == url("accounts:password_reset_complete", language="fr")
    claire.refresh_from_db()
    assert claire.check_password(NEW_PASSWORD)
    assert claire.is_email_verified
    # The link works once.
    assert client.get(link.group(1), follow=True).context["validlink"] is False
    login = Client().post(
        url("accounts:login"), {"username": claire.email, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302


def test_a_reset_lifts_a_login_lockout(
    claire, client, django_capture_on_commit_callbacks, mailoutbox
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(url("accounts:login"), {"username": claire.email, "password": "guess"})
    ask_for_reset(client, claire.email, django_capture_on_commit_callbacks)
    link = re.search(
        re.escape(settings.PUBLIC_BASE_URL) + r"(/fr/account/password-reset/\S+/)",
        mailoutbox[0].body,
    )
    set_password_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.post(
        url("accounts:login"), {"username": claire.email, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_changing_ones_password_keeps_one_logged_in(client):
    person = UserFactory()
    client.force_login(person)
    page = text(client.get(url("accounts:password_change")))
    assert 'autocomplete="current-password"' in page
    response = client.post(
        url("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == url("accounts:profile")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert logged_in_user_id(client) == str(person.pk)
    profile = client.get(url("accounts:profile"))
    assert profile.status_code == 200
    assert "Your password is changed." in text(profile)


def test_changing_ones_password_needs_the_current_one(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        url("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
