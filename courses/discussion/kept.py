"""A thread's page and a course's discussion page, rendered once per state and kept.

Reading is most of a discussion's traffic, and between two posts every reader of a
thread's page sees the same HTML but for a few things of their own. So the page's
content is kept in the shared cache (``cms.kept_html``) under a key made of:

- what the reader may do there: moderate, mark the answer;
- the page's number, the language and the site shell's generation (course and module
  pages);
- the number of posts (read with the thread) and the *state* of the page, one query
  (PostgreSQL): the md5 of the thread's row, its cohort's, of each post of the page with
  its author's name, of which of them are the reader's (no "Report" link on one's own
  posts), and of the names of the course's trainers and the cohort's facilitators. A
  reply, a hidden post, a marked answer, a lock, a renamed author or a new trainer
  gives another key, however the change was made.

A course's list of threads is kept the same way, under the md5 of the course's (or
cohort's) threads with their authors' names and the number and last of their posts,
and of the reader's own cohorts of the course. A form sent back with errors is
rendered, not kept. Elsewhere than PostgreSQL nothing is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache as once

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from cms import shell_cache
from courses.permissions import taught_course_keys
from lms.queries import raw_once

TAUGHT_KEPT = 5000  # people whose taught courses each process remembers


def keeps() -> bool:
    return connection.vendor == "postgresql"


def _quoted(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _people(course_key: str, cohort_id: str) -> str:
    """SQL: the md5s of the name and standing of the course's trainers (any version) and
    the cohort's facilitators: whom a post may mention, and the "Trainer" badges."""
    from wagtail.models import Page

    from courses.cohorts.models import Cohort
    from courses.models import CoursePage
    from lms.models import User

    quote = connection.ops.quote_name
    trainers = CoursePage.trainers.field
    facilitators = Cohort.facilitators.field
    return (
        f"(SELECT string_agg(md5(u.full_name || u.is_active::text), ',' ORDER BY u.id)"  # noqa: S608 (quoted names)
        f" FROM {_quoted(User)} u WHERE u.id IN (SELECT ct.{quote(trainers.m2m_reverse_name())}"
        f" FROM {quote(trainers.m2m_db_table())} ct JOIN {_quoted(Page)} pg"
        f" ON pg.id = ct.{quote(trainers.m2m_column_name())}"
        f" WHERE pg.translation_key = {course_key})"
        f" OR u.id IN (SELECT f.{quote(facilitators.m2m_reverse_name())}"
        f" FROM {quote(facilitators.m2m_db_table())} f"
        f" WHERE f.{quote(facilitators.m2m_column_name())} = {cohort_id}))"
    )


def with_state(threads: QuerySet, *, user_id: int) -> QuerySet:
    """``threads`` with each thread's ``post_count`` and whether person ``user_id`` is
    ``reader_enrolled`` in its course, read by the same query."""
    from courses.discussion.models import Post
    from courses.discussion.permissions import enrolled_course_keys

    thread, post = _quoted(threads.model), _quoted(Post)
    return threads.annotate(
        post_count=RawSQL(  # noqa: S611 (quoted table names)
            f"SELECT count(*) FROM {post} p WHERE p.thread_id = {thread}.id",  # noqa: S608
            (),
        ),
        reader_enrolled=Exists(
            enrolled_course_keys(user_id).filter(course_key=OuterRef("course_key"))
        ),
    )


def read_thread(thread_id: int, *, user):
    """The thread ``thread_id`` ``with_state`` for ``user``, or None; its SQL compiled once
    per process (``lms.queries.raw_once``): its author and cohort are read when used."""
    from courses.discussion.models import Thread

    def build(values):
        return with_state(Thread.objects.filter(pk=values["thread"]), user_id=values["user"])

    rows = raw_once("discussion-thread", build, {"thread": thread_id, "user": user.pk})
    return rows[0] if rows else None


def thread_page_state(thread, *, offset: int, limit: int, user) -> str | None:
    """The md5 of the thread's row, its cohort's, the page's posts (``limit`` from
    ``offset``, in the thread's order) with their authors' names, which of them are
    ``user``'s, and the people one may mention (one query); None elsewhere than
    PostgreSQL."""
    if not keeps():
        return None
    parameters = {
        "thread": thread.pk,
        "cohort": thread.cohort_id,
        "course": thread.course_key,
        "user": user.pk,
        "limit": limit,
        "offset": offset,
    }
    with connection.cursor() as cursor:
        cursor.execute(_thread_page_sql(), parameters)
        return cursor.fetchone()[0]


@once
def _thread_page_sql() -> str:
    from courses.cohorts.models import Cohort
    from courses.discussion.models import Post, Thread
    from lms.models import User

    table, post, cohort, person = (_quoted(m) for m in (Thread, Post, Cohort, User))
    return (
        "SELECT md5(concat_ws('|',"  # noqa: S608 (quoted table names; values are parameters)
        f" (SELECT md5(t::text) FROM {table} t WHERE t.id = %(thread)s),"
        f" (SELECT md5(c::text) FROM {cohort} c WHERE c.id = %(cohort)s),"
        " (SELECT string_agg(md5(p::text || coalesce(u.full_name, '')), ','"
        " ORDER BY p.created_at, p.id) || ':' || coalesce(string_agg(p.id::text, ',')"
        " FILTER (WHERE p.author_id = %(user)s), '')"
        f" FROM (SELECT id FROM {post} WHERE thread_id = %(thread)s ORDER BY created_at, id"
        f" LIMIT %(limit)s OFFSET %(offset)s) page JOIN {post} p ON p.id = page.id"
        f" LEFT JOIN {person} u ON u.id = p.author_id),"
        f" {_people('%(course)s', '%(cohort)s')}))"
    )


@dataclass(frozen=True)
class CourseState:
    md5: str
    enrolled: bool  # whether the reader is enrolled in the course (not withdrawn)


def course_state(*, course_key, cohort_id, user) -> CourseState | None:
    """The md5 of a course's (or its cohort's) threads, their authors' names, the count
    and the last of their posts, the cohort, ``user``'s cohorts of the course and the
    people one may mention, and whether ``user`` is enrolled (one query); None elsewhere
    than PostgreSQL."""
    if not keeps():
        return None
    from courses.models import Enrolment

    with connection.cursor() as cursor:
        cursor.execute(
            _course_sql(in_cohort=cohort_id is not None),
            {
                "course": course_key,
                "cohort": cohort_id,
                "user": user.pk,
                "withdrawn": Enrolment.Status.WITHDRAWN,
            },
        )
        return CourseState(*cursor.fetchone())


@once
def _course_sql(*, in_cohort: bool) -> str:
    from courses.cohorts.models import Cohort, CohortMember
    from courses.discussion.models import Post, Thread
    from courses.models import Enrolment
    from lms.models import User

    thread, post, cohort, member, person = (
        _quoted(m) for m in (Thread, Post, Cohort, CohortMember, User)
    )
    quote = connection.ops.quote_name
    field = Cohort.facilitators.field
    facilitators = quote(field.m2m_db_table())
    facilitator, of = quote(field.m2m_reverse_name()), quote(field.m2m_column_name())
    of_cohort = "t.cohort_id = %(cohort)s" if in_cohort else "t.cohort_id IS NULL"
    # Enrolment.objects.current(): every status but withdrawn.
    enrolled = (
        f"SELECT 1 FROM {_quoted(Enrolment)} e WHERE e.user_id = %(user)s"  # noqa: S608 (quoted name)
        " AND e.course_key = %(course)s AND e.status <> %(withdrawn)s"
    )
    return (
        "SELECT md5(concat_ws('|',"  # noqa: S608 (quoted table names; values are parameters)
        f" (SELECT md5(c::text) FROM {cohort} c WHERE c.id = %(cohort)s),"
        f" (SELECT string_agg(md5(t::text || coalesce(u.full_name, '')), ',' ORDER BY t.id)"
        f" FROM {thread} t LEFT JOIN {person} u ON u.id = t.author_id"
        f" WHERE t.course_key = %(course)s AND {of_cohort}),"
        f" (SELECT count(*) || ':' || coalesce(max(p.id), 0) FROM {post} p JOIN {thread} t"
        f" ON t.id = p.thread_id WHERE t.course_key = %(course)s AND {of_cohort}),"
        f" (SELECT string_agg(md5(c::text), ',' ORDER BY c.id) FROM {cohort} c"
        f" WHERE c.course_key = %(course)s AND (c.id IN (SELECT cohort_id FROM {member}"
        f" WHERE user_id = %(user)s) OR c.id IN (SELECT {of} FROM {facilitators}"
        f" WHERE {facilitator} = %(user)s))),"
        f" {_people('%(course)s', '%(cohort)s')})), EXISTS ({enrolled})"
    )


def remembered_taught_course_keys(user) -> frozenset:
    """``taught_course_keys``, remembered per person in each process until a page changes
    (trainers are named on the course pages: a change is a publication)."""
    return shell_cache.remember_recent(
        "taught-course-keys",
        user.pk,
        lambda: taught_course_keys(user=user),
        most=TAUGHT_KEPT,
    )
