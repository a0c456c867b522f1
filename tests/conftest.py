import pytest

from lms.services import membership_create
from tests.factories import OrganisationFactory, UserFactory, secretariat_user, trainer_user


@pytest.fixture
def seoul(db):
    return OrganisationFactory(
        name="Seoul Metropolitan Government",
        short_name="Seoul",
        country="KR",
        city="Seoul",
        region="asia_pacific",
    )


@pytest.fixture
def bamako(db):
    return OrganisationFactory(
        name="District of Bamako", short_name="Bamako", country="ML", city="Bamako", region="africa"
    )


def _coordinator(organisation):
    user = UserFactory()
    membership_create(user=user, organisation=organisation, role="coordinator", confirmed=True)
    return user


@pytest.fixture
def seoul_coordinator(seoul):
    return _coordinator(seoul)


@pytest.fixture
def bamako_coordinator(bamako):
    return _coordinator(bamako)


@pytest.fixture
def bamako_learner(bamako):
    user = UserFactory()
    membership_create(user=user, organisation=bamako, role="learner", confirmed=True)
    return user


@pytest.fixture
def secretariat(db):
    return secretariat_user()


@pytest.fixture
def trainer(db):
    return trainer_user()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request in another language leaves it active in the thread; each test starts in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_configure(config):
    """``TEST_TODAY=2029-02-28 make test`` runs the suite as if that were today (the clock
    still ticks), so a test that leans on the real date shows itself before the date comes.
    CI runs the unit tests so, two years ahead (.ci/run)."""
    import os

    today = os.environ.get("TEST_TODAY")
    if today:
        import time_machine

        config._test_today = time_machine.travel(today + "T09:00:00+00:00", tick=True)
        config._test_today.start()


def pytest_unconfigure(config):
    traveller = getattr(config, "_test_today", None)
    if traveller is not None:
        traveller.stop()
