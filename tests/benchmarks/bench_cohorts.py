"""The facilitator's view of a cohort of 500 learners, served the production way, as a
ratio to the stock Wagtail page (a fresh ``wagtail start`` home page, ``stock_wagtail``).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_bench \\
        .venv/bin/python -m tests.benchmarks.bench_cohorts [--learners 500] [--seconds 12]

On a migrated copy of the schema (``databases``): a course of five modules, a cohort with
a due date per module (two already passed), ``--learners`` members from five cities, each
with an enrolment and some modules completed (so some are behind), and the cohort's
facilitator's session; then two gunicorns as in ``bench_http`` (the stock page, and ours
with the page cache off: admin pages are never cached) and ``wrk``: the cohort view
(``cohort_admin:follow``), measured between two stock runs and given as the ratio of its
throughput to their mean. Queries per request are counted in this process. Numbers:
docs/benchmarks.md, "Cohorts".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import secrets
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path


def generate(learners: int):
    """A cohort of ``learners`` members; returns (its follow path, the facilitator)."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.utils import timezone

    from courses.cohorts.models import Cohort, CohortMember, CohortModule
    from courses.models import CourseIndexPage, CoursePage, Enrolment, ModuleCompletion, ModulePage
    from lms.models import Membership, Organisation, User

    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    catalogue = CourseIndexPage.objects.filter(locale__language_code="en").first()
    if catalogue is None:
        from cms.models import HomePage

        catalogue = CourseIndexPage(title="Courses", slug="courses")
        HomePage.objects.get(locale__language_code="en").add_child(instance=catalogue)
    course = CoursePage(title="Municipal strategy", slug="municipal-strategy", summary="S.")
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    modules = []
    for n in range(5):
        module = ModulePage(title=f"Module {n + 1}", slug=f"module-{n + 1}")
        course.add_child(instance=module)
        module.save_revision().publish()
        modules.append(module)
    facilitator = User.objects.create_user(
        email="facilitator@bench.example", password=secrets.token_urlsafe(), full_name="Facilitator"
    )
    facilitator.groups.add(Group.objects.get(name="Trainers"))
    today = timezone.localdate()
    cohort = Cohort(
        name="Bench cohort",
        course_page=course,
        course_key=course.translation_key,
        starts_on=today - dt.timedelta(days=14),
        ends_on=today + dt.timedelta(days=30),
    )
    cohort.save()
    cohort.facilitators.set([facilitator])
    cohort.save()
    for n, module in enumerate(modules):
        CohortModule.objects.create(
            cohort=cohort,
            module_page=module,
            module_key=module.translation_key,
            due_on=today + dt.timedelta(days=7 * n - 8),
            sort_order=n,
        )
    cities = [
        Organisation.objects.create(
            name=f"City of {city}",
            short_name=city,
            kind="local_government",
            country=country,
            city=city,
            region="asia_pacific",
        )
        for city, country in (
            ("Seoul", "KR"),
            ("Bamako", "ML"),
            ("Montréal", "CA"),
            ("Mexico City", "MX"),
            ("Bilbao", "ES"),
        )
    ]
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(email=f"learner{n}@bench.example", full_name=f"Learner {n}", password="!")
            for n in range(learners)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(user=user, organisation=cities[n % 5], role="learner", status="active")
            for n, user in enumerate(users)
        ]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=user,
                course_key=course.translation_key,
                course_page=course,
                organisation=cities[n % 5],
                source="coordinator",
                enrolled_at=now,
                due_on=cohort.ends_on,
                last_activity_at=now,
            )
            for n, user in enumerate(users)
        ]
    )
    CohortMember.objects.bulk_create(
        [
            CohortMember(
                cohort=cohort,
                user=enrolment.user,
                enrolment=enrolment,
                organisation=enrolment.organisation,
                source="coordinator",
                joined_at=now,
            )
            for enrolment in enrolments
        ]
    )
    ModuleCompletion.objects.bulk_create(
        [
            ModuleCompletion(
                enrolment=enrolment,
                module_key=module.translation_key,
                module_page=module,
                method="marked",
                completed_at=now,
            )
            for n, enrolment in enumerate(enrolments)
            for module in modules[: n % 4]
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return f"/admin/cohorts/{cohort.pk}/follow/", facilitator


def query_count(path: str, user) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=500)
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
    from tests.benchmarks.bench_http import STOCK, UNCACHED, Server, Target

    print(f"Machine: {bench_scale.machine()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="gsef-bench-cohorts-") as scratch, ExitStack() as stack:
        stock = stack.enter_context(stock_wagtail.stock_wagtail(scratch))
        template = stack.enter_context(databases.migrated_template())
        environment = bench_http.server_environment(
            database_url=databases.url_for(template),
            static_root=str(Path(scratch) / "static"),
            var_dir=scratch,
        )
        bench_http.collect_static(environment)
        name = stack.enter_context(databases.sized_database(template, "cohorts"))
        environment["DATABASE_URL"] = databases.url_for(name)
        mark = time.perf_counter()
        path, facilitator = generate(arguments.learners)
        print(f"{arguments.learners} learners generated in {time.perf_counter() - mark:.0f} s")
        cookie = bench_http.session_cookie(facilitator)
        stock_target = Target(
            "stock", "stock Wagtail home", stock.path, (stock.marker,), server=STOCK
        )
        target = Target(
            "cohort",
            f"cohort view, {arguments.learners} learners",
            path,
            ("Results by city",),
            cookie=cookie,
            server=UNCACHED,
        )
        queries = query_count(path, facilitator)
        script = stack.enter_context(tempfile.NamedTemporaryFile("w", suffix=".lua"))
        script.write(bench_http.WRK_SCRIPT)
        script.flush()
        servers = {
            STOCK: stack.enter_context(
                Server(stock.environment, wsgi=stock.wsgi, directory=stock.directory)
            ),
            UNCACHED: stack.enter_context(Server({**environment, "PAGE_CACHE_SECONDS": "0"})),
        }
        for each in (stock_target, target):
            bench_http.check_page(servers[each.server], each)

        def timed(each):
            return bench_http.measure(
                servers[each.server], each, seconds=arguments.seconds, script=script.name
            )

        before = timed(stock_target)
        measured = timed(target)
        after = timed(stock_target)
        yardstick = (before.rps + after.rps) / 2
        rows.append(
            {
                "page": target.label,
                "rps": round(measured.rps, 1),
                "p50_ms": round(measured.p50_ms, 1),
                "p99_ms": round(measured.p99_ms, 1),
                "stock_rps": round(yardstick, 1),
                "vs_stock": round(measured.rps / yardstick, 3),
                "time_vs_stock": round(yardstick / measured.rps, 1),
                "queries": queries,
            }
        )
        print(rows[-1], flush=True)
    print("\n| page | requests/s | p50 ms | p99 ms | stock requests/s | vs stock | queries |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(
            f"| {row['page']} | {row['rps']} | {row['p50_ms']} | {row['p99_ms']} "
            f"| {row['stock_rps']} | {row['vs_stock']} | {row['queries']} |"
        )
    out = Path("var/bench") / f"bench-cohorts-{time.strftime('%Y-%m-%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
