"""The browser suite's machinery, set up once for the package: Debian's Chromium, the demo
data, a live server on the test database, and a real Celery worker.

How the database is shared: the site's data is written once, committed, by ``site``
(package-scoped) and read by three parties: the live server (a thread of this process,
pytest-django's LiveServer class), the worker (a process, on the same PostgreSQL test
database, through the real Redis broker) and the tests themselves. The tests are
ordinary ``django_db`` tests, so they run among the unit tests, on the database as the
migrations left it (pytest-django runs them before every transactional test, whose
flush would empty it); whatever the journeys write goes through the live server and
is committed. When the package is done, ``site`` flushes the database and puts back
what it found, as Django's ``serialized_rollback`` does, so the tests after it see the
database as the migrations left it.

The worker sends e-mail with the project's embedded default, files in
``<worker's VAR_DIR>/mail/``: that folder is the outbox the journeys take links from.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

from courses.badges import conf as badge_conf
from lms.celery import QUEUES
from lms.celery import app as celery_app
from tests.browser import data
from tests.browser.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HEIGHT,
    SCREENSHOTS,
    UNFOCUSED_STYLES_SCRIPT,
    Outbox,
    require_tools,
)
from tests.integration.conftest import Worker, child_database_url, process_env

LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ko": "ko-KR"}
FAILURES = SCREENSHOTS / "failures"


# --- Chromium ----------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """Debian's Chromium, headless, launched once for the browser suite.

    Playwright's sync API keeps an asyncio loop running in this thread, and Django
    refuses ORM calls from a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE
    is set. The tests make plain synchronous ORM calls, so it is set while the browser
    runs, and both end with the package.
    """
    require_tools()
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Django keeps one set of connections for this thread without a running loop and
    # another with one: close the first now, the second at the end, or one would stay
    # open and keep pytest-django from dropping the test database.
    connections.close_all()
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:
        playwright.stop()
        pytest.fail(f"Chromium ({CHROMIUM}) did not start: {error}", pytrace=False)
    yield chromium
    chromium.close()
    connections.close_all()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def new_page(request, browser, site):
    """A page in a fresh browser context (its own cookies) on the live server:
    ``new_page("fr")`` sends French as the browser's language. When the test fails,
    every page it opened is saved to var/screenshots/failures/ as it was at the end.
    Whatever the Content-Security-Policy refused on any of its pages fails the test:
    Chromium says so on the console, and the page would silently lack it."""
    contexts = []
    refused = []

    def _watch(page):
        def _console(message):
            if "Content Security Policy" in message.text:
                refused.append(f"{page.url}: {message.text}")

        page.on("console", _console)

    def _new_page(language: str = "en", *, downloads: bool = False):
        context = browser.new_context(
            base_url=site.url,
            viewport={"width": 1280, "height": HEIGHT},
            locale=LOCALES[language],
            accept_downloads=downloads,
        )
        context.set_default_timeout(20_000)
        context.add_init_script(UNFOCUSED_STYLES_SCRIPT)  # for the keyboard-only checks
        context.on("page", _watch)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    if getattr(request.node, "browser_test_failed", False):
        FAILURES.mkdir(parents=True, exist_ok=True)
        pages = [page for context in contexts for page in context.pages]
        for number, page in enumerate(pages, start=1):
            name = re.sub(r"[^\w.-]+", "-", request.node.name)
            try:
                page.screenshot(path=str(FAILURES / f"{name}-{number}.png"), full_page=True)
            except Exception as error:  # a crashed page must not hide the test's own failure
                print(f"No screenshot of {page.url}: {error}")
    for context in contexts:
        context.close()
    assert refused == [], "the Content-Security-Policy refused:\n" + "\n".join(refused)


# --- the site: data, live server, worker ---------------------------------------------------------


@dataclass
class Site:
    url: str
    outbox: Outbox
    worker: Worker
    data: data.SiteData


def _purge_queues() -> None:
    with celery_app.connection_for_write() as conn:
        for queue in QUEUES:
            try:
                conn.default_channel.queue_purge(queue)
            except Exception:  # noqa: S112 (a queue never declared has nothing to purge)
                continue


def _start_worker(var, url: str) -> Worker:
    """A real `celery worker` on every queue, on the test database and the real broker."""
    _purge_queues()
    worker = Worker(
        process_env(
            var,
            DATABASE_URL=child_database_url(),
            CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
            SECRET_KEY=settings.SECRET_KEY,  # unsubscribe links signed as the site signs them
            PUBLIC_BASE_URL=url,  # every absolute link in e-mails and calendars
            # Certificates' PDFs where the live server (this process) reads them.
            PRIVATE_STORAGE_ROOT=settings.STORAGES["private"]["OPTIONS"]["location"],
            # Badges signed by the worker with the key the live server verifies with, as
            # every process of a deployment shares BADGE_SIGNING_KEY_FILE.
            BADGE_DEVELOPMENT_KEY_FILE=str(badge_conf.development_key_file()),
        ),
        ",".join(QUEUES),
        var.parent / "worker.log",
    )
    deadline = time.monotonic() + 60
    while "ready." not in worker.output():
        if worker.process.poll() is not None or time.monotonic() > deadline:
            output = worker.output()[-3000:]
            worker.stop()
            pytest.fail(f"The Celery worker did not start:\n{output}", pytrace=False)
        time.sleep(0.2)
    return worker


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site on a live server, with a worker sending its e-mail to the outbox."""
    from pytest_django.live_server_helper import LiveServer
    from wagtail.models import Site as WagtailSite

    with django_db_blocker.unblock():
        assert connection.vendor == "postgresql", (
            "run the browser tests with `make test` (PostgreSQL + Redis): the worker "
            "process must share the test database"
        )
        assert settings.CELERY_BROKER_URL.startswith("redis://"), (
            "run the browser tests with `make test`: CELERY_BROKER_URL must be redis://…"
        )
        as_migrated = connection.creation.serialize_db_to_string()
        eager = celery_app.conf.task_always_eager
        # Unit tests run tasks eagerly (tests.settings); here they go to the worker.
        celery_app.conf.task_always_eager = False
        server = worker = public = None
        try:
            site_data = data.seed()
            WagtailSite.clear_site_root_paths_cache()  # Redis may remember an earlier run's
            server = LiveServer("localhost")
            # Links built in this process (account e-mails, calendar addresses) lead to it.
            public = override_settings(PUBLIC_BASE_URL=server.url, WAGTAILADMIN_BASE_URL=server.url)
            public.enable()
            var = tmp_path_factory.mktemp("browser-worker") / "var"
            worker = _start_worker(var, server.url)
            yield Site(server.url, Outbox(var / "mail", worker.log), worker, site_data)
        finally:
            if worker is not None:
                worker.stop()
            if server is not None:
                server.stop()
            if public is not None:
                public.disable()
            celery_app.conf.task_always_eager = eager
            # As TransactionTestCase does: sequences go on from where they are, above the
            # primary keys the restored rows bring back.
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(as_migrated)
            WagtailSite.clear_site_root_paths_cache()


@pytest.fixture
def unique():
    """A short token that keeps e-mail addresses apart across tests and runs."""
    return uuid.uuid4().hex[:8]
