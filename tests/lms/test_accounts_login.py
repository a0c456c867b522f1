"""Logging in and out on the site, and the lockout that stops password guessing."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lms.accounts.backends import LoginThrottleBackend
from tests.factories import UserFactory, secretariat_user
from tests.lms.conftest import PASSWORD, logged_in_user_id, text, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(db):
    return UserFactory(email="ana@montreal.example", preferred_language="fr")


def log_in(client, email, password=PASSWORD, **extra):
    return client.post(url("accounts:login"), {"username": email, "password": password, **extra})


def test_the_login_form_asks_for_the_e_mail_address(client):
    page = text(client.get(url("accounts:login")))
    assert '<label for="id_username">E-mail address</label>' in page
    assert 'type="email" name="username"' in page
    assert 'autocomplete="current-password"' in page


def test_logging_in_leads_to_the_dashboard_in_ones_own_language(client, ana):
    response = log_in(client, "ANA@Montreal.example")
    assert response.status_code == 302
    assert response["Location"] == "/fr/dashboard/"
    assert logged_in_user_id(client) == str(ana.pk)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_a_safe_next_wins_over_the_dashboard(client, ana):
    response = log_in(client, ana.email, next="/en/courses/?topic=housing")
    assert response["Location"] == "/en/courses/?topic=housing"


def test_a_next_to_another_site_is_ignored(client, ana):
    response = log_in(client, ana.email, next="https://evil.example/phish")
    assert response["Location"] == "/fr/dashboard/"


def test_logging_in_gives_the_session_a_new_key(client, ana):
    client.get(url("accounts:login"))
    session = client.session
    session["planted"] = "before login"
    session.save()
    before = session.session_key
    log_in(client, ana.email)
    assert client.session.session_key != before
    assert client.session["planted"] == "before login"


def test_a_wrong_password_says_so_without_saying_which_part_is_wrong(client, ana):
    response = log_in(client, ana.email, "not the password")
    assert response.status_code == 200
    assert "This e-mail address and password do not match an account." in text(response)
    assert logged_in_user_id(client) is None
    unknown = log_in(Client(), "nobody@montreal.example", "not the password")
    assert "This e-mail address and password do not match an account." in text(unknown)


def test_the_pages_that_need_a_login_send_visitors_to_the_sites_login(client):
    response = client.get(url("accounts:profile"))
    assert response["Location"] == f"{url('accounts:login')}?next={url('accounts:profile')}"


def test_logging_out_needs_a_post(client, ana):
    client.force_login(ana)
    assert client.get(url("accounts:logout")).status_code == 405
    assert logged_in_user_id(client) == str(ana.pk)
    response = client.post(url("accounts:logout"))
    assert response["Location"] == "/en/"
    assert logged_in_user_id(client) is None
    assert "You are logged out." in text(client.get("/en/account/login/"))


# --- throttling (django-axes) ---------------------------------------------------------------


def test_five_failures_lock_the_address_out_even_with_the_right_password(client, ana):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, ana.email, "guess").status_code == 200
    locked = log_in(client, ana.email, "guess")
    assert locked.status_code == 429
    right = log_in(client, ana.email)
    assert right.status_code == 429
    assert "Too many attempts" in text(right)
    assert "Try again in 15 minutes" in text(right)
    assert url("accounts:password_reset") in text(right)
    assert logged_in_user_id(client) is None


def test_the_lockout_counts_an_address_whatever_its_case(client, ana):
    for variant in ["ana@montreal.example", "ANA@montreal.example", " Ana@Montreal.Example"] * 2:
        response = log_in(client, variant, "guess")
    assert response.status_code == 429


def test_another_person_on_the_same_network_can_still_log_in(client, ana):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, ana.email, "guess")
    colleague = UserFactory(email="colleague@montreal.example")
    other_client = Client()  # same IP address, 127.0.0.1
    response = log_in(other_client, colleague.email)
    assert response.status_code == 302
    assert logged_in_user_id(other_client) == str(colleague.pk)


def test_a_successful_login_resets_the_count(client, ana):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, ana.email, "guess")
    assert log_in(client, ana.email).status_code == 302
    client.post(url("accounts:logout"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, ana.email, "guess")
    assert log_in(client, ana.email).status_code == 302


def test_the_wagtail_admin_login_still_works_and_is_throttled_too(client):
    staff = secretariat_user(email="staff@gsef.example")
    response = client.post(
        reverse("wagtailadmin_login"), {"username": staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert logged_in_user_id(client) == str(staff.pk)

    guesser = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = guesser.post(
            reverse("wagtailadmin_login"), {"username": staff.email, "password": "guess"}
        )
    assert response.status_code == 429


def test_authenticate_without_a_request_is_left_to_the_other_backends():
    # Client.login() and the shell call authenticate() without a request: there is
    # no client to throttle, and django-axes would raise.
    assert LoginThrottleBackend().authenticate(None, username="x", password="y") is None


def test_throttling_counts_by_the_client_behind_the_trusted_proxies(rf, settings):
    from lms.accounts.backends import login_throttle_client_ip

    request = rf.get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.2", REMOTE_ADDR="10.0.0.1"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert login_throttle_client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 2  # a CDN, then our balancer: the forged 6.6.6.6 is ignored
    assert login_throttle_client_ip(request) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 5  # fewer hops than proxies: not forwarded by them
    assert login_throttle_client_ip(request) == "10.0.0.1"
