"""Sign-up: a new account, its organisation request, and no answer that gives an address away."""

import re

import pytest
from django.conf import settings

from lms.models import Membership, User
from tests.factories import OrganisationFactory, UserFactory
from tests.lms.conftest import PASSWORD, logged_in_user_id, main_text, text, url

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long passphrase for the forum"


def signup_data(**overrides):
    return {
        "email": "Ana.Souza@Example.org",
        "full_name": "Ana Souza",
        "organisation": "none",
        "preferred_language": "en",
        "time_zone": "America/Sao_Paulo",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


def test_the_sign_up_form_lists_active_members_by_name_and_a_not_a_member_choice(client):
    OrganisationFactory(name="Ville de Montréal")
    OrganisationFactory(name="District of Bamako")
    OrganisationFactory(name="Former Member City", is_active=False)
    page = text(client.get(url("accounts:signup")))
    assert "Not a member of a GSEF organisation" in page
    assert page.index("District of Bamako") < page.index("Ville de Montréal")
    assert "Former Member City" not in page


def test_the_sign_up_form_defaults_to_the_page_language_and_utc(client):
    page = text(client.get(url("accounts:signup", language="es")))
    assert '<option value="es" selected>' in page
    assert '<option value="UTC" selected>' in page
    assert 'autocomplete="email"' in page
    assert 'autocomplete="name"' in page
    assert page.count('autocomplete="new-password"') == 2


def test_signing_up_creates_an_unverified_account_sends_a_link_and_logs_nobody_in(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("accounts:signup"), signup_data(preferred_language="fr"))
    assert response.status_code == 302
    assert response["Location"] == url("accounts:signup_done", language="fr")
    user = User.objects.get(email="ana.souza@example.org")
    assert (user.full_name, user.preferred_language, user.time_zone) == (
        "Ana Souza",
        "fr",
        "America/Sao_Paulo",
    )
    assert user.check_password(NEW_PASSWORD)
    assert not user.is_email_verified
    assert not user.memberships.exists()
    # Logging in a new address at once, and not one in use, would tell them apart.
    assert logged_in_user_id(client) is None
    assert [message.to for message in mailoutbox] == [["ana.souza@example.org"]]
    assert "/fr/account/verify/" in mailoutbox[0].body
    # "Check your inbox", already in the language the person chose.
    done = client.get(response["Location"])
    assert done.templates[0].name == "lms/accounts/signup_done.html"
    assert '<html lang="fr"' in text(done)
    assert "ana.souza@example.org" in main_text(done)


def test_a_password_the_validators_refuse_creates_nothing(client, mailoutbox):
    response = client.post(
        url("accounts:signup"), signup_data(password1="12345678", password2="12345678")
    )
    assert response.status_code == 200
    page = text(response)
    assert "This password is too common." in page
    assert "This password is entirely numeric." in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_password2_helptext id_password2_error"' in page
    assert not User.objects.exists()
    assert logged_in_user_id(client) is None
    assert mailoutbox == []


def test_a_password_too_like_the_name_is_refused(client):
    response = client.post(
        url("accounts:signup"),
        signup_data(full_name="Moussa Diarra", password1="moussadiarra", password2="moussadiarra"),
    )
    assert "too similar" in text(response)
    assert not User.objects.exists()


def test_the_two_passwords_must_match(client):
    response = client.post(url("accounts:signup"), signup_data(password2=NEW_PASSWORD + "!"))
    assert "The two password fields didn\u2019t match." in text(response)
    assert not User.objects.exists()


def test_an_unknown_time_zone_is_refused(client):
    response = client.post(url("accounts:signup"), signup_data(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert "Select a valid choice." in text(response)
    assert not User.objects.exists()


def test_the_organisation_must_be_chosen_explicitly(client):
    response = client.post(url("accounts:signup"), signup_data(organisation=""))
    assert "Choose your organisation, or “Not a member of a GSEF organisation”." in text(response)
    assert not User.objects.exists()


def test_choosing_an_organisation_asks_for_a_pending_learner_membership(
    client, bamako, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("accounts:signup"), signup_data(organisation=str(bamako.pk)))
    membership = Membership.objects.get(user__email="ana.souza@example.org")
    assert (membership.organisation, membership.role, membership.status) == (
        bamako,
        Membership.Role.LEARNER,
        Membership.Status.REQUESTED,
    )
    assert membership.confirmed_at is None
    done = main_text(client.get(response["Location"]))
    assert "You asked to join District of Bamako" in done
    assert "you can take every course open to everyone" in done


def test_not_a_member_makes_no_membership_and_says_nothing_about_one(
    client, bamako, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("accounts:signup"), signup_data(organisation="none"))
    assert not Membership.objects.exists()
    assert "You asked to join" not in main_text(client.get(response["Location"]))


def test_an_organisation_that_left_gsef_cannot_be_chosen(client):
    former = OrganisationFactory(is_active=False)
    response = client.post(url("accounts:signup"), signup_data(organisation=str(former.pk)))
    assert response.status_code == 200
    assert not User.objects.exists()


def test_an_address_in_use_gets_the_same_answer_and_its_owner_an_e_mail(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    from django.test import Client

    owner = UserFactory(
        email="ana.souza@example.org", full_name="Ana Souza", preferred_language="es"
    )
    with django_capture_on_commit_callbacks(execute=True):
        duplicate = client.post(url("accounts:signup"), signup_data(email="ANA.souza@example.org"))
    fresh_client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        new = fresh_client.post(url("accounts:signup"), signup_data(email="kim@example.org"))

    assert (duplicate.status_code, duplicate["Location"]) == (new.status_code, new["Location"])
    duplicate_page = client.get(duplicate["Location"])
    new_page = fresh_client.get(new["Location"])
    assert [t.name for t in duplicate_page.templates][:1] == [t.name for t in new_page.templates][
        :1
    ]
    assert main_text(duplicate_page).replace("ana.souza@example.org", "ADDRESS") == main_text(
        new_page
    ).replace("kim@example.org", "ADDRESS")

    # Nothing changed for the owner, and nobody got into their account.
    assert User.objects.with_email("ana.souza@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
    assert logged_in_user_id(client) is None
    assert logged_in_user_id(fresh_client) is None
    # The owner is told, in their language, with links to log in or reset the password.
    to_owner = [message for message in mailoutbox if message.to == ["ana.souza@example.org"]]
    assert len(to_owner) == 1
    assert "Ana Souza" in to_owner[0].body
    assert "/es/account/login/" in to_owner[0].body
    assert "/es/account/password-reset/" in to_owner[0].body


def test_a_logged_in_person_is_sent_to_their_dashboard_instead(client):
    client.force_login(UserFactory())
    assert client.get(url("accounts:signup"))["Location"] == url("learn:dashboard")


def test_the_check_your_inbox_page_needs_a_sign_up_first(client):
    assert client.get(url("accounts:signup_done"))["Location"] == url("accounts:signup")


def _verify_link(message) -> str:
    return re.search(
        re.escape(settings.PUBLIC_BASE_URL) + r"(/\w\w/account/verify/[^/\s]+/)", message.body
    ).group(1)


def test_confirming_from_the_browser_that_signed_up_logs_the_new_account_in(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("accounts:signup"), signup_data(preferred_language="fr"))
    response = client.post(_verify_link(mailoutbox[0]))
    user = User.objects.get(email="ana.souza@example.org")
    assert response["Location"] == url("learn:dashboard", language="fr")
    assert logged_in_user_id(client) == str(user.pk)
    assert user.is_email_verified


def test_confirming_from_another_browser_confirms_and_asks_to_log_in(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("accounts:signup"), signup_data(preferred_language="fr"))
    elsewhere = Client()
    response = elsewhere.post(_verify_link(mailoutbox[0]))
    assert response["Location"] == url("accounts:login", language="fr")
    assert logged_in_user_id(elsewhere) is None
    assert User.objects.get(email="ana.souza@example.org").is_email_verified
    assert "Connectez-vous pour commencer" in text(elsewhere.get(response["Location"]))
    # The browser that signed up still needs its password: the link was used elsewhere.
    assert logged_in_user_id(client) is None


def test_a_new_account_can_log_in_with_its_password_before_confirming(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("accounts:signup"), signup_data())
    response = client.post(
        url("accounts:login"), {"username": "ana.souza@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(User.objects.get().pk)


def test_signing_up_and_confirming_take_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks, mailoutbox
):
    from django.test import Client

    UserFactory(email="kim@example.org")
    # A new account: the user, its session key, the verification e-mail's outbox row (and,
    # run here in-process, the send's claim and record: six more, on a worker in production).
    with django_assert_max_num_queries(20), django_capture_on_commit_callbacks(execute=True):
        client.post(url("accounts:signup"), signup_data())
    # An address in use: one look-up, the owner's e-mail (its row, claim and record).
    with django_assert_max_num_queries(12), django_capture_on_commit_callbacks(execute=True):
        Client().post(url("accounts:signup"), signup_data(email="kim@example.org"))
    # Confirming from the same browser, and being logged in.
    with django_assert_max_num_queries(17):
        client.post(_verify_link(mailoutbox[0]))
