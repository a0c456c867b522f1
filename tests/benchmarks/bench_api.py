"""Benchmark of the organisation API: an incremental sync of the largest 100x organisation
and the enrolment throughput.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_bench \\
        .venv/bin/python -m tests.benchmarks.bench_api

Uses Django with ``tests.settings`` and a throw-away test database next to the one
``DATABASE_URL`` names. Generates one organisation with 3,300 learners each enrolled in
10 courses (33,000 enrolments: the largest organisation of the 100x size in
``tests.benchmarks.dataset``), then, through Django's test client (the whole request
path but the socket, the token checked on every call):

- the sync: ``GET /api/v1/enrolments?updated_since=…&limit=500`` page after page by
  cursor until the end: total time, pages, and the queries of each page (the same for
  every page: the first and the last are printed);
- enrolment creation: ``POST /api/v1/enrolments`` with an Idempotency-Key for 300
  members into a course, one after the other: enrolments per second.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

LEARNERS = 3300
COURSES = 10
PAGE = 500
ENROLMENTS_TO_CREATE = 300


def measure_sync(*, token: str, log=print) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client.get("/api/v1/courses", **auth)  # the token's last use: written once a minute
    cursor, pages, rows, queries, durations = None, 0, 0, [], []
    started = time.perf_counter()
    while True:
        params = {"updated_since": "2000-01-01T00:00:00Z", "limit": PAGE}
        if cursor:
            params["cursor"] = cursor
        with CaptureQueriesContext(connection) as captured:
            page_started = time.perf_counter()
            response = client.get("/api/v1/enrolments", params, **auth)
            durations.append(time.perf_counter() - page_started)
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        pages += 1
        rows += len(body["items"])
        queries.append(len(captured.captured_queries))
        cursor = body["next_cursor"]
        if cursor is None:
            break
    total = time.perf_counter() - started
    result = {
        "rows": rows,
        "pages": pages,
        "seconds": total,
        "median_page_ms": statistics.median(durations) * 1000,
        "queries_first": queries[0],
        "queries_last": queries[-1],
        "queries_distinct": sorted(set(queries)),
    }
    log(
        f"Sync: {rows:,} enrolments in {pages} pages of {PAGE} in {total:.1f} s "
        f"(median page {result['median_page_ms']:.0f} ms), queries per page "
        f"{result['queries_distinct']} (first {queries[0]}, last {queries[-1]})"
    )
    return result


def measure_enrolment(*, token: str, emails: list[str], course_key, log=print) -> dict:
    from django.test import Client

    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    started = time.perf_counter()
    for number, email in enumerate(emails):
        response = client.post(
            "/api/v1/enrolments",
            {"learner_email": email, "course_key": str(course_key)},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=f"bench-{number}",
            **auth,
        )
        assert response.status_code == 201, response.content[:500]
    seconds = time.perf_counter() - started
    result = {"enrolments": len(emails), "seconds": seconds, "per_second": len(emails) / seconds}
    log(
        f"Enrolment creation: {len(emails)} in {seconds:.1f} s, "
        f"{result['per_second']:.0f} a second (one client, one after the other)"
    )
    return result


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import get_runner, override_settings

    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        from courses.api.services import api_token_create
        from lms.models import Membership
        from lms.services import membership_create
        from tests.benchmarks import dataset
        from tests.courses import factories
        from tests.factories import UserFactory

        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        [organisation] = dataset.organisations(1, prefix="Api")
        data = dataset.generate(
            learners=LEARNERS, courses=COURSES, organisation_list=[organisation], prefix="Api"
        )
        coordinator = UserFactory()
        membership_create(
            user=coordinator, organisation=organisation, role="coordinator", confirmed=True
        )
        token = api_token_create(
            organisation=organisation, name="Bench", scope="enrol", created_by=coordinator
        ).value
        print(f"Generated {data.enrolments:,} enrolments in {time.perf_counter() - started:.1f} s")
        with override_settings(API_RATE_LIMIT_PER_MINUTE=10**9):
            measure_sync(token=token)
            course = factories.course("Throughput course")
            factories.module(course, "One")
            emails = list(
                Membership.objects.filter(organisation=organisation, role="learner")
                .order_by("pk")
                .values_list("user__email", flat=True)[:ENROLMENTS_TO_CREATE]
            )
            measure_enrolment(token=token, emails=emails, course_key=course.translation_key)
    finally:
        runner.teardown_databases(old_config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
