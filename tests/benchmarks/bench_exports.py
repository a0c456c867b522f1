"""The progress export's task at scale: wall time and peak memory of ``report_export_build``.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_bench \\
        .venv/bin/python -m tests.benchmarks.bench_scale --sizes 100x --only exports

``bench_scale`` generates the size, then ``measure`` builds the largest organisation's
export as its coordinator asked for it (every row, XLSX and CSV) and, to show that memory
does not grow with the rows, the same export limited to one course. Each build runs in a
child process of its own (``--child``), which reports its wall time and how far its peak
resident memory (``VmHWM``, the high-water mark of a fresh process: ``ru_maxrss`` would carry
the parent's over the exec) rose above what Django, openpyxl and the service cost once
imported and connected: a flat export rises by about the same for 3,000 or 33,000 rows.

On a database generated and kept earlier (``bench_scale --keep``), measure again without
generating::

    .venv/bin/python -m tests.benchmarks.bench_exports --database gsef_bench_100x
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def _memory_kib(field: str) -> int:
    """A line of /proc/self/status (``VmRSS`` now, ``VmHWM`` the peak), in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _child(export_id: int) -> dict:
    """In the child process: build one export and say what it cost."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    import openpyxl  # noqa: F401 (imported before the baseline, as in a warm worker)
    from django.db import connection
    from django.utils import timezone

    from courses.models import ReportExport
    from courses.services.exports import report_export_build

    connection.ensure_connection()
    export = ReportExport.objects.get(pk=export_id)
    baseline = _memory_kib("VmHWM")
    started = time.perf_counter()
    outcome = report_export_build(export_id=export.pk, now=timezone.now())
    seconds = time.perf_counter() - started
    peak = _memory_kib("VmHWM")
    export.refresh_from_db()
    size = export.file.size if export.file else 0
    return {
        "outcome": outcome,
        "rows": export.done,
        "seconds": seconds,
        "baseline_mib": baseline / 1024,
        "peak_mib": peak / 1024,
        "rise_mib": (peak - baseline) / 1024,
        "file_bytes": size,
    }


def _build_in_child(export_id: int, database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    output = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_exports", "--child", str(export_id)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        raise RuntimeError(f"the export child failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure(*, coordinator, database_url: str, log=print) -> list[dict]:
    """Build the coordinator's progress export (XLSX, CSV, and XLSX for one course)."""
    from django.db import connection
    from django.utils import timezone

    from courses.models import ReportExport
    from courses.selectors.reports import report_scope

    scope = report_scope(user=coordinator)
    course_counts = (
        scope.enrolments().order_by().values_list("course_key").annotate(n=_count()).order_by("n")
    )
    # A course with a tenth or so of the organisation's rows: the "fewer rows" comparison.
    counts = list(course_counts)
    small_course = counts[len(counts) // 2][0] if counts else None
    cases = [
        ("every row", "xlsx", {}),
        ("every row", "csv", {}),
        ("completed only", "xlsx", {"status": "completed"}),
        ("one course", "xlsx", {"course_key": str(small_course)} if small_course else {}),
    ]
    results = []
    for label, export_format, filters in cases:
        export = ReportExport.objects.create(
            requested_by=coordinator,
            format=export_format,
            filters=filters,
            language="en",
            time_zone="UTC",
            title="Progress report",
            created_at=timezone.now(),
        )
        connection.close()  # the child opens its own
        result = _build_in_child(export.pk, database_url)
        result.update(what=f"{label}, {export_format.upper()}")
        log(
            f"Export ({result['what']}): {result['rows']:,} rows in {result['seconds']:.1f} s, "
            f"peak memory {result['peak_mib']:.0f} MiB ({result['rise_mib']:+.0f} MiB over "
            f"{result['baseline_mib']:.0f} MiB once loaded), "
            f"file {result['file_bytes'] / 1e6:.1f} MB"
        )
        results.append(result)
    return results


def _count():
    from django.db.models import Count

    return Count("pk")


def table(results: list[dict]) -> str:
    lines = [
        "| size | export (task) | rows | wall time | peak memory | rise over loaded "
        "worker | file |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        for row in result.get("exports", []):
            lines.append(
                f"| {result['size']} | {row['what']} | {row['rows']:,} | {row['seconds']:.1f} s "
                f"| {row['peak_mib']:.0f} MiB | {row['rise_mib']:+.0f} MiB "
                f"| {row['file_bytes'] / 1e6:.1f} MB |"
            )
    return "\n".join(lines)


def main(database: str) -> int:
    """Measure on an existing benchmark database, as the largest organisation's coordinator."""
    from tests.benchmarks import databases

    url = databases.url_for(database)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.db.models import Count

    from courses.models import Enrolment
    from lms.models import Membership

    largest = (
        Enrolment.objects.exclude(organisation=None)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    membership = (
        Membership.objects.filter(organisation_id=largest["organisation_id"], role="coordinator")
        .select_related("user")
        .first()
    )
    print(f"Database {database}; the largest organisation has {largest['n']:,} enrolments")
    results = measure(coordinator=membership.user, database_url=url)
    print()
    print(table([{"size": database, "exports": results}]))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(int(sys.argv[2]))))
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--database":
        sys.exit(main(sys.argv[2]))
    sys.exit("Run through bench_scale (--only exports), or give --database NAME.")
