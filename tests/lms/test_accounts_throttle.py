"""Account e-mails a stranger can ask for: limited per address and per client, answered the same."""

import datetime
import uuid

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from lms.models import User
from tests.factories import UserFactory
from tests.lms.conftest import main_text, text, url

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long passphrase for the forum"
START = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def limits(settings):
    """Small limits, on a cache of this test's own (REDIS_URL's outlives the test)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"throttle-{uuid.uuid4()}",
        }
    }
    settings.ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = 3
    settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT = 5
    settings.ACCOUNT_EMAIL_LIMIT_WINDOW = 3600
    settings.TRUSTED_PROXY_COUNT = 0


def _ip(n: int) -> str:
    return f"198.51.100.{n}"


def signup_data(email: str) -> dict:
    return {
        "email": email,
        "full_name": "Ana Souza",
        "organisation": "none",
        "preferred_language": "en",
        "time_zone": "UTC",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }


def _reset(client, email, ip):
    return client.post(url("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def _signup(client, email, ip, capture):
    with capture(execute=True):
        return client.post(url("accounts:signup"), signup_data(email), REMOTE_ADDR=ip)


def test_password_reset_mails_one_address_at_most_the_limit_from_any_number_of_clients(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        responses = [_reset(client, "ana@example.org", _ip(n)) for n in range(5)]
    assert [(r.status_code, r["Location"]) for r in responses] == [
        (302, url("accounts:password_reset_done"))
    ] * 5
    assert [message.to for message in mailoutbox] == [["ana@example.org"]] * 3


def test_password_reset_past_the_limit_answers_as_for_an_unknown_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            _reset(client, "ana@example.org", _ip(n))
        throttled = _reset(client, "ana@example.org", _ip(9))
        unknown = _reset(client, "nobody@example.org", _ip(10))
    assert throttled["Location"] == unknown["Location"]
    assert main_text(client.get(throttled["Location"])) == main_text(
        client.get(unknown["Location"])
    )
    assert len(mailoutbox) == 3


def test_one_client_asking_for_many_addresses_is_stopped_at_the_client_limit(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    addresses = [UserFactory().email for _ in range(8)]
    with django_capture_on_commit_callbacks(execute=True):
        for address in addresses:
            _reset(client, address, _ip(1))
    assert len(mailoutbox) == 5
    # Another client is not affected.
    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, addresses[-1], _ip(2))
    assert len(mailoutbox) == 6


def test_addresses_nobody_has_count_towards_the_client_limit(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            _reset(client, f"guess{n}@example.org", _ip(1))
        _reset(client, owner.email, _ip(1))
    assert mailoutbox == []


def test_sign_up_with_an_address_in_use_past_the_limit_answers_the_same_and_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="ana@example.org")
    capture = django_capture_on_commit_callbacks
    responses = [_signup(Client(), "ana@example.org", _ip(n), capture) for n in range(4)]
    new = _signup(Client(), "kim@example.org", _ip(20), capture)
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (new.status_code, new["Location"])
    }
    assert [message.to for message in mailoutbox].count(["ana@example.org"]) == 3
    assert User.objects.with_email("ana@example.org").count() == 1


def test_sign_ups_past_the_client_limit_make_no_account_and_send_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    responses = [_signup(Client(), f"person{n}@example.org", _ip(1), capture) for n in range(7)]
    assert {r["Location"] for r in responses} == {url("accounts:signup_done")}
    assert User.objects.count() == 5
    assert len(mailoutbox) == 5
    # The answer is the same "check your inbox" page.
    throttled = Client()
    response = _signup(throttled, "late@example.org", _ip(1), capture)
    assert "late@example.org" in main_text(throttled.get(response["Location"]))
    assert not User.objects.filter(email="late@example.org").exists()


def test_sign_up_and_password_reset_share_one_limit_per_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="ana@example.org")
    capture = django_capture_on_commit_callbacks
    _signup(Client(), "ana@example.org", _ip(1), capture)
    with capture(execute=True):
        for n in range(2, 6):
            _reset(client, "ana@example.org", _ip(n))
    assert len(mailoutbox) == 3


def test_the_limits_start_again_after_the_window(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="ana@example.org")
    with time_machine.travel(START, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(4):
                _reset(client, "ana@example.org", _ip(n))
        assert len(mailoutbox) == 3
        clock.shift(datetime.timedelta(seconds=3601))
        with django_capture_on_commit_callbacks(execute=True):
            _reset(client, "ana@example.org", _ip(1))
    assert len(mailoutbox) == 4


def test_the_client_is_the_address_the_trusted_proxy_saw(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """Behind one load balancer every request has its REMOTE_ADDR: the client limit must not
    count them together, nor trust what a client writes in X-Forwarded-For itself."""
    settings.TRUSTED_PROXY_COUNT = 1
    addresses = [UserFactory().email for _ in range(7)]
    balancer = "10.0.0.2"
    with django_capture_on_commit_callbacks(execute=True):
        for n, address in enumerate(addresses):
            client.post(
                url("accounts:password_reset"),
                {"email": address},
                REMOTE_ADDR=balancer,
                HTTP_X_FORWARDED_FOR=_ip(n),
            )
    assert len(mailoutbox) == 7
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n, address in enumerate(addresses):
            # The client forges a different first address each time; the balancer appends
            # the one it saw, which is the same.
            client.post(
                url("accounts:password_reset"),
                {"email": address},
                REMOTE_ADDR=balancer,
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, {_ip(99)}",
            )
    assert len(mailoutbox) == 5


def test_a_new_confirmation_link_is_sent_at_most_the_limit_and_the_person_is_told(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(email="moussa@bamako.example", email_verified_at=None)
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            client.post(url("accounts:verify_resend"), REMOTE_ADDR=_ip(n))
        response = client.post(url("accounts:verify_resend"), REMOTE_ADDR=_ip(9), follow=True)
    assert len(mailoutbox) == 3
    assert "We already sent you several links" in text(response)
    assert "ask again in 60 minutes" in text(response)


def test_the_cache_holds_no_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, "ana.souza@example.org", _ip(1))
    keys = list(cache._cache)  # LocMemCache's own store
    assert keys
    assert not any("ana" in key or "example" in key for key in keys)


def test_the_admins_forgotten_password_shares_the_limits(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="editor@gsef.example", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.post(
                "/admin/password_reset/", {"email": "editor@gsef.example"}, REMOTE_ADDR=_ip(n)
            )
            for n in range(5)
        ]
    assert {r["Location"] for r in responses} == {"/admin/password_reset/done/"}
    assert [message.to for message in mailoutbox] == [["editor@gsef.example"]] * 3
