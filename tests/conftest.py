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


@pytest.fixture(autouse=True)
def _shell_remembers_nothing_between_tests():
    """Each test's database is rolled back: what the site shell remembered goes with it."""
    from cms import shell_cache

    shell_cache.forget()
    yield
    shell_cache.forget()


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


# --- a reusable test database (`pytest --reuse-db`) -----------------------------------------
# The migrations seed rows every test relies on (Wagtail's root and home pages, the site,
# locales, the role groups). A transactional test (serialized_rollback) empties every table
# when it ends and restores them when the next one starts, so after the last one the
# database is empty, and a later `--reuse-db` run would start without the page tree.
# The session puts the seeded rows back at its end; a database left empty by an
# interrupted run is rebuilt at the start of the next.


def _reused_database_is_seeded() -> bool:
    """Whether the test database a `--reuse-db` run would keep still has the root page."""
    from django.db import DatabaseError, connections

    connection = connections["default"]
    settings_dict = {**connection.settings_dict}
    settings_dict["NAME"] = connection.creation._get_test_db_name()
    if connection.vendor == "sqlite" and connection.is_in_memory_db(settings_dict["NAME"]):
        return True
    probe = connection.__class__(settings_dict, alias="reuse-db-probe")
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1 FROM wagtailcore_page WHERE depth = 1")
            return cursor.fetchone() is not None
    except DatabaseError:  # no such database or table yet: it will be created anyway
        return True
    finally:
        probe.close()


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_blocker) -> bool:
    if request.config.getvalue("create_db"):
        return True
    if not request.config.getvalue("reuse_db"):
        return False
    with django_db_blocker.unblock():
        return not _reused_database_is_seeded()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    yield
    from django.db import connections
    from wagtail.models import Page

    connection = connections["default"]
    seeded = getattr(connection, "_test_serialized_contents", None)
    with django_db_blocker.unblock():
        if seeded and not Page.objects.filter(depth=1).exists():
            connection.creation.deserialize_db_from_string(seeded)
