"""The library index with 5,000 items, served the production way, as a ratio to the stock
Wagtail page (a fresh ``wagtail start`` home page, ``stock_wagtail``).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_bench \\
        .venv/bin/python -m tests.benchmarks.bench_library [--items 5000] [--seconds 12]

On a migrated copy of the schema (``databases``), 5,000 live library items (a fifth of
them translated into Korean) under the English index, an active member's session; then
three gunicorns as in ``bench_http`` (stock, ours with the page cache on, ours with it
off) and ``wrk``: the index anonymous (from the page cache), and logged in (rendered every
time) plain and with a search and a filter, each measured between two stock runs and
given as the ratio of its throughput to their mean (goal ≥ 1.0). Queries per request are
counted in this process. Numbers: docs/benchmarks.md, "Library".
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode


def generate(count: int):
    """``count`` live items under a new English library index (every fifth translated
    into Korean), and an active member; returns (index path, member)."""
    from django.db import connection, transaction
    from django.db.models.signals import post_save
    from wagtail.models import Locale
    from wagtail.search.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from cms.library.models import LibraryIndexPage, LibraryItemPage
    from cms.models import HomePage
    from lms.models import Membership, Organisation, User

    english_home = HomePage.objects.get(locale__language_code="en")
    index = LibraryIndexPage(title="Library", slug="library")
    english_home.add_child(instance=index)
    korean = Locale.objects.get(language_code="ko")
    regions = ["africa", "americas", "asia_pacific", "europe", "middle_east"]
    sectors = ["cooperatives", "finance", "care", "food", "housing"]
    places = [("Seoul", "KR"), ("Bamako", "ML"), ("Montréal", "CA"), ("Bilbao", "ES")]
    # The benchmark reads the index's list, not Wagtail's search index nor its references.
    post_save.disconnect(post_save_signal_handler, sender=LibraryItemPage)
    korean_index = index.copy_for_translation(korean, copy_parents=True)
    korean_index.live = True
    korean_index.save()
    with transaction.atomic(), disable_reference_index_auto_update():
        _items(count, index, korean_index, regions, sectors, places)
    organisation = Organisation.objects.create(
        name="Bench city",
        short_name="Bench",
        kind="local_government",
        country="KR",
        region="asia_pacific",
    )
    member = User.objects.create_user(
        email="member@bench.example", full_name="Bench member", password=secrets.token_urlsafe()
    )
    Membership.objects.create(
        user=member, organisation=organisation, role="learner", status="active"
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return "/en/library/", member


def _items(count, index, korean_index, regions, sectors, places) -> None:
    """``count`` items under ``index``, every fifth with a Korean page under ``korean_index``."""
    from cms.library.models import LibraryItemPage

    for n in range(count):
        city, country = places[n % len(places)]
        item = LibraryItemPage(
            title=f"{city} social economy case {n}",
            slug=f"case-{n}",
            kind="case_study" if n % 3 else "policy_brief",
            summary="How the city supported cooperatives and social enterprises, step by step.",
            city=city,
            country=country,
            region=regions[n % len(regions)],
            sector=sectors[n % len(sectors)],
            instrument="law",
            year=2000 + n % 25,
            live=True,
        )
        index.add_child(instance=item)
        if n % 5 == 0:
            korean_index.add_child(
                instance=LibraryItemPage(
                    title=f"서울시 사회적경제 사례 {n}",
                    slug=f"case-{n}-ko",
                    kind=item.kind,
                    summary="협동조합과 사회적기업을 지원한 방법.",
                    city=city,
                    country=country,
                    region=item.region,
                    sector=item.sector,
                    instrument="law",
                    year=item.year,
                    live=True,
                    locale_id=korean_index.locale_id,
                    translation_key=item.translation_key,
                )
            )


def query_count(path: str, member) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(member)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=12)
    arguments = parser.parse_args(argv)

    from tests.benchmarks import databases

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["DATABASE_URL"] = databases.base_url()
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    import django

    django.setup()
    for name in ("wagtail", "wagtail.contrib.redirects", "django_tasks", "axes"):
        logging.getLogger(name).setLevel(logging.WARNING)

    from tests.benchmarks import bench_http, bench_scale, stock_wagtail
    from tests.benchmarks.bench_http import CACHED, STOCK, UNCACHED, Server, Target

    print(f"Machine: {bench_scale.machine()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="gsef-bench-library-") as scratch, ExitStack() as stack:
        stock = stack.enter_context(stock_wagtail.stock_wagtail(scratch))
        template = stack.enter_context(databases.migrated_template())
        environment = bench_http.server_environment(
            database_url=databases.url_for(template),
            static_root=str(Path(scratch) / "static"),
            var_dir=scratch,
        )
        bench_http.collect_static(environment)
        name = stack.enter_context(databases.sized_database(template, "library"))
        environment["DATABASE_URL"] = databases.url_for(name)
        mark = time.perf_counter()
        path, member = generate(arguments.items)
        print(f"{arguments.items} items generated in {time.perf_counter() - mark:.0f} s")
        cookie = bench_http.session_cookie(member)
        search = path + "?" + urlencode({"q": "경제", "region": "asia_pacific"})
        stock_target = Target(
            "stock", "stock Wagtail home", stock.path, (stock.marker,), server=STOCK
        )
        targets = [
            Target("anonymous", "library index", path, ("Library",), server=CACHED),
            Target("member", "library index", path, ("Library",), cookie=cookie, server=UNCACHED),
            Target(
                "search",
                "library search + filter",
                search,
                ("Library",),
                cookie=cookie,
                server=UNCACHED,
            ),
        ]
        queries = {target.name: query_count(target.path, member) for target in targets[1:]}
        bench_http.flush_cache()
        script = stack.enter_context(tempfile.NamedTemporaryFile("w", suffix=".lua"))
        script.write(bench_http.WRK_SCRIPT)
        script.flush()
        servers = {
            STOCK: stack.enter_context(
                Server(stock.environment, wsgi=stock.wsgi, directory=stock.directory)
            ),
            CACHED: stack.enter_context(Server(environment)),
            UNCACHED: stack.enter_context(Server({**environment, "PAGE_CACHE_SECONDS": "0"})),
        }
        cache = {
            t.name: bench_http.check_page(servers[t.server], t) for t in [stock_target, *targets]
        }

        def timed(target):
            return bench_http.measure(
                servers[target.server], target, seconds=arguments.seconds, script=script.name
            )

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
                    "vs_stock": round(measured.rps / yardstick, 2),
                    "queries": queries.get(target.name, 0),
                    "cache": cache[target.name],
                }
            )
            print(rows[-1], flush=True)
            before = after
    print("\n| page | as | requests/s | p50 ms | p99 ms | stock requests/s | vs stock | queries |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(
            f"| {row['page']} | {row['mode']} | {row['rps']} | {row['p50_ms']} | {row['p99_ms']} "
            f"| {row['stock_rps']} | {row['vs_stock']} | {row['queries']} |"
        )
    out = Path("var/bench") / f"bench-library-{time.strftime('%Y-%m-%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
