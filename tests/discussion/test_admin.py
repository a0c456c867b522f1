"""The moderation list in the admin: a course's trainer and the Secretariat see the
reports of its discussion and resolve them; a trainer of another course sees none and
cannot resolve; a learner and a coordinator are refused."""

from __future__ import annotations

from django.urls import reverse

from courses.discussion import services
from courses.discussion.models import Report
from tests.discussion.conftest import NOW


def reported(world):
    thread = services.thread_start(
        user=world.seoul_learner,
        course=world.course,
        title="Thread",
        body="An insulting text",
        language="ko",
        now=NOW,
    )
    return services.post_report(
        user=world.bamako_learner, post=thread.posts.get(), reason="Insult", now=NOW
    )


def test_the_courses_trainer_and_the_secretariat_see_and_resolve_reports(
    client, world, secretariat
):
    report = reported(world)
    index = reverse("discussion_reports:index")
    for person in (world.trainer, secretariat):
        client.force_login(person)
        html = client.get(index).content.decode()
        assert "An insulting text" in html and "Insult" in html
    client.force_login(world.trainer)
    response = client.post(reverse("discussion_reports:resolve", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.resolved_by == world.trainer


def test_others_see_no_report(client, world, seoul_coordinator):
    report = reported(world)
    index = reverse("discussion_reports:index")
    client.force_login(world.other_trainer)
    assert "An insulting text" not in client.get(index).content.decode()
    response = client.post(reverse("discussion_reports:resolve", args=[report.pk]))
    assert response.status_code == 404
    for person in (world.seoul_learner, seoul_coordinator):
        client.force_login(person)
        response = client.get(index)
        assert response.status_code in (302, 403)
        assert "An insulting text" not in response.content.decode()
        response = client.post(reverse("discussion_reports:resolve", args=[report.pk]))
        assert response.status_code in (302, 403, 404)
    assert Report.objects.get().resolved_at is None
