"""The yardstick: the home page of a fresh ``wagtail start`` project, served like ours.

The project is generated at bench time, by the installed Wagtail's own ``wagtail start``,
into the benchmark's scratch directory, rather than kept in the repository: it is then
exactly what that Wagtail version hands a new user (its settings, home app, migrations and
welcome page), it follows every Wagtail upgrade without anyone porting a copy, and no
generated code sits in our tree for ruff and the module-size rules to judge. ``wagtail
start`` needs no network and takes under a second.

The only change is the ``settings/local.py`` its ``production.py`` already imports when
present (the documented place for deployment settings): PostgreSQL (a throw-away
database beside ``BENCH_DATABASE_URL``'s, ``<name>_stock``), a secret key and the allowed
hosts. Everything else is stock: ``DEBUG = False``, its middleware, its local-memory
cache, ``ManifestStaticFilesStorage`` (so ``collectstatic`` runs first, as for ours).
gunicorn serves it exactly as it serves our site (``bench_http.Server``, 2 sync workers).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT = "stockwagtail"
LOCAL_SETTINGS = """\
# Written by tests/benchmarks/stock_wagtail.py: what a deployment puts here.
DATABASES = {{"default": {database}}}
SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STATIC_ROOT = {static!r}
"""

# Run in the stock project's own interpreter environment: queries of one request of its
# home page, after one that warms what it caches (as bench_http.query_counts does for ours).
COUNT_QUERIES = """
import django, json
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="localhost")
client.get("/")
with CaptureQueriesContext(connection) as captured:
    response = client.get("/")
print("STOCK-JSON " + json.dumps({"status": response.status_code, "queries": len(captured),
    "welcome": b"Welcome to your new Wagtail site" in response.content}))
"""


@dataclass(frozen=True)
class StockProject:
    directory: Path  # where manage.py is: gunicorn's working directory
    environment: dict[str, str]
    wsgi: str = f"{PROJECT}.wsgi"
    path: str = "/"
    marker: str = "Welcome to your new Wagtail site"

    def manage(self, *arguments: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=self.directory,
            env=self.environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def query_count(self) -> int:
        finished = subprocess.run(
            [sys.executable, "-c", COUNT_QUERIES],
            cwd=self.directory,
            env=self.environment,
            capture_output=True,
            text=True,
            check=True,
        )
        line = next(x for x in finished.stdout.splitlines() if x.startswith("STOCK-JSON "))
        found = json.loads(line.removeprefix("STOCK-JSON "))
        if found["status"] != 200 or not found["welcome"]:
            raise RuntimeError(f"the stock Wagtail home page answered {found}")
        return found["queries"]


def _database_settings(name: str) -> str:
    from django.db import connection

    ours = connection.settings_dict
    return repr(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "HOST": ours["HOST"] or "",
            "PORT": ours["PORT"] or "",
            "USER": ours["USER"] or "",
            "PASSWORD": ours["PASSWORD"] or "",
        }
    )


def generate(root: Path, *, database: str) -> StockProject:
    """``wagtail start`` in ``root`` (a new folder), with its ``local.py`` pointing at the
    PostgreSQL database ``database`` (not created here)."""
    from tests.benchmarks.bench_http import base_environment

    root.mkdir()
    wagtail = Path(sys.executable).with_name("wagtail")
    subprocess.run(
        [str(wagtail), "start", PROJECT], cwd=root, check=True, stdout=subprocess.DEVNULL
    )
    directory = root / PROJECT
    (directory / PROJECT / "settings" / "local.py").write_text(
        LOCAL_SETTINGS.format(
            database=_database_settings(database),
            secret=secrets.token_urlsafe(50),
            static=str(root / "static"),
        )
    )
    environment = base_environment()
    environment["DJANGO_SETTINGS_MODULE"] = f"{PROJECT}.settings.production"
    return StockProject(directory=directory, environment=environment)


@contextlib.contextmanager
def stock_wagtail(scratch: str, *, log=print) -> Iterator[StockProject]:
    """``wagtail start`` in ``scratch``, migrated into ``<name>_stock``, static files
    collected; its database is dropped on the way out."""
    from tests.benchmarks import databases

    name = f"{databases.base_name()}_stock"
    project = generate(Path(scratch) / "stock", database=name)
    databases.create(name)
    try:
        project.manage("migrate", "--noinput", "--verbosity", "0")
        project.manage("collectstatic", "--noinput", "--verbosity", "0")
        log(f"stock Wagtail project (wagtail start) ready in {project.directory}, database {name}")
        yield project
    finally:
        databases.drop(name)
