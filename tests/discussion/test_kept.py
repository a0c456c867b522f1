"""A thread's page and a course's discussion are kept per state (courses.discussion.kept):
whatever changes what a reader sees (a reply, a hidden post, a renamed author, a new
trainer, a lock, another page of posts) is seen on the next visit, however it was made;
readers who may do different things never share a page; each visit's CSRF token is its
own and works."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.urls import reverse

from courses.discussion import services
from courses.discussion.models import Post, Thread
from courses.models import CoursePage
from lms.models import User
from tests.discussion.conftest import NOW
from tests.discussion.test_pages import grow, start


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _thread_url(thread) -> str:
    return reverse("discussion:thread", args=[thread.pk])


def test_a_reply_a_hidden_post_and_a_renamed_author_are_seen_at_once(client, world):
    thread = start(world, world.seoul_learner, body="How do cities buy social?")
    client.force_login(world.bamako_learner)
    url = _thread_url(thread)
    assert "How do cities buy social?" in _page(client, url)
    _page(client, url)  # kept
    reply = services.post_reply(
        user=world.trainer, thread=thread, body="Reserved contracts.", language="en", now=NOW
    )
    assert "Reserved contracts." in _page(client, url)
    Post.objects.filter(pk=reply.pk).update(hidden_at=NOW)  # no signal, no service
    html = _page(client, url)
    assert "Reserved contracts." not in html
    assert "This post was hidden by a moderator." in html
    User.objects.filter(pk=world.seoul_learner.pk).update(full_name="Min-jun Kim-Park")
    assert "Min-jun Kim-Park" in _page(client, url)


def test_a_new_trainer_and_a_lock_are_seen_at_once(client, world):
    thread = start(world, world.seoul_learner)
    client.force_login(world.bamako_learner)
    url = _thread_url(thread)
    assert "@Otto Other" not in _page(client, url)
    # The row, without a publication (the page's form keeps trainers until it is saved).
    CoursePage.trainers.through.objects.create(coursepage=world.course, user=world.other_trainer)
    assert "@Otto Other" in _page(client, url)
    Thread.objects.filter(pk=thread.pk).update(locked_at=NOW)
    assert "This thread is locked" in _page(client, url)


def test_a_reply_on_the_last_page_moves_the_first_pages_links(client, world):
    thread = start(world, world.seoul_learner)
    grow(world, thread, 49)  # 50 posts: one page
    client.force_login(world.bamako_learner)
    url = _thread_url(thread)
    assert "Pages of results" not in _page(client, url)
    grow(world, thread, 1)
    assert "Pages of results" in _page(client, url)


def test_readers_who_may_do_different_things_never_share_a_page(client, world):
    thread = start(world, world.seoul_learner, body="Question")
    services.post_reply(
        user=world.bamako_learner, thread=thread, body="Awa's reply", language="fr", now=NOW
    )
    url = _thread_url(thread)
    report = re.compile(r'href="/en/discussion/posts/(\d+)/report/"')
    client.force_login(world.bamako_learner)
    awa = _page(client, url)
    client.force_login(world.seoul_learner)
    min_jun = _page(client, url)
    client.force_login(world.trainer)
    trainer = _page(client, url)
    # Nobody may report their own post; the author of the question may mark an answer;
    # the trainer moderates.
    assert len(report.findall(awa)) == 1 and len(report.findall(min_jun)) == 1
    assert report.findall(awa) != report.findall(min_jun)
    assert "Mark as the answer" in min_jun and "Mark as the answer" not in awa
    assert "Lock to replies" in trainer and "Lock to replies" not in min_jun


def test_each_visit_gets_its_own_token_and_a_reply_goes_through(world):
    thread = start(world, world.seoul_learner)
    url = _thread_url(thread)
    tokens = []
    for body in ("First reply", "Second reply"):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(world.bamako_learner)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _page(browser, url))
        tokens.append(token.group(1))
        response = browser.post(url, {"body": body, "csrfmiddlewaretoken": token.group(1)})
        assert response.status_code == 302
        browser.logout()
    assert tokens[0] != tokens[1]
    assert Post.objects.filter(thread=thread).count() == 3


def test_the_course_discussion_shows_new_threads_and_replies_at_once(client, world):
    client.force_login(world.bamako_learner)
    url = reverse("discussion:course", args=[world.course.pk])
    assert "No threads yet." in _page(client, url)
    thread = start(world, world.seoul_learner, title="Procurement rules")
    assert "Procurement rules" in _page(client, url)
    assert "0 replies" in _page(client, url)
    Post.objects.create(
        thread=thread,
        author=world.trainer,
        body="A reply",
        language="en",
        created_at=NOW + dt.timedelta(minutes=1),
    )
    assert "1 reply" in _page(client, url)
    filtered = _page(client, f"{url}?module={world.module.pk}")
    assert "Procurement rules" not in filtered  # the thread is about no module
    assert "Procurement rules" in _page(client, url)


def test_a_refused_thread_keeps_what_was_written_and_is_not_kept(client, world, settings):
    settings.DISCUSSION_POSTS_PER_10_MINUTES = 0
    client.force_login(world.bamako_learner)
    url = reverse("discussion:course", args=[world.course.pk])
    _page(client, url)
    response = client.post(url, {"title": "My title", "body": "My long question", "module": ""})
    assert response.status_code in {400, 429}
    assert "My long question" in response.content.decode()
    assert "My long question" not in _page(client, url)
