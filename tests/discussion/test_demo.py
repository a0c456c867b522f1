"""The demo discussion: two learners of different cities discuss a module of the
introductory course, the trainer marks an answer, each learner's reply e-mail is recorded
in their language; seeding twice adds nothing."""

from __future__ import annotations

import pytest
from django.core import mail

from courses import demo as courses_demo
from courses.discussion import demo
from courses.discussion.models import Post, Thread
from courses.models import NotificationDelivery
from lms import demo as lms_demo


@pytest.mark.django_db
def test_the_demo_discussion_is_seeded_once(django_capture_on_commit_callbacks):
    lms_demo.seed()
    courses_demo.seed()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (line,) = demo.seed()
    assert "1 thread with 3 posts" in line and "(3 reply e-mails recorded)" in line
    thread = Thread.objects.get()
    assert thread.module_page.title == "Why cities? The roles of local government"
    assert thread.answer.author.email.startswith("learner.bamako2@")
    languages = {m.to[0].split("@")[0]: m.extra_headers["Content-Language"] for m in mail.outbox}
    assert languages["learner.seoul"] == "ko" and languages["learner.bamako2"] == "fr"
    assert demo.seed() == [line]
    assert Post.objects.count() == 3
    assert NotificationDelivery.objects.filter(kind="discussion_reply").count() == 3
