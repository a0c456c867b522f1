"""Where a logged-in person lands is a setting (LOGIN_REDIRECT_URL) the project wiring
fills; lms's account views read it and never name the learning app's URLs."""

import pytest

from tests.factories import UserFactory
from tests.lms.conftest import PASSWORD, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(settings):
    settings.LOGIN_REDIRECT_URL = "accounts:profile"


def test_logging_in_lands_on_the_configured_destination_in_ones_language(client, elsewhere):
    ana = UserFactory(email="ana@montreal.example", preferred_language="fr")
    response = client.post(url("accounts:login"), {"username": ana.email, "password": PASSWORD})
    assert response["Location"] == "/fr/account/profile/"


def test_sign_up_while_logged_in_goes_to_the_configured_destination(client, elsewhere):
    client.force_login(UserFactory())
    assert client.get("/en/account/sign-up/")["Location"] == "/en/account/profile/"


def test_by_default_the_destination_is_the_learners_dashboard(client):
    client.force_login(UserFactory())
    assert client.get("/es/account/sign-up/")["Location"] == "/es/dashboard/"
