"""Every write of the discussion: start a thread, reply, mark an answer, moderate (hide,
lock, pin), report abuse and resolve a report. Keyword-only, ``now`` from the caller; a
refusal is a ``ValidationError`` with a code and a sentence a person can act on.

A reply tells the thread's author and the people who posted in it (not the replier) and a
post that mentions one of the course's trainers as "@Name" tells that trainer, through the
delivery engine (``DISCUSSION_REPLY`` / ``DISCUSSION_MENTION``, one row per post and
recipient, so asking twice sends once).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.discussion.formatting import mentioned
from courses.discussion.models import BODY_MAX, TITLE_MAX, Post, Report, Thread
from courses.discussion.permissions import discussion_policy
from courses.discussion.selectors import mention_candidates, participants
from courses.models import CoursePage, ModulePage, NotificationDelivery
from courses.services.notifications import notification_request_many
from courses.services.notifications.rules import delivery_row
from lms.env import env_int, setting_or_env
from lms.models import User

Kind = NotificationDelivery.Kind

RATE_WINDOW = dt.timedelta(minutes=10)


def rate_limit() -> int:
    """Posts one person may write in ``RATE_WINDOW`` (``DISCUSSION_POSTS_PER_10_MINUTES``)."""
    return int(setting_or_env("DISCUSSION_POSTS_PER_10_MINUTES", 5, env_int))


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _check_text(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise _refuse(_("Write something before posting."), "empty")
    if len(body) > BODY_MAX:
        raise _refuse(
            _("A post can be at most %(limit)s characters long; this one has %(length)s.")
            % {"limit": BODY_MAX, "length": len(body)},
            "too_long",
        )
    return body


def _check_rate(user: User, now: dt.datetime) -> None:
    limit = rate_limit()
    recent = Post.objects.filter(author=user, created_at__gt=now - RATE_WINDOW).count()
    if recent >= limit:
        raise _refuse(
            ngettext(
                "You have posted %(count)s time in the last 10 minutes, the most we allow. "
                "Please wait a few minutes and post again: your text is kept below.",
                "You have posted %(count)s times in the last 10 minutes, the most we allow. "
                "Please wait a few minutes and post again: your text is kept below.",
                recent,
            )
            % {"count": recent},
            "rate_limited",
        )


def _check_may_post(user: User, course_key=None, *, thread: Thread | None = None, cohort=None):
    if thread is not None:
        standing = discussion_policy.thread_standing(user, thread)
    elif cohort is not None:
        standing = discussion_policy.cohort_standing(user, cohort)
    else:
        standing = discussion_policy.standing(user, course_key)
    if not standing.may_post:
        raise _refuse(
            _("This discussion is for the course's learners, its trainers and the Secretariat."),
            "not_a_participant",
        )


def _notify(post: Post, *, now: dt.datetime, replied: bool) -> None:
    """Rows for the reply and mention e-mails of ``post`` (a mention wins over a reply)."""
    thread = post.thread
    trainers = mention_candidates(thread)
    named = mentioned(post.body, [trainer.full_name for trainer in trainers])
    mentioned_people = [t for t in trainers if t.full_name in named and t.pk != post.author_id]
    rows = [
        delivery_row(
            kind=Kind.DISCUSSION_MENTION,
            recipient=person,
            subject_key=f"post:{post.pk}",
            slot="",
            now=now,
            urgent=True,
        )
        for person in mentioned_people
    ]
    if replied:
        told = {person.pk for person in mentioned_people} | {post.author_id}
        rows += [
            delivery_row(
                kind=Kind.DISCUSSION_REPLY,
                recipient=person,
                subject_key=f"post:{post.pk}",
                slot="",
                now=now,
                urgent=True,
            )
            for person in participants(thread)
            if person.pk not in told
        ]
    if rows:
        notification_request_many(rows=rows, now=now)


@transaction.atomic
def thread_start(
    *,
    user: User,
    course: CoursePage,
    title: str,
    body: str,
    language: str,
    now: dt.datetime,
    module: ModulePage | None = None,
    cohort=None,
) -> Thread:
    """Open a thread in ``course``'s discussion (every language version shares it), or in
    its ``cohort``'s own, optionally about one of its modules."""
    if cohort is not None and cohort.course_key != course.translation_key:
        raise _refuse(_("That cohort does not run this course."), "wrong_course")
    _check_may_post(user, course.translation_key, cohort=cohort)
    title = " ".join((title or "").split())
    if len(title) < 3:
        raise _refuse(_("Give your thread a title of at least 3 characters."), "no_title")
    if len(title) > TITLE_MAX:
        raise _refuse(
            _("A title can be at most %(limit)s characters long.") % {"limit": TITLE_MAX},
            "too_long",
        )
    body = _check_text(body)
    if module is not None and not module.path.startswith(course.path):
        raise _refuse(_("That module is not part of this course."), "wrong_course")
    _check_rate(user, now)
    thread = Thread.objects.create(
        course_key=course.translation_key,
        course_page=course,
        cohort=cohort,
        module_key=module.translation_key if module else None,
        module_page=module,
        author=user,
        title=title,
        language=language,
        created_at=now,
        last_post_at=now,
    )
    post = Post.objects.create(
        thread=thread, author=user, body=body, language=language, created_at=now
    )
    _notify(post, now=now, replied=False)
    return thread


@transaction.atomic
def post_reply(*, user: User, thread: Thread, body: str, language: str, now: dt.datetime) -> Post:
    """Reply to ``thread``: refused when it is locked, past the rate limit or too long."""
    _check_may_post(user, thread=thread)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked:
        raise _refuse(_("This thread is locked: a moderator closed it to new replies."), "locked")
    body = _check_text(body)
    _check_rate(user, now)
    post = Post.objects.create(
        thread=thread, author=user, body=body, language=language, created_at=now
    )
    Thread.objects.filter(pk=thread.pk).update(last_post_at=now)
    _notify(post, now=now, replied=True)
    return post


@transaction.atomic
def answer_mark(*, user: User, post: Post, now: dt.datetime, unmark: bool = False) -> Thread:
    """The thread's author or a moderator of the course marks ``post`` as the answer (one
    per thread: marking another replaces it), or takes the mark away."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    standing = discussion_policy.thread_standing(user, thread)
    if not (standing.may_moderate or (standing.may_read and thread.author_id == user.pk)):
        raise _refuse(
            _("Only the person who started the thread or a trainer can mark the answer."),
            "not_allowed",
        )
    if post.pk == thread.posts.order_by("created_at", "pk").values_list("pk", flat=True)[0]:
        raise _refuse(_("The question itself cannot be its answer."), "not_a_reply")
    if post.is_hidden and not unmark:
        raise _refuse(_("A hidden post cannot be the answer."), "hidden")
    if unmark:
        if thread.answer_id == post.pk:
            thread.answer = None
    else:
        thread.answer = post
    thread.save(update_fields=["answer"])
    return thread


def _check_moderator(user: User, thread: Thread) -> None:
    if not discussion_policy.thread_standing(user, thread).may_moderate:
        raise _refuse(
            _("Only the course's trainers and the Secretariat moderate its discussion."),
            "not_a_moderator",
        )


@transaction.atomic
def post_hide(*, user: User, post: Post, now: dt.datetime, unhide: bool = False) -> Post:
    """Hide a post from everyone but the moderators (or show it again); idempotent. A
    hidden answer stops being the answer. Open reports about it are resolved."""
    thread = post.thread
    _check_moderator(user, thread)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if unhide:
        post.hidden_at, post.hidden_by = None, None
    elif post.hidden_at is None:
        post.hidden_at, post.hidden_by = now, user
        Thread.objects.filter(pk=thread.pk, answer=post).update(answer=None)
        Report.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=user
        )
    post.save(update_fields=["hidden_at", "hidden_by"])
    return post


MODERATION_ACTIONS = {
    "lock": ("locked_at", True),
    "unlock": ("locked_at", False),
    "pin": ("pinned_at", True),
    "unpin": ("pinned_at", False),
}


@transaction.atomic
def thread_moderate(*, user: User, thread: Thread, action: str, now: dt.datetime) -> Thread:
    """Lock or unlock a thread to replies, pin or unpin it above the others; idempotent."""
    _check_moderator(user, thread)
    if action not in MODERATION_ACTIONS:
        raise _refuse(_("Unknown moderation action."), "bad_action")
    field, on = MODERATION_ACTIONS[action]
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if on and getattr(thread, field) is None:
        setattr(thread, field, now)
    elif not on:
        setattr(thread, field, None)
    thread.save(update_fields=[field])
    return thread


def post_report(*, user: User, post: Post, reason: str, now: dt.datetime) -> Report:
    """Anyone taking part in the discussion reports a post to its moderators (reporting
    again keeps the first report)."""
    if not discussion_policy.thread_standing(user, post.thread).may_read:
        raise _refuse(
            _("This discussion is for the course's learners, its trainers and the Secretariat."),
            "not_a_participant",
        )
    reason = " ".join((reason or "").split())[:500]
    try:
        with transaction.atomic():
            return Report.objects.create(post=post, reporter=user, reason=reason, created_at=now)
    except IntegrityError:
        return Report.objects.get(post=post, reporter=user)


@transaction.atomic
def report_resolve(*, user: User, report: Report, now: dt.datetime) -> Report:
    """A moderator closes a report (hiding the post is ``post_hide``); idempotent."""
    _check_moderator(user, report.post.thread)
    if report.resolved_at is None:
        report.resolved_at, report.resolved_by = now, user
        report.save(update_fields=["resolved_at", "resolved_by"])
    return report
