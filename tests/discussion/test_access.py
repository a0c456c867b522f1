"""Access matrix: every discussion URL refuses anonymous people (log-in), a learner of
another course, a trainer of another course and a member of another organisation who
is not enrolled; the course's learners, its trainer and the secretariat get in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.discussion import services
from tests.discussion.conftest import NOW


@pytest.fixture
def thread(world):
    thread = services.thread_start(
        user=world.seoul_learner,
        course=world.course,
        title="Cooperatives in procurement",
        body="Question",
        language="ko",
        now=NOW,
    )
    services.post_reply(
        user=world.bamako_learner, thread=thread, body="An answer", language="fr", now=NOW
    )
    return thread


def urls(world, thread):
    reply = thread.posts.last()
    return [
        ("get", reverse("discussion:course", args=[world.course.pk]), {}),
        (
            "post",
            reverse("discussion:course", args=[world.course.pk]),
            {"title": "Hi", "body": "x"},
        ),
        ("get", reverse("discussion:thread", args=[thread.pk]), {}),
        ("post", reverse("discussion:thread", args=[thread.pk]), {"body": "x"}),
        ("post", reverse("discussion:moderate", args=[thread.pk]), {"action": "lock"}),
        ("post", reverse("discussion:answer", args=[reply.pk]), {}),
        ("post", reverse("discussion:hide", args=[reply.pk]), {}),
        ("get", reverse("discussion:report", args=[reply.pk]), {}),
        ("post", reverse("discussion:report", args=[reply.pk]), {"reason": "x"}),
    ]


def test_anonymous_people_are_sent_to_log_in(client, world, thread):
    for method, url, data in urls(world, thread):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url


@pytest.mark.parametrize("who", ["other_learner", "other_trainer", "outsider"])
def test_people_outside_the_course_are_refused_everywhere(client, world, thread, who):
    client.force_login(getattr(world, who))
    for method, url, data in urls(world, thread):
        response = getattr(client, method)(url, data)
        # The course's own discussion page says why (403); its threads and posts do not
        # exist for them (404).
        expected = 403 if "/courses/" in url else 404
        assert response.status_code == expected, (who, method, url)
    thread.refresh_from_db()
    assert thread.locked_at is None and thread.answer_id is None
    assert thread.posts.count() == 2
    assert not thread.posts.filter(hidden_at__isnull=False).exists()


def test_a_learner_of_the_course_reads_and_posts_but_does_not_moderate(client, world, thread):
    client.force_login(world.bamako_learner)
    assert client.get(reverse("discussion:course", args=[world.course.pk])).status_code == 200
    assert client.get(reverse("discussion:thread", args=[thread.pk])).status_code == 200
    response = client.post(reverse("discussion:thread", args=[thread.pk]), {"body": "Merci"})
    assert response.status_code == 302
    reply = thread.posts.first()
    assert client.post(reverse("discussion:hide", args=[reply.pk])).status_code == 403
    response = client.post(reverse("discussion:moderate", args=[thread.pk]), {"action": "pin"})
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["trainer", "secretariat"])
def test_the_trainer_and_the_secretariat_moderate(client, world, thread, who, secretariat):
    person = secretariat if who == "secretariat" else world.trainer
    client.force_login(person)
    reply = thread.posts.last()
    assert client.post(reverse("discussion:hide", args=[reply.pk])).status_code == 302
    response = client.post(reverse("discussion:moderate", args=[thread.pk]), {"action": "lock"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.locked_at is not None


def test_actions_are_post_only(client, world, thread):
    client.force_login(world.trainer)
    reply = thread.posts.last()
    assert client.get(reverse("discussion:hide", args=[reply.pk])).status_code == 405
    assert client.get(reverse("discussion:answer", args=[reply.pk])).status_code == 405
