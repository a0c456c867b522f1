"""The platform at GSEF's size today and beyond: generate, then measure everything.

    .venv/bin/python -m tests.benchmarks.bench_scale [--sizes small 100x] [--seconds 12]
        [--only http reports sweep exports] [--json FILE]

``make bench`` runs it (``BENCH_SIZES=small make bench`` for one size; small and 100x by
default, 10x on demand). First, when pages are measured, the yardstick project: a fresh
``wagtail start`` (``stock_wagtail``). Then for each size of ``tests.benchmarks.dataset.SIZES``,
in its own throw-away database beside ``BENCH_DATABASE_URL`` (``tests.benchmarks.databases``):

1. generate the dataset (``dataset.generate_size``), timed;
2. the HTTP benchmark, cached and uncached, next to the stock Wagtail page and our bare
   page, and page weights on gunicorn (``bench_http``, ``page_weight``);
3. the report selectors as the coordinator of the largest organisation, and the
   secretariat overview (``bench_reports.measure``);
4. the reminder sweep over every enrolment, twice (``bench_sweep.measure``);
5. the progress export task for the largest organisation: wall time and peak memory of a
   child process (``bench_exports.measure``);

then print every number as Markdown tables, ready for docs/benchmarks.md, with the
machine and the versions, and write them as JSON (``--json``, by default
``var/bench/bench-scale-<time>.json``). ``--only http`` (or reports, sweep, exports)
measures less. ``BENCH_HTTP_SECONDS`` and ``BENCH_WARM_UP_SECONDS`` set wrk's durations,
``BENCH_REDIS_URL`` the servers' Redis database (emptied; 9 by default).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import platform
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = ("http", "reports", "sweep", "exports")
ROOT = Path(__file__).resolve().parents[2]
REPORT_RUNS = 5


def _sizes(values: list[str]) -> list[str]:
    from tests.benchmarks.dataset import SIZES

    sizes = [name for value in values for name in re.split(r"[\s,]+", value) if name]
    unknown = [name for name in sizes if name not in SIZES]
    if unknown:
        raise SystemExit(f"Unknown size {unknown}: choose among {', '.join(SIZES)}.")
    return sizes


def machine() -> str:
    """CPU, cores, memory, load, and the versions of what is measured."""
    import django
    import gunicorn
    import redis
    import wagtail

    from tests.benchmarks import databases

    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    postgres = databases.server_version()

    def version(command: list[str]) -> str:
        try:
            output = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError:
            return "missing"
        found = re.search(r"\d+\.\d+(\.\d+)?", output.stdout + output.stderr)
        return found.group(0) if found else "?"

    redis_version = redis.Redis.from_url(_redis_url()).info("server")["redis_version"]
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}; load average {load} at the start; "
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, PostgreSQL {postgres.split()[0]}, Redis {redis_version}, "
        f"gunicorn {gunicorn.__version__}, wrk {version(['wrk', '--version'])}"
    )


def _redis_url() -> str:
    from tests.benchmarks.bench_http import BENCH_REDIS_URL

    return BENCH_REDIS_URL


def dataset_table(results: list[dict]) -> str:
    lines = [
        "| size | organisations | learners | courses | pages | enrolments | completed modules "
        "| quiz attempts | webinar registrations | generated in |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        counts, timings = result["counts"], result["timings"]
        lines.append(
            f"| {result['size']} | {counts['organisations']:,} | {counts['learners']:,} "
            f"| {counts['courses']} | {counts['pages']:,} | {counts['enrolments']:,} "
            f"| {counts['completed modules']:,} | {counts['quiz attempts']:,} "
            f"| {counts['webinar registrations']:,} | {timings['total']:.0f} s "
            f"(pages {timings['pages']:.0f} s) |"
        )
    return "\n".join(lines)


def reports_table(results: list[dict]) -> str:
    lines = [
        "| size | what | median | queries |",
        "| --- | --- | ---: | ---: |",
    ]
    for result in results:
        for row in result.get("reports", []):
            lines.append(
                f"| {result['size']} | {row['what']} ({result['report_rows']:,} rows in scope) "
                f"| {row['median_ms']:.0f} ms | {row['queries']} |"
                if row["what"].startswith("Organisation")
                else f"| {result['size']} | {row['what']} | {row['median_ms']:.0f} ms "
                f"| {row['queries']} |"
            )
        for row in result.get("sweep", []):
            lines.append(
                f"| {result['size']} | reminder sweep, {row['what']} ({row['due']:,} due, "
                f"{row['queued']:,} queued) | {row['seconds'] * 1000:.0f} ms "
                f"| {row['queries']} in {row['batches']} batches |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None, *, only: tuple[str, ...] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=[os.environ.get("BENCH_SIZES") or "small 100x"],
        help="small, 10x, 100x (spaces or commas); default $BENCH_SIZES or small and 100x",
    )
    parser.add_argument(
        "--seconds",
        type=int,
        default=int(os.environ.get("BENCH_HTTP_SECONDS") or 12),
        help="wrk's measured duration per page",
    )
    parser.add_argument("--only", nargs="+", choices=STEPS, default=list(only) or list(STEPS))
    parser.add_argument(
        "--json", help="write the results there (default var/bench/bench-scale-<time>.json)"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep each size's database (gsef_bench_<size>) to look into it; drop it yourself",
    )
    arguments = parser.parse_args(argv)

    from tests.benchmarks import databases

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["DATABASE_URL"] = databases.base_url()
    # The benchmark signs the learner's session; gunicorn is given the same key.
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    import django

    django.setup()
    for name in ("wagtail", "wagtail.contrib.redirects", "django_tasks", "axes"):
        logging.getLogger(name).setLevel(logging.WARNING)

    from django.utils import timezone

    from tests.benchmarks import (
        bench_exports,
        bench_http,
        bench_reports,
        bench_sweep,
        dataset,
        page_weight,
        stock_wagtail,
    )

    sizes = _sizes(arguments.sizes)
    steps = arguments.only
    if "http" in steps:
        try:
            bench_http.wrk_path()  # now, with the way to install it, rather than after minutes
        except bench_http.BenchmarkFailed as error:
            raise SystemExit(str(error)) from None
    started = time.perf_counter()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    described = machine()
    print(f"Machine: {described}")
    results: list[dict] = []
    http_results: list[tuple[str, bench_http.HttpResult]] = []
    with (
        tempfile.TemporaryDirectory(prefix="gsef-bench-") as scratch,
        contextlib.ExitStack() as stack,
    ):
        static_root = str(Path(scratch) / "static")
        stock = None
        if "http" in steps:
            # The yardstick: a fresh `wagtail start` project (tests/benchmarks/stock_wagtail.py).
            stock = stack.enter_context(stock_wagtail.stock_wagtail(scratch))
        with databases.migrated_template() as template:
            if "http" in steps:
                mark = time.perf_counter()
                bench_http.collect_static(
                    bench_http.server_environment(
                        database_url=databases.url_for(template),
                        static_root=static_root,
                        var_dir=scratch,
                    )
                )
                print(f"collectstatic in {time.perf_counter() - mark:.0f} s")
            for size in sizes:
                with databases.sized_database(template, size, keep=arguments.keep) as name:
                    print(f"\n## {size} ({name})")
                    data = dataset.generate_size(dataset.SIZES[size])
                    result: dict = {
                        "size": size,
                        "counts": data.counts,
                        "timings": data.timings,
                    }
                    if "http" in steps:
                        environment = bench_http.server_environment(
                            database_url=databases.url_for(name),
                            static_root=static_root,
                            var_dir=scratch,
                        )
                        http = bench_http.run(
                            data,
                            environment=environment,
                            stock=stock,
                            seconds=arguments.seconds,
                        )
                        http_results.append((size, http))
                        result["http"] = http.as_dict()
                    if "reports" in steps:
                        from courses.models import Enrolment

                        result["report_rows"] = Enrolment.objects.filter(
                            organisation=data.organisations[0]
                        ).count()
                        result["reports"] = bench_reports.measure(
                            coordinator=data.coordinator, runs=REPORT_RUNS
                        )
                    if "sweep" in steps:
                        result["sweep"] = bench_sweep.measure(now=timezone.now())
                    if "exports" in steps:
                        result["exports"] = bench_exports.measure(
                            coordinator=data.coordinator, database_url=databases.url_for(name)
                        )
                    results.append(result)

    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\n# Results ({', '.join(sizes)}), {time.perf_counter() - started:.0f} s in all\n")
    print(f"Machine: {described}; load average {load} at the end\n")
    print(dataset_table(results))
    if http_results:
        print()
        print(bench_http.table(http_results))
        print()
        print(bench_http.goals_table(http_results))
        for size, http in http_results:
            print()
            print(page_weight.weight_table(size, http.weights))
    if any("reports" in result or "sweep" in result for result in results):
        print()
        print(reports_table(results))
    if any("exports" in result for result in results):
        print()
        print(bench_exports.table(results))
    output = Path(arguments.json or ROOT / "var" / "bench" / f"bench-scale-{stamp}.json")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "at": stamp,
                "command": " ".join(sys.argv),
                "machine": described,
                "load_average_at_end": load,
                "seconds_per_page": arguments.seconds,
                "results": results,
            },
            indent=2,
        )
    )
    print(f"\nThe same numbers as JSON: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
