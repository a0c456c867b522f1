"""Reply, mention and digest e-mails through the delivery engine: each recipient in their
language, once; hidden posts and people who left are skipped; the digest only when there
is something new by others."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from courses.discussion import services
from courses.models import NotificationDelivery
from courses.services.notifications import notification_send, notifications_sweep
from tests.discussion.conftest import NOW

Kind = NotificationDelivery.Kind


@pytest.fixture
def send_on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def start(world, user, body="Question?", now=NOW):
    return services.thread_start(
        user=user, course=world.course, title="Procurement", body=body, language="ko", now=now
    )


def test_each_reply_e_mail_is_in_its_recipients_language(world, send_on_commit):
    with send_on_commit(execute=True):
        thread = start(world, world.seoul_learner)
    with send_on_commit(execute=True):
        services.post_reply(
            user=world.bamako_learner,
            thread=thread,
            body="Voir https://example.org/guide <b>gras</b>",
            language="fr",
            now=NOW,
        )
    with send_on_commit(execute=True):
        services.post_reply(
            user=world.seoul_learner, thread=thread, body="감사합니다", language="ko", now=NOW
        )
    by_recipient = {message.to[0]: message for message in mail.outbox}
    korean = by_recipient[world.seoul_learner.email]
    french = by_recipient[world.bamako_learner.email]
    assert korean.extra_headers["Content-Language"] == "ko"
    assert french.extra_headers["Content-Language"] == "fr"
    assert "/ko/discussion/threads/" in korean.body
    assert "/fr/discussion/threads/" in french.body
    html = korean.alternatives[0][0]
    assert "<b>gras</b>" not in html and "&lt;b&gt;gras&lt;/b&gt;" in html
    assert "List-Unsubscribe" in korean.extra_headers
    assert len(mail.outbox) == 2  # nobody is told of their own post


def test_a_mention_reaches_the_trainer_and_a_hidden_post_is_not_sent(world, send_on_commit):
    with send_on_commit(execute=False):
        thread = start(world, world.seoul_learner, body="@Ana Trainer, what is the rule?")
    row = NotificationDelivery.objects.get(kind=Kind.DISCUSSION_MENTION)
    assert row.recipient == world.trainer
    assert notification_send(delivery_id=row.pk, now=NOW) == "sent"
    assert "Ana Trainer" in mail.outbox[0].body and "what is the rule?" in mail.outbox[0].body
    with send_on_commit(execute=False):
        reply = services.post_reply(
            user=world.bamako_learner, thread=thread, body="spam", language="fr", now=NOW
        )
    services.post_hide(user=world.trainer, post=reply, now=NOW)
    row = NotificationDelivery.objects.get(kind=Kind.DISCUSSION_REPLY)
    assert notification_send(delivery_id=row.pk, now=NOW) == "skipped"
    row.refresh_from_db()
    assert row.skip_reason == "post hidden by a moderator"


def test_opting_out_of_discussion_e_mails(world, send_on_commit):
    world.seoul_learner.notification_preferences = {"discussion": False}
    world.seoul_learner.save()
    with send_on_commit(execute=True):
        thread = start(world, world.seoul_learner)
        services.post_reply(
            user=world.bamako_learner, thread=thread, body="Hi", language="fr", now=NOW
        )
    assert mail.outbox == []
    assert NotificationDelivery.objects.get().status == NotificationDelivery.Status.SKIPPED


def sweep(now, capture):
    with time_machine.travel(now, tick=False), capture(execute=True):
        return notifications_sweep(now=now)


def digests():
    return NotificationDelivery.objects.filter(kind=Kind.DISCUSSION_DIGEST)


def test_the_daily_digest_lists_new_posts_by_others_once_a_day(world, send_on_commit):
    # Everyone in UTC here: the digest is due at 18:00.
    start(world, world.bamako_learner, now=NOW)
    sweep(NOW + dt.timedelta(hours=2), send_on_commit)  # 11:00: not yet
    assert not digests().exists()
    mail.outbox.clear()
    evening = NOW.replace(hour=18, minute=5)
    sweep(evening, send_on_commit)
    sweep(evening + dt.timedelta(minutes=5), send_on_commit)  # twice is once
    sent = {row.recipient for row in digests().filter(status="sent")}
    # The learner of Seoul and the trainer; the author has nothing new by others.
    assert sent == {world.seoul_learner, world.trainer}
    skipped = digests().get(recipient=world.bamako_learner)
    assert skipped.skip_reason == "nothing new in the discussions"
    assert {m.to[0] for m in mail.outbox} == {world.seoul_learner.email, world.trainer.email}
    assert "Procurement" in mail.outbox[0].body


def test_no_digest_without_new_posts(world, send_on_commit):
    start(world, world.bamako_learner, now=NOW - dt.timedelta(days=3))
    sweep(NOW.replace(hour=18, minute=5), send_on_commit)
    assert not digests().exists()
