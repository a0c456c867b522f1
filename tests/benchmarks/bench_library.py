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
import secrets
import sys
import time
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=12)
    arguments = parser.parse_args(argv)

    from tests.benchmarks import side_by_side

    side_by_side.setup()
    from tests.benchmarks import bench_http
    from tests.benchmarks.bench_http import CACHED, UNCACHED, Target

    with side_by_side.site("library") as where:
        mark = time.perf_counter()
        path, member = generate(arguments.items)
        print(f"{arguments.items} items generated in {time.perf_counter() - mark:.0f} s")
        cookie = bench_http.session_cookie(member)
        search = path + "?" + urlencode({"q": "경제", "region": "asia_pacific"})
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
        queries = {t.name: side_by_side.query_count(t.path, member) for t in targets[1:]}
        rows = side_by_side.measure(where, targets, seconds=arguments.seconds, queries=queries)
    side_by_side.report(rows, "library")
    return 0


if __name__ == "__main__":
    sys.exit(main())
