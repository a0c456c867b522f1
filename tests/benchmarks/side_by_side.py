"""What the feature benchmarks share: a throw-away site beside a stock Wagtail project,
each page measured between two runs of the stock page.

``bench_cohorts``, ``bench_discussion`` and ``bench_library`` each generate their own data
into ``<name>_<label>`` and name the pages to measure; this module does the rest, as
``bench_http`` does for the platform's pages:

- ``setup()``: Django on the benchmark's database (``BENCH_DATABASE_URL``) with a fresh
  secret key (gunicorn is given the same, so the sessions made here are valid there);
- ``site(label)``: the stock ``wagtail start`` project, our migrated template database
  and its copy ``<name>_<label>`` (Django's default connection while it lasts), static
  files collected; everything is dropped on the way out;
- ``measure(site, targets)``: the gunicorns the targets need (stock; ours with the page
  cache on and/or off), each page checked once, then ``wrk`` on each page between two
  runs of the stock page; a row per page, with its ratio to the mean of those two;
- ``report(rows, name)``: the Markdown table, and the rows as JSON in ``var/bench/``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path


def setup() -> None:
    from tests.benchmarks import databases

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["DATABASE_URL"] = databases.base_url()
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    import django

    django.setup()
    for name in ("wagtail", "wagtail.contrib.redirects", "django_tasks", "axes"):
        logging.getLogger(name).setLevel(logging.WARNING)
    from tests.benchmarks import bench_scale

    print(f"Machine: {bench_scale.machine()}")


@dataclass
class Site:
    stock: object  # stock_wagtail.StockProject
    environment: dict[str, str]
    scratch: str


@contextlib.contextmanager
def site(label: str) -> Iterator[Site]:
    from tests.benchmarks import bench_http, databases, stock_wagtail

    with (
        tempfile.TemporaryDirectory(prefix=f"gsef-bench-{label}-") as scratch,
        ExitStack() as stack,
    ):
        stock = stack.enter_context(stock_wagtail.stock_wagtail(scratch))
        template = stack.enter_context(databases.migrated_template())
        environment = bench_http.server_environment(
            database_url=databases.url_for(template),
            static_root=str(Path(scratch) / "static"),
            var_dir=scratch,
        )
        bench_http.collect_static(environment)
        name = stack.enter_context(databases.sized_database(template, label))
        environment["DATABASE_URL"] = databases.url_for(name)
        yield Site(stock=stock, environment=environment, scratch=scratch)


def query_count(path: str, user) -> int:
    """Queries of one request of ``path`` as ``user``, after one that warms what the
    process remembers (test settings, this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def measure(where: Site, targets: list, *, seconds: int, queries: dict[str, int]) -> list[dict]:
    """Each target (``bench_http.Target``) between two runs of the stock page."""
    from tests.benchmarks import bench_http
    from tests.benchmarks.bench_http import CACHED, STOCK, UNCACHED, Server, Target

    stock = where.stock
    stock_target = Target("stock", "stock Wagtail home", stock.path, (stock.marker,), server=STOCK)
    bench_http.flush_cache()
    with ExitStack() as stack, tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(bench_http.WRK_SCRIPT)
        script.flush()
        servers = {
            STOCK: stack.enter_context(
                Server(stock.environment, wsgi=stock.wsgi, directory=stock.directory)
            )
        }
        if any(target.server == CACHED for target in targets):
            servers[CACHED] = stack.enter_context(Server(where.environment))
        if any(target.server == UNCACHED for target in targets):
            servers[UNCACHED] = stack.enter_context(
                Server({**where.environment, "PAGE_CACHE_SECONDS": "0"})
            )
        every = [stock_target, *targets]
        cache = {t.name: bench_http.check_page(servers[t.server], t) for t in every}

        def timed(target):
            return bench_http.measure(
                servers[target.server], target, seconds=seconds, script=script.name
            )

        rows = []
        before = timed(stock_target)
        for target in targets:
            measured = timed(target)
            after = timed(stock_target)
            yardstick = (before.rps + after.rps) / 2
            rows.append(
                {
                    "page": target.label,
                    "mode": target.mode,
                    "rps": round(measured.rps, 1),
                    "p50_ms": round(measured.p50_ms, 1),
                    "p99_ms": round(measured.p99_ms, 1),
                    "stock_rps": round(yardstick, 1),
                    "vs_stock": round(measured.rps / yardstick, 3),
                    "queries": queries.get(target.name, 0),
                    "cache": cache[target.name],
                }
            )
            print(rows[-1], flush=True)
            before = after
    return rows


def report(rows: list[dict], name: str) -> None:
    print("\n| page | as | requests/s | p50 ms | p99 ms | stock requests/s | vs stock | queries |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['page']} | {row['mode']} | {row['rps']} | {row['p50_ms']} "
            f"| {row['p99_ms']} | {row['stock_rps']} | **{row['vs_stock']}** | {row['queries']} |"
        )
    out = Path("var/bench") / f"bench-{name}-{time.strftime('%Y-%m-%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, ensure_ascii=False))
