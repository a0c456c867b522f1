"""Benchmark of the evaluation results at 1,000 and 10,000 responses to one course.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_bench \\
        .venv/bin/python -m tests.benchmarks.bench_evaluation

Uses Django with ``tests.settings``. Creates a throw-away test database next to the one
``DATABASE_URL`` names (dropped at the end), writes completed enrolments across 64
organisations with an end-of-course response each (five answers: two ratings, two
options, one text) with bulk_create, then prints the median time and query count of
what the results page reads (``evaluation_results``, by organisation, by cohort) and of
reading every response for an export, over 10 runs at each size.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

from tests.benchmarks.bench_reports import _measure

SIZES = (1_000, 10_000)
RUNS = 10


def _grow(*, course, form, organisations, start: int, count: int) -> None:
    from courses.evaluation.models import Answer, Purpose, Response
    from courses.models import Enrolment
    from lms.models import User

    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    users = User.objects.bulk_create(
        User(email=f"eval{n}@bench.example", full_name=f"Learner {n}")
        for n in range(start, start + count)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            user=user,
            course_key=course.translation_key,
            course_page=course,
            organisation=organisations[n % len(organisations)],
            enrolled_at=now - dt.timedelta(days=30),
            status=Enrolment.Status.COMPLETED,
            completed_at=now,
        )
        for n, user in enumerate(users)
    )
    responses = Response.objects.bulk_create(
        Response(
            enrolment=enrolment,
            user_id=enrolment.user_id,
            course_key=course.translation_key,
            purpose=Purpose.END_OF_COURSE,
            questionnaire=form,
            questionnaire_key=form.translation_key,
            organisation_id=enrolment.organisation_id,
            language="en",
            submitted_at=now,
        )
        for enrolment in enrolments
    )
    ids = [block.id for block in form.questions]
    Answer.objects.bulk_create(
        answer
        for n, response in enumerate(responses)
        for answer in (
            Answer(response=response, question_id=ids[0], rating=1 + n % 5),
            Answer(response=response, question_id=ids[1], option=n % 3),
            Answer(response=response, question_id=ids[1], option=(n + 1) % 3),
            Answer(response=response, question_id=ids[2], text=f"Comment {n}"),
        )
    )


def measure(*, course, form, runs: int = RUNS) -> list[dict]:
    from courses.evaluation.models import Purpose, Response
    from courses.evaluation.selectors import (
        evaluation_results,
        export_rows,
        results_by_cohort,
        results_by_organisation,
    )
    from courses.models import Enrolment

    responses = Response.objects.filter(
        course_key=course.translation_key, purpose=Purpose.END_OF_COURSE
    )
    eligible = Enrolment.objects.filter(course_key=course.translation_key, status="completed")
    count = responses.count()

    def page():
        evaluation_results(
            responses=responses, eligible=eligible, questionnaire=form, free_text=True
        )
        results_by_organisation(responses=responses)
        results_by_cohort(responses=responses)

    def export():
        for row in export_rows(responses=responses).iterator(chunk_size=2000):
            list(row.answers.all())

    return [
        _measure(f"Results page figures, {count:,} responses", page, runs=runs),
        _measure(f"Every response with its answers (export), {count:,}", export, runs=runs),
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
        from tests.benchmarks import dataset
        from tests.courses import factories
        from tests.evaluation.helpers import questionnaire

        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        organisations = dataset.organisations(64)
        course = factories.course("Evaluated course")
        form = questionnaire()
        done = 0
        for size in SIZES:
            started = time.perf_counter()
            _grow(
                course=course, form=form, organisations=organisations, start=done, count=size - done
            )
            done = size
            print(f"{size:,} responses written in {time.perf_counter() - started:.1f} s")
            measure(course=course, form=form)
    finally:
        runner.teardown_databases(old_config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
