"""Benchmark of the report selectors on a GSEF-sized dataset.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_bench \\
        .venv/bin/python -m tests.benchmarks.bench_reports

Uses Django with ``tests.settings``. Creates a throw-away test database next to the
one ``DATABASE_URL`` names (``test_<name>``, dropped at the end), generates 2,000
learners by 10 courses with bulk_create, then prints the median time and the query
count of the organisation progress report (first page, count, filter choices and
charts) over 20 runs, and of the secretariat overview for 64 organisations.
``measure`` is also run on each size of ``tests.benchmarks.bench_scale``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

RUNS = 20


def _measure(label: str, work, *, runs: int = RUNS, log=print) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, queries = [], 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            work()
            durations.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    median = statistics.median(durations) * 1000
    log(f"{label}: median {median:.1f} ms over {runs} runs, {queries} queries per run")
    return {"what": label, "median_ms": median, "runs": runs, "queries": queries}


def measure(*, coordinator, runs: int = RUNS, log=print) -> list[dict]:
    """The organisation progress report as ``coordinator`` sees it (first page, and every
    row as the export reads them), and the secretariat overview of every organisation."""
    from courses.selectors.reports import (
        chart_data,
        course_choices,
        organisation_overview,
        progress_report,
        report_scope,
    )
    from lms.models import Organisation

    def organisation_report():
        scope = report_scope(user=coordinator)
        rows = progress_report(scope=scope)
        rows.count()
        list(rows[:50])
        course_choices(scope=scope)
        chart_data(enrolments=scope.enrolments(), titles=scope.course_titles)

    def whole_export():
        for _row in progress_report(scope=report_scope(user=coordinator)).iterator(chunk_size=2000):
            pass

    organisations = Organisation.objects.count()
    return [
        _measure(
            "Organisation progress report (page, count, choices, charts)",
            organisation_report,
            runs=runs,
            log=log,
        ),
        _measure(
            "Organisation progress report, every row (export)", whole_export, runs=runs, log=log
        ),
        _measure(
            f"Secretariat overview, {organisations:,} organisations",
            lambda: list(organisation_overview()),
            runs=runs,
            log=log,
        ),
    ]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner

    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        from lms.services import membership_create
        from tests.benchmarks import dataset
        from tests.factories import UserFactory

        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        organisations = dataset.organisations(64)
        data = dataset.generate(
            learners=2000, courses=10, organisation_list=organisations[:1], prefix="Org"
        )
        dataset.generate(learners=640, courses=3, organisation_list=organisations, prefix="All")
        coordinator = UserFactory()
        membership_create(
            user=coordinator, organisation=organisations[0], role="coordinator", confirmed=True
        )
        print(
            f"Generated {data.enrolments} enrolments for one organisation and 1,920 more across "
            f"64 organisations in {time.perf_counter() - started:.1f} s"
        )
        measure(coordinator=coordinator)
    finally:
        runner.teardown_databases(old_config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
