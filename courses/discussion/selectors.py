"""Reads of the discussion: a course's threads, one thread's posts, the course's trainers
(whom a post may mention), a digest's new posts. Each returns what its page needs already
fetched, in a number of queries that does not grow with the threads or the posts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from courses.discussion.models import Post, Thread
from courses.models import CoursePage, Enrolment
from courses.permissions import original_courses
from lms.models import User

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 50


def course_version(course_key: UUID, language: str, fallback: CoursePage | None = None):
    """The live course in ``language`` when there is one, else ``fallback``, else any
    live version (one query)."""
    pages = list(
        CoursePage.objects.live().filter(translation_key=course_key).select_related("locale")
    )
    for page in pages:
        if page.locale.language_code == language:
            return page
    if fallback is not None and fallback.live:
        return fallback
    return pages[0] if pages else fallback


def course_threads(
    *, course_key: UUID, module_key: UUID | None = None, cohort=None
) -> QuerySet[Thread]:
    """A course's threads (or its ``cohort``'s own), pinned first then the most recently
    active, each with its author, module and number of replies (one query per page)."""
    threads = Thread.objects.filter(course_key=course_key, cohort=cohort)
    if module_key is not None:
        threads = threads.filter(module_key=module_key)
    # The replies counted by a subquery per row (not a join and GROUP BY over every
    # column), so the paginator's COUNT leaves it out; the module's title only.
    replies = (
        Post.objects.filter(thread=OuterRef("pk"))
        .order_by()
        .values("thread")
        .annotate(count=Count("*"))
        .values("count")
    )
    return (
        threads.select_related("author")
        .annotate(
            replies=Coalesce(Subquery(replies), 1) - 1,
            module_title=F("module_page__title"),
        )
        .order_by(F("pinned_at").desc(nulls_last=True), "-last_post_at", "-pk")
    )


def thread_posts(thread: Thread) -> QuerySet[Post]:
    """The posts of ``thread`` in order, with their author (one query a page)."""
    return thread.posts.select_related("author").order_by("created_at", "pk")


def post_page_number(thread: Thread, post_id: int, per_page: int) -> int:
    """The page of ``thread`` that holds post ``post_id`` (1 when it is not there)."""
    post = thread.posts.filter(pk=post_id).values("created_at", "pk").first()
    if post is None:
        return 1
    before = thread.posts.filter(
        Q(created_at__lt=post["created_at"]) | Q(created_at=post["created_at"], pk__lt=post["pk"])
    ).count()
    return before // per_page + 1


def course_trainers(course_key: UUID) -> list[User]:
    """The trainers of a course (named on its original version): whom a post may mention."""
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=original_courses().filter(translation_key=course_key).values("trainers"),
        ).order_by("full_name", "pk")
    )


def my_cohorts(user: User, course_key: UUID):
    """The cohorts of a course whose own discussion ``user`` takes part in (as a member or
    a facilitator), for links from the course's discussion."""
    from courses.cohorts.models import Cohort

    return (
        Cohort.objects.filter(course_key=course_key)
        .filter(Q(members__user=user) | Q(facilitators=user))
        .distinct()
        .order_by("starts_on", "pk")
    )


def cohort_facilitators(cohort) -> list[User]:
    return list(
        User.objects.filter(facilitated_cohorts=cohort, is_active=True).order_by("full_name", "pk")
    )


def mention_candidates(thread: Thread) -> list[User]:
    """Whom a post in ``thread`` may mention: the cohort's facilitators in a cohort's
    discussion, else the course's trainers."""
    if thread.cohort_id is not None:
        return cohort_facilitators(thread.cohort)
    return course_trainers(thread.course_key)


def participants(thread: Thread) -> QuerySet[User]:
    """The thread's author and everyone who posted in it, still with an account."""
    return User.objects.filter(
        Q(pk=thread.author_id) | Q(discussion_posts__thread=thread), is_active=True
    ).distinct()


@dataclass(frozen=True)
class DigestThread:
    thread: Thread
    new_posts: int


def digest_threads(*, user: User, since: dt.datetime, until: dt.datetime) -> list[DigestThread]:
    """Threads of the courses ``user`` takes part in (learner or trainer) with visible posts
    by others between ``since`` and ``until``, most active first (one query, two with
    the taught courses)."""
    from courses.permissions import taught_course_keys

    keys = Enrolment.objects.current().filter(user=user).values("course_key")
    condition = Q(cohort__isnull=True) & (
        Q(course_key__in=keys) | Q(course_key__in=taught_course_keys(user=user))
    )
    condition |= Q(cohort__members__user=user) | Q(cohort__facilitators=user)
    new = Q(
        posts__created_at__gte=since,
        posts__created_at__lt=until,
        posts__hidden_at__isnull=True,
    ) & ~Q(posts__author=user)
    rows = (
        Thread.objects.filter(pk__in=Thread.objects.filter(condition).values("pk"))
        .annotate(new_posts=Count("posts", filter=new))
        .filter(new_posts__gt=0)
        .select_related("course_page")
        .order_by("-new_posts", "-last_post_at")[:20]
    )
    return [DigestThread(thread=row, new_posts=row.new_posts) for row in rows]


def digest_candidates(*, since: dt.datetime, until: dt.datetime) -> QuerySet[User]:
    """People who may have something in their digest: learners and trainers of the courses
    with visible posts in the window. The digest itself says whether any are by others."""
    fresh = Post.objects.filter(
        created_at__gte=since, created_at__lt=until, hidden_at__isnull=True
    ).values("thread__course_key")
    learners = Enrolment.objects.current().filter(course_key__in=fresh).values("user_id")
    trainers = original_courses().filter(translation_key__in=fresh).values("trainers")
    return User.objects.filter(Q(pk__in=learners) | Q(pk__in=trainers), is_active=True)
