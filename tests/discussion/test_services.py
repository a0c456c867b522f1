"""The discussion's rules: who posts, limits, answers, moderation, reports, notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from courses.discussion import services
from courses.discussion.models import Post, Report
from courses.models import NotificationDelivery
from courses.services.learning import refusal_code
from tests.courses import factories as pages
from tests.discussion.conftest import NOW

Kind = NotificationDelivery.Kind


def start(world, user=None, **kwargs):
    return services.thread_start(
        user=user or world.seoul_learner,
        course=world.course,
        title=kwargs.pop("title", "How do cities buy from cooperatives?"),
        body=kwargs.pop("body", "Our procurement rules say lowest price. Any examples?"),
        language=kwargs.pop("language", "ko"),
        now=kwargs.pop("now", NOW),
        **kwargs,
    )


def reply(world, thread, user, body="Bamako reserves a share for cooperatives.", now=NOW):
    return services.post_reply(user=user, thread=thread, body=body, language="fr", now=now)


def refused(code, call):
    with pytest.raises(ValidationError) as caught:
        call()
    assert refusal_code(caught.value) == code
    return caught.value


def deliveries(kind):
    return set(
        NotificationDelivery.objects.filter(kind=kind).values_list("recipient__email", flat=True)
    )


def test_every_language_version_shares_one_discussion(world):
    french = pages.translate(world.course, "fr")
    thread = services.thread_start(
        user=world.bamako_learner,
        course=french,
        title="Marchés publics",
        body="Bonjour",
        language="fr",
        now=NOW,
    )
    assert thread.course_key == world.course.translation_key
    assert thread.language == "fr"


def test_people_outside_the_course_cannot_post(world):
    for person in (world.other_learner, world.other_trainer, world.outsider):
        refused("not_a_participant", lambda person=person: start(world, user=person))


def test_the_trainer_and_the_secretariat_may_post(world, secretariat):
    start(world, user=world.trainer)
    start(world, user=secretariat)


def test_a_thread_may_be_about_a_module_of_its_course_only(world):
    thread = start(world, module=world.module)
    assert thread.module_key == world.module.translation_key
    stray = pages.module(world.other_course)
    refused("wrong_course", lambda: start(world, module=stray))


def test_length_limits(world):
    refused("no_title", lambda: start(world, title=" a "))
    refused("empty", lambda: start(world, body="   "))
    refused("too_long", lambda: start(world, body="x" * 5001))


def test_posting_is_rate_limited_per_person_with_a_clear_message(world):
    thread = start(world)
    for minute in range(4):
        reply(world, thread, world.seoul_learner, now=NOW + dt.timedelta(minutes=minute))
    error = refused(
        "rate_limited",
        lambda: reply(world, thread, world.seoul_learner, now=NOW + dt.timedelta(minutes=5)),
    )
    assert "10 minutes" in error.messages[0]
    # Someone else may still post; and the same person again once the window has passed.
    reply(world, thread, world.bamako_learner, now=NOW + dt.timedelta(minutes=5))
    reply(world, thread, world.seoul_learner, now=NOW + dt.timedelta(minutes=11))


def test_a_reply_notifies_author_and_participants_not_the_replier_once(world, secretariat):
    thread = start(world)
    reply(world, thread, world.bamako_learner)
    assert deliveries(Kind.DISCUSSION_REPLY) == {world.seoul_learner.email}
    post = reply(world, thread, world.trainer, body="Both of you: see Montreal's policy.")
    assert (
        NotificationDelivery.objects.filter(
            kind=Kind.DISCUSSION_REPLY, subject_key=f"post:{post.pk}"
        ).count()
        == 2
    )
    # Asking again is asking once.
    services._notify(post, now=NOW, replied=True)
    assert NotificationDelivery.objects.filter(subject_key=f"post:{post.pk}").count() == 2


def test_a_mention_of_a_trainer_notifies_that_trainer(world):
    thread = start(world, body="@ana trainer could you explain the threshold?")
    assert deliveries(Kind.DISCUSSION_MENTION) == {world.trainer.email}
    assert thread.posts.count() == 1
    # A trainer of another course is no one to mention here.
    start(world, body="@Otto Other hello")
    assert deliveries(Kind.DISCUSSION_MENTION) == {world.trainer.email}


def test_answer_marked_by_author_or_trainer_only(world):
    thread = start(world)
    first = reply(world, thread, world.bamako_learner)
    second = reply(world, thread, world.trainer)
    refused(
        "not_allowed",
        lambda: services.answer_mark(user=world.bamako_learner, post=first, now=NOW),
    )
    assert services.answer_mark(user=world.seoul_learner, post=first, now=NOW).answer == first
    assert services.answer_mark(user=world.trainer, post=second, now=NOW).answer == second
    question = thread.posts.first()
    refused("not_a_reply", lambda: services.answer_mark(user=world.trainer, post=question, now=NOW))


def test_moderation_by_the_courses_trainer_and_the_secretariat_only(world, secretariat):
    thread = start(world)
    post = reply(world, thread, world.bamako_learner)
    for person in (world.seoul_learner, world.other_trainer, world.outsider):
        refused(
            "not_a_moderator",
            lambda person=person: services.post_hide(user=person, post=post, now=NOW),
        )
        refused(
            "not_a_moderator",
            lambda person=person: services.thread_moderate(
                user=person, thread=thread, action="lock", now=NOW
            ),
        )
    services.post_hide(user=world.trainer, post=post, now=NOW)
    assert Post.objects.get(pk=post.pk).hidden_by == world.trainer
    services.thread_moderate(user=secretariat, thread=thread, action="lock", now=NOW)
    services.thread_moderate(user=world.trainer, thread=thread, action="pin", now=NOW)
    refused("locked", lambda: reply(world, thread, world.seoul_learner))
    services.thread_moderate(user=world.trainer, thread=thread, action="unlock", now=NOW)
    reply(world, thread, world.seoul_learner)


def test_hiding_the_answer_unmarks_it_and_resolves_its_reports(world):
    thread = start(world)
    post = reply(world, thread, world.bamako_learner)
    services.answer_mark(user=world.seoul_learner, post=post, now=NOW)
    report = services.post_report(user=world.seoul_learner, post=post, reason="rude", now=NOW)
    services.post_hide(user=world.trainer, post=post, now=NOW)
    thread.refresh_from_db()
    report.refresh_from_db()
    assert thread.answer is None
    assert report.resolved_by == world.trainer


def test_reporting_twice_is_reporting_once_and_outsiders_cannot(world):
    thread = start(world)
    post = thread.posts.get()
    services.post_report(user=world.bamako_learner, post=post, reason="spam", now=NOW)
    services.post_report(user=world.bamako_learner, post=post, reason="again", now=NOW)
    assert Report.objects.get().reason == "spam"
    refused(
        "not_a_participant",
        lambda: services.post_report(user=world.outsider, post=post, reason="", now=NOW),
    )
