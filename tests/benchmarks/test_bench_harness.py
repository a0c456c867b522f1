"""The benchmark's own arithmetic and its yardstick project (``make bench`` measures; these
check that what it reports means what the tables say). No timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.benchmarks import bench_http, stock_wagtail
from tests.benchmarks.bench_http import CACHED, STOCK, UNCACHED, HttpResult, PageResult, Target

# Prints what the stock project's settings resolve to, in its own interpreter.
SHOW_SETTINGS = """
import django, json
django.setup()
from django.conf import settings
print(json.dumps({"debug": settings.DEBUG, "database": settings.DATABASES["default"],
    "apps": settings.INSTALLED_APPS, "hosts": settings.ALLOWED_HOSTS,
    "static": settings.STORAGES["staticfiles"]["BACKEND"], "urls": settings.ROOT_URLCONF}))
"""


def measurement(name: str, rps: float, *, server=CACHED, cookie="", cpu_ms=1.0):
    target = Target(name, name.replace("_", " "), "/", (), cookie, server)
    return bench_http.Measurement(target, int(rps * 10), 10.0, 1, 1, 1, 1, cpu_ms)


def result(*, cached_rps: float, learner_rps: float, search_rps: float, bare_rps: float):
    """Stock at 40 requests/s before and 20 after each page (30 on average)."""
    stock = [measurement("stock", 40, server=STOCK, cpu_ms=10), measurement("stock", 20)]
    bare = [measurement("bare", bare_rps, server=UNCACHED)] * 2
    pages = []
    for name in bench_http.ANONYMOUS_CACHED:
        pages.append(PageResult(measurement(f"{name}_cached", cached_rps), stock, bare, 0, "hit"))
        rps = search_rps if name == "catalogue_search" else 15
        uncached = measurement(f"{name}_uncached", rps, server=UNCACHED)
        pages.append(PageResult(uncached, stock, bare, 12, ""))
    for name in bench_http.LEARNER:
        pages.append(PageResult(measurement(name, learner_rps, cookie="s"), stock, bare, 15, ""))
    return HttpResult(stock, bare, pages, [], {"stock": 4, "bare": 7})


def test_ratios_are_throughput_over_the_mean_of_the_yardstick_runs_around_the_page():
    found = result(cached_rps=180, learner_rps=45, search_rps=10, bare_rps=24)
    page = found.pages[0]

    assert page.stock_rps == 30
    assert page.x_stock == 6  # 180 / 30
    assert page.x_bare == 7.5  # 180 / 24
    assert page.cpu_x_stock == pytest.approx(1 / 5.5)  # 1 ms against (10 + 1) / 2
    assert found.bare_over_stock == 1.25  # time per request: 30 / 24
    assert page.as_dict()["x_stock"] == 6


def test_goals_are_met_or_missed_with_the_number_measured():
    met = bench_http.goals_table(
        [("small", result(cached_rps=180, learner_rps=45, search_rps=10, bare_rps=24))]
    )
    missed = bench_http.goals_table(
        [("100x", result(cached_rps=120, learner_rps=27, search_rps=7, bare_rps=20))]
    )

    assert "**missed**" not in met
    assert "| 6.0x to 6.0x (lowest: home cached) | met |" in met
    assert "| 1.25x | met |" in met
    assert "| 1.50x (12 queries against 12) | met |" in met  # 15 / 10
    assert missed.count("**missed**") == 6  # cached 4x, three learner pages, bare 1.5x
    assert "| 4.0x to 4.0x (lowest: home cached) | **missed** |" in missed
    assert "| 2.14x (12 queries against 12) | met |" not in missed
    assert "| 2.14x (12 queries against 12) | **missed** |" in missed


def test_a_cached_page_not_served_from_the_cache_is_flagged_and_misses_the_goal():
    found = result(cached_rps=180, learner_rps=45, search_rps=10, bare_rps=24)
    found.pages[0].cache = "miss"

    table = bench_http.goals_table([("small", found)])

    assert found.pages[0].not_cached
    assert "not from the cache: home cached | **missed** |" in table
    assert "home cached (not served from the cache)" in bench_http.table([("small", found)])


def test_the_yardstick_is_what_wagtail_start_generates_with_only_the_database_set(tmp_path):
    project = stock_wagtail.generate(tmp_path / "stock", database="gsef_bench_stock")

    assert (project.directory / "home" / "migrations" / "0002_create_homepage.py").exists()
    welcome = project.directory / "home" / "templates" / "home" / "welcome_page.html"
    assert project.marker in welcome.read_text()
    shown = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=project.directory,
        env=project.environment,
        capture_output=True,
        text=True,
        check=True,
    )
    settings = json.loads(shown.stdout.strip().splitlines()[-1])
    assert settings["debug"] is False
    assert settings["database"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings["database"]["NAME"] == "gsef_bench_stock"
    assert settings["apps"][0] == "home"
    assert settings["hosts"] == ["127.0.0.1", "localhost"]
    assert settings["static"].endswith("ManifestStaticFilesStorage")
    assert settings["urls"] == "stockwagtail.urls"
