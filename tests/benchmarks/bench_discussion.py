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
import json
import logging
import os
import secrets
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path


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
    parser.add_argument("--replies", type=int, default=500)
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
    with (
        tempfile.TemporaryDirectory(prefix="gsef-bench-discussion-") as scratch,
        ExitStack() as stack,
    ):
        stock = stack.enter_context(stock_wagtail.stock_wagtail(scratch))
        template = stack.enter_context(databases.migrated_template())
        environment = bench_http.server_environment(
            database_url=databases.url_for(template),
            static_root=str(Path(scratch) / "static"),
            var_dir=scratch,
        )
        bench_http.collect_static(environment)
        name = stack.enter_context(databases.sized_database(template, "discussion"))
        environment["DATABASE_URL"] = databases.url_for(name)
        mark = time.perf_counter()
        paths, learner = generate(arguments.replies)
        print(f"{arguments.replies} replies generated in {time.perf_counter() - mark:.0f} s")
        cookie = bench_http.session_cookie(learner)
        stock_target = Target(
            "stock", "stock Wagtail home", stock.path, (stock.marker,), server=STOCK
        )
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
        queries = {target.name: query_count(target.path, learner) for target in targets}
        script = stack.enter_context(tempfile.NamedTemporaryFile("w", suffix=".lua"))
        script.write(bench_http.WRK_SCRIPT)
        script.flush()
        servers = {
            STOCK: stack.enter_context(
                Server(stock.environment, wsgi=stock.wsgi, directory=stock.directory)
            ),
            UNCACHED: stack.enter_context(Server({**environment, "PAGE_CACHE_SECONDS": "0"})),
        }
        for each in (stock_target, *targets):
            bench_http.check_page(servers[each.server], each)

        def timed(each):
            return bench_http.measure(
                servers[each.server], each, seconds=arguments.seconds, script=script.name
            )

        for target in targets:
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
                    "queries": queries[target.name],
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
    out = Path("var/bench") / f"bench-discussion-{time.strftime('%Y-%m-%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
