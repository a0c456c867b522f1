"""A discussion thread with 500 replies, read by a logged-in learner, served the
production way, as a ratio to the stock Wagtail page (a fresh ``wagtail start`` home page,
``stock_wagtail``).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef_bench \\
        .venv/bin/python -m tests.benchmarks.bench_discussion [--replies 500] [--seconds 12]

On a migrated copy of the schema (``databases``): a course with a module, 40 learners
enrolled, one thread about the module with ``--replies`` replies (links and line breaks in
every one, a few hidden, an answer marked) and a learner's session; then two gunicorns as
in ``bench_http`` (the stock page, and ours with the page cache off: logged-in pages are
never cached) and ``wrk``. Measured, each between two stock runs: the thread's first page
(50 posts), its last page (``?page=last``, where a reply leads) and the course's
discussion (the list of threads, 200 of them). Queries per request are counted in this
process. Numbers: docs/benchmarks.md, "Discussion".
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time


def generate(replies: int):
    """A thread of ``replies`` replies; returns (paths to measure, the reading learner)."""
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from courses.discussion.models import Post, Thread
    from courses.models import CourseIndexPage, CoursePage, Enrolment, ModulePage
    from lms.models import User

    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    catalogue = CourseIndexPage.objects.filter(locale__language_code="en").first()
    if catalogue is None:
        from cms.models import HomePage

        catalogue = CourseIndexPage(title="Courses", slug="courses")
        HomePage.objects.get(locale__language_code="en").add_child(instance=catalogue)
    course = CoursePage(title="Public procurement", slug="public-procurement", summary="S.")
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    module = ModulePage(title="Social clauses", slug="social-clauses")
    course.add_child(instance=module)
    module.save_revision().publish()
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(email=f"learner{n}@bench.example", full_name=f"Learner {n}", password="!")
            for n in range(40)
        ]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=user,
                course_key=course.translation_key,
                course_page=course,
                source="self",
                enrolled_at=now,
            )
            for user in users
        ]
    )
    threads = Thread.objects.bulk_create(
        [
            Thread(
                course_key=course.translation_key,
                course_page=course,
                module_key=module.translation_key,
                module_page=module,
                author=users[n % 40],
                title=f"Question {n} about social clauses",
                language=("en", "fr", "es", "ko")[n % 4],
                created_at=now - dt.timedelta(hours=n),
                last_post_at=now - dt.timedelta(minutes=n),
            )
            for n in range(200)
        ]
    )
    Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                author=thread.author,
                body="The question.",
                language="en",
                created_at=thread.created_at,
            )
            for thread in threads
        ]
    )
    thread = threads[0]
    posts = Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                author=users[n % 40],
                body=(
                    f"Reply {n}: in our city the threshold is {n * 1000} euros.\n"
                    f"See https://example.org/procurement/{n} and <b>our guide</b>."
                ),
                language=("en", "fr", "es", "ko")[n % 4],
                created_at=thread.created_at + dt.timedelta(minutes=n + 1),
                hidden_at=now if n % 97 == 5 else None,
            )
            for n in range(replies)
        ]
    )
    Thread.objects.filter(pk=thread.pk).update(answer=posts[3])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    thread_path = reverse("discussion:thread", args=[thread.pk])
    paths = {
        "first": thread_path,
        "last": f"{thread_path}?page=last",
        "list": reverse("discussion:course", args=[course.pk]),
    }
    return paths, users[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=12)
    arguments = parser.parse_args(argv)

    from tests.benchmarks import side_by_side

    side_by_side.setup()
    from tests.benchmarks import bench_http
    from tests.benchmarks.bench_http import UNCACHED, Target

    with side_by_side.site("discussion") as where:
        mark = time.perf_counter()
        paths, learner = generate(arguments.replies)
        print(f"{arguments.replies} replies generated in {time.perf_counter() - mark:.0f} s")
        cookie = bench_http.session_cookie(learner)
        targets = [
            Target(
                "thread-first",
                f"thread of {arguments.replies} replies, first page",
                paths["first"],
                ("Reply 48:",),
                cookie=cookie,
                server=UNCACHED,
            ),
            Target(
                "thread-last",
                f"thread of {arguments.replies} replies, last page",
                paths["last"],
                (f"Reply {arguments.replies - 1}:",),
                cookie=cookie,
                server=UNCACHED,
            ),
            Target(
                "course-discussion",
                "course discussion, 200 threads (first 25)",
                paths["list"],
                ("Question 1 about",),
                cookie=cookie,
                server=UNCACHED,
            ),
        ]
        queries = {t.name: side_by_side.query_count(t.path, learner) for t in targets}
        rows = side_by_side.measure(where, targets, seconds=arguments.seconds, queries=queries)
    side_by_side.report(rows, "discussion")
    return 0


if __name__ == "__main__":
    sys.exit(main())
