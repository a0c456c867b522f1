"""The discussion's pages: query counts that do not grow with threads and replies, a
refused post that comes back in its form, hidden posts, answers, languages, personal
data."""

from __future__ import annotations

import datetime as dt
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.discussion import services
from courses.discussion.models import Post, Thread
from lms import personal_data
from lms.services import user_erase
from tests.discussion.conftest import NOW


def start(world, user, title="Procurement", body="Question", language="ko", **kwargs):
    return services.thread_start(
        user=user,
        course=world.course,
        title=title,
        body=body,
        language=language,
        now=NOW,
        **kwargs,
    )


def grow(world, thread, replies: int):
    people = (world.seoul_learner, world.bamako_learner, world.trainer)
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=people[n % 3],
            body=f"Reply {n} https://example.org/{n}",
            language="fr",
            created_at=NOW + dt.timedelta(seconds=n),
        )
        for n in range(replies)
    )


def queries(client, url) -> int:
    client.get(url)  # warm what is cached once per process (site, locales)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def rendered_queries(client, url, change) -> int:
    """Queries of the first visit after ``change()`` (the kept page no longer holds)."""
    client.get(url)  # warm what is cached once per process (site, locales)
    client.get(url)
    change()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# A kept page: the person, the thread (with its number of posts) or the course, the
# state of what the page shows, and (kept in the cache outside the tests' transaction)
# the person's permissions.
KEPT = 4


def test_thread_page_queries_do_not_grow_with_replies(client, world):
    thread = start(world, world.seoul_learner)
    client.force_login(world.bamako_learner)
    url = reverse("discussion:thread", args=[thread.pk])
    few = rendered_queries(client, url, lambda: grow(world, thread, 3))
    many = rendered_queries(client, url, lambda: grow(world, thread, 60))
    assert few == many <= 8
    assert queries(client, url) <= KEPT


def test_course_discussion_queries_do_not_grow_with_threads(client, world):
    client.force_login(world.bamako_learner)
    url = reverse("discussion:course", args=[world.course.pk])

    def few_threads():
        for n in range(3):
            grow(world, start(world, world.seoul_learner, title=f"Thread {n}"), 2)

    def more_threads():
        for n in range(30):
            Thread.objects.create(
                course_key=world.course.translation_key,
                course_page=world.course,
                author=world.trainer,
                title=f"More {n}",
                language="es",
                created_at=NOW,
                last_post_at=NOW,
            )

    few = rendered_queries(client, url, few_threads)
    many = rendered_queries(client, url, more_threads)
    assert few == many <= 12
    assert queries(client, url) <= KEPT


def test_a_refused_post_comes_back_in_the_form_with_why(client, world, settings):
    settings.DISCUSSION_POSTS_PER_10_MINUTES = 1
    thread = start(world, world.bamako_learner, language="fr")
    client.force_login(world.bamako_learner)
    text = "Mon long message que je ne veux pas perdre"
    response = client.post(reverse("discussion:thread", args=[thread.pk]), {"body": text})
    assert response.status_code == 429
    html = response.content.decode()
    assert text in html and "10 minutes" in html
    response = client.post(reverse("discussion:thread", args=[thread.pk]), {"body": "x" * 5001})
    assert response.status_code == 400
    assert "x" * 5001 in response.content.decode()


def test_hidden_posts_answers_and_languages_as_people_see_them(client, world):
    thread = start(world, world.seoul_learner, module=world.module)
    reply = services.post_reply(
        user=world.bamako_learner, thread=thread, body="Secret insult", language="fr", now=NOW
    )
    answer = services.post_reply(
        user=world.trainer, thread=thread, body="The answer", language="en", now=NOW
    )
    client.force_login(world.seoul_learner)
    client.post(reverse("discussion:answer", args=[answer.pk]))
    services.post_hide(user=world.trainer, post=reply, now=NOW)
    html = client.get(reverse("discussion:thread", args=[thread.pk])).content.decode()
    assert "Secret insult" not in html
    assert "This post was hidden by a moderator." in html
    assert "Written in Korean" in html
    assert "Answer" in html and "Public procurement" in html
    client.force_login(world.trainer)
    html = client.get(reverse("discussion:thread", args=[thread.pk])).content.decode()
    assert "Secret insult" in html and "only moderators see this text" in html
    listing = client.get(
        reverse("discussion:course", args=[world.course.pk]) + f"?module={world.module.pk}"
    ).content.decode()
    assert "Answered" in listing and "한국어" in listing


def test_reporting_from_the_page(client, world):
    thread = start(world, world.seoul_learner)
    post = thread.posts.get()
    client.force_login(world.bamako_learner)
    url = reverse("discussion:report", args=[post.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Spam"}, follow=True)
    assert "Thank you" in response.content.decode()
    assert post.reports.get().reason == "Spam"


def test_posts_are_in_the_export_and_erasure_keeps_threads_readable(client, world):
    thread = start(world, world.seoul_learner, body="Mine")
    services.post_reply(
        user=world.bamako_learner, thread=thread, body="Reply", language="fr", now=NOW
    )
    export = json.loads(
        json.dumps(personal_data.user_export(user=world.seoul_learner), default=str)
    )
    assert [post["text"] for post in export["discussion"]["posts"]] == ["Mine"]
    user_erase(user=world.seoul_learner)
    thread.refresh_from_db()
    assert thread.author is None and thread.posts.first().body == "Mine"
    client.force_login(world.bamako_learner)
    html = client.get(reverse("discussion:thread", args=[thread.pk])).content.decode()
    assert "Former member" in html and "Mine" in html


def test_the_course_and_module_pages_link_to_the_discussion(client, world):
    client.force_login(world.bamako_learner)
    url = reverse("discussion:course", args=[world.course.pk])
    assert url in client.get(world.course.url).content.decode()
    assert f"{url}?module={world.module.pk}" in client.get(world.module.url).content.decode()
    client.force_login(world.trainer)  # not enrolled: a moderator
    assert url in client.get(world.course.url).content.decode()
    client.force_login(world.outsider)
    assert url not in client.get(world.course.url).content.decode()


def test_a_long_thread_is_paged_and_a_post_address_opens_its_page(client, world, settings):
    settings.DISCUSSION_POSTS_PER_10_MINUTES = 1000  # the generated replies are all recent
    thread = start(world, world.seoul_learner)
    grow(world, thread, 120)  # 121 posts: pages of 50
    client.force_login(world.bamako_learner)
    url = reverse("discussion:thread", args=[thread.pk])
    html = client.get(url).content.decode()
    assert "Reply 48 " in html and "Reply 49 " not in html
    last = thread.posts.order_by("-created_at", "-pk").first()
    html = client.get(f"{url}?post={last.pk}").content.decode()
    assert f'id="post-{last.pk}"' in html and "Reply 98 " not in html
    response = client.post(url, {"body": "New one"})
    assert response["Location"].startswith(f"{url}?post=")
    assert "New one" in client.get(response["Location"]).content.decode()


def test_a_refused_new_thread_keeps_the_module_it_was_about(client, world):
    client.force_login(world.bamako_learner)
    url = reverse("discussion:course", args=[world.course.pk])
    response = client.post(url, {"module": world.module.pk, "title": "", "body": "Une question"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Discussion of “Public procurement”</h1>" in html
    assert "Une question" in html
