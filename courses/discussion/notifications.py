"""The discussion's e-mails in the delivery engine (courses.services.notifications calls
these): what a reply, mention or digest message says, why one no longer makes sense at
send time, and the daily digest's decider.

- ``DISCUSSION_REPLY`` / ``DISCUSSION_MENTION``: subject ``post:<id>``, asked by the
  services when the post is written.
- ``DISCUSSION_DIGEST``: subject ``user:<id>``, slot = the recipient's local date, due at
  ``DIGEST_TIME`` there; it lists the threads of their courses with posts by others in the
  24 hours before, and is skipped at send time when there are none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from courses.dates import user_time_zone
from courses.discussion.models import Post
from courses.discussion.permissions import discussion_policy
from courses.discussion.selectors import course_version, digest_candidates, digest_threads
from courses.models import NotificationDelivery
from courses.services.notifications.rules import DecidedRow, delivery_row
from lms.urls_absolute import absolute_url

Kind = NotificationDelivery.Kind
KINDS = frozenset({Kind.DISCUSSION_REPLY, Kind.DISCUSSION_MENTION, Kind.DISCUSSION_DIGEST})
DIGEST_TIME = dt.time(18, 0)
DIGEST_SPAN = dt.timedelta(hours=24)
EXCERPT = 600


def _post_of(delivery: NotificationDelivery) -> Post | None:
    pk = delivery.subject_key.partition(":")[2]
    if not pk.isdigit():
        return None
    return Post.objects.select_related("thread", "author").filter(pk=pk).first()


def _thread_url(thread, post=None) -> str:
    path = reverse("discussion:thread", args=[thread.pk])
    return absolute_url(path + (f"?post={post.pk}#post-{post.pk}" if post else ""))


def discussion_context(delivery: NotificationDelivery, language: str) -> dict:
    """The template values of a discussion message (rendered in ``language``, active)."""
    if delivery.kind == Kind.DISCUSSION_DIGEST:
        rows = digest_threads(
            user=delivery.recipient, since=delivery.due_at - DIGEST_SPAN, until=delivery.due_at
        )
        lines = []
        for row in rows:
            course = course_version(row.thread.course_key, language, row.thread.course_page)
            lines.append(
                {
                    "title": row.thread.title,
                    "course_title": course.title if course else "",
                    "new_posts": row.new_posts,
                    "url": _thread_url(row.thread),
                }
            )
        return {"digest_threads": lines}
    post = _post_of(delivery)
    thread = post.thread
    course = course_version(thread.course_key, language, thread.course_page)
    excerpt = post.body if len(post.body) <= EXCERPT else post.body[:EXCERPT].rstrip() + "…"
    return {
        "post": post,
        "thread": thread,
        "author_name": post.author.full_name if post.author else "",
        "course_title": course.title if course else "",
        "excerpt": excerpt,
        "thread_url": _thread_url(thread, post),
    }


def discussion_skip_reason(delivery: NotificationDelivery, now: dt.datetime) -> str:
    """Why a discussion message no longer makes sense at send time, or ""."""
    user = delivery.recipient
    if delivery.kind == Kind.DISCUSSION_DIGEST:
        since = delivery.due_at - DIGEST_SPAN
        if not digest_threads(user=user, since=since, until=delivery.due_at):
            return "nothing new in the discussions"
        return ""
    post = _post_of(delivery)
    if post is None:
        return "post deleted"
    if post.hidden_at is not None:
        return "post hidden by a moderator"
    if not discussion_policy.thread_standing(user, post.thread).may_read:
        return "no longer in the discussion"
    return ""


def decide_digests(now: dt.datetime, rules, batch_size: int) -> Iterator[list[DecidedRow]]:
    """Once a day per person, at ``DIGEST_TIME`` in their zone, when the courses they take
    part in have posts of the last day (by others: checked again at send time)."""
    people = digest_candidates(since=now - DIGEST_SPAN - dt.timedelta(hours=1), until=now)
    last = 0
    while True:
        batch = list(people.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        last = batch[-1].pk
        rows = []
        for user in batch:
            zone = user_time_zone(user)
            local = now.astimezone(zone)
            if local.time() < DIGEST_TIME:
                continue
            due = dt.datetime.combine(local.date(), DIGEST_TIME, tzinfo=zone)
            rows.append(
                delivery_row(
                    kind=Kind.DISCUSSION_DIGEST,
                    recipient=user,
                    subject_key=f"user:{user.pk}",
                    slot=local.date().isoformat(),
                    now=now,
                    due_at=due.astimezone(dt.UTC),
                )
            )
        yield rows
