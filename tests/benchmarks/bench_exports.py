"""The progress export's task at scale: wall time and peak memory of ``report_export_build``.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_bench \\
        .venv/bin/python -m tests.benchmarks.bench_scale --sizes 100x --only exports

``bench_scale`` generates the size, then ``measure`` builds the largest organisation's
export as its coordinator asked for it (every row, XLSX and CSV) and, to show that memory
does not grow with the rows, the same export limited to one course. Each build runs in a
child process of its own (``--child``), which reports its wall time and how far its peak
resident memory (``ru_maxrss``) rose above what Django, openpyxl and the service cost once
imported and connected: a flat export rises by about the same for 3,000 or 33,000 rows.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time


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
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    outcome = report_export_build(export_id=export.pk, now=timezone.now())
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
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


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(int(sys.argv[2]))))
        sys.exit(0)
    sys.exit("Run through bench_scale: python -m tests.benchmarks.bench_scale --only exports")
