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
import secrets
import sys
import time


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=12)
    arguments = parser.parse_args(argv)

    from tests.benchmarks import side_by_side

    side_by_side.setup()
    from tests.benchmarks import bench_http
    from tests.benchmarks.bench_http import UNCACHED, Target

    with side_by_side.site("cohorts") as where:
        mark = time.perf_counter()
        path, facilitator = generate(arguments.learners)
        print(f"{arguments.learners} learners generated in {time.perf_counter() - mark:.0f} s")
        target = Target(
            "cohort",
            f"cohort view, {arguments.learners} learners",
            path,
            ("Results by city",),
            cookie=bench_http.session_cookie(facilitator),
            server=UNCACHED,
        )
        queries = {target.name: side_by_side.query_count(path, facilitator)}
        rows = side_by_side.measure(where, [target], seconds=arguments.seconds, queries=queries)
    side_by_side.report(rows, "cohorts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
