"""The site header for visitors, learners and staff; messages; the confirm-your-address banner."""

import re

import pytest

from tests.factories import UserFactory, secretariat_user, trainer_user
from tests.lms.conftest import text, url

pytestmark = pytest.mark.django_db


def nav(response) -> str:
    match = re.search(r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S)
    assert match, "no site navigation"
    return re.sub(r"\s+", " ", match.group(0))


def page(client):
    # An account page: it renders base.html without needing any Wagtail page.
    return client.get(url("accounts:password_reset"))


def test_a_visitor_sees_log_in_and_sign_up(client):
    header = nav(page(client))
    assert f'href="{url("accounts:login")}"' in header
    assert f'href="{url("accounts:signup")}"' in header
    assert "Log out" not in header
    assert "My learning" not in header
    assert "Admin" not in header


def test_a_learner_sees_their_learning_profile_and_a_log_out_button(client):
    client.force_login(UserFactory())
    header = nav(page(client))
    assert f'href="{url("learn:dashboard")}"' in header
    assert f'href="{url("accounts:profile")}"' in header
    assert "Admin" not in header
    assert (
        f'<form class="site-nav__logout" method="post" action="{url("accounts:logout")}">' in header
    )
    assert 'name="csrfmiddlewaretoken"' in header
    assert '<button type="submit" class="link-button">Log out</button>' in header
    assert f'href="{url("accounts:login")}"' not in header


@pytest.mark.parametrize("make", [secretariat_user, trainer_user])
def test_staff_who_may_enter_the_admin_see_its_link(client, make):
    client.force_login(make())
    assert 'href="/admin/"' in nav(page(client))


def test_the_current_page_is_marked_in_the_navigation(client):
    client.force_login(UserFactory())
    header = nav(client.get(url("accounts:profile")))
    assert f'href="{url("accounts:profile")}" aria-current="page"' in header


def test_an_unconfirmed_address_shows_a_banner_with_a_resend_button(client):
    client.force_login(UserFactory(email="new@example.org", email_verified_at=None))
    body = text(page(client))
    assert "Confirm your e-mail address:</strong> we sent a link to new@example.org." in body
    assert f'action="{url("accounts:verify_resend")}"' in body


def test_a_confirmed_address_shows_no_banner(client):
    client.force_login(UserFactory())
    assert "Confirm your e-mail address:" not in text(page(client))


def test_messages_are_announced_politely(client):
    client.force_login(UserFactory())
    client.post(url("accounts:verify_resend"))
    body = text(page(client))
    assert '<div class="messages" role="status">' in body
    assert "Your e-mail address is already confirmed." in body
