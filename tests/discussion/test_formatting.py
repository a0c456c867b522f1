"""Plain text plus links: every payload renders inert, links get rel="nofollow ugc
noopener", line breaks stay, mentions are marked, and the thread page shows it so."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from courses.discussion import services
from courses.discussion.formatting import mentioned, render_post
from tests.discussion.conftest import NOW
from tests.discussion.xss_payloads import PAYLOADS

ALLOWED = {"a": {"href", "rel"}, "br": set(), "strong": {"class"}}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.elements


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_renders_as_text(payload):
    for tag, attrs in elements(render_post(payload, mention_names=["Ana Trainer"])):
        assert tag in ALLOWED, (payload, tag)
        assert set(attrs) <= ALLOWED[tag], (payload, attrs)
        if tag == "a":
            assert attrs["href"].startswith(("http://", "https://")), payload
            assert attrs["rel"] == "nofollow ugc noopener"
            assert not any(c in attrs["href"] for c in "<>\"'"), payload


def test_links_line_breaks_and_mentions():
    html = render_post(
        "See https://gsef-net.org/en/library (page 3).\nThanks @ana trainer!",
        mention_names=["Ana Trainer"],
    )
    assert (
        '<a href="https://gsef-net.org/en/library" rel="nofollow ugc noopener">'
        "https://gsef-net.org/en/library</a> (page 3)." in html
    )
    assert "<br>" in html
    assert '<strong class="mention">@ana trainer</strong>!' in html
    assert render_post("a & b") == "a &amp; b"
    assert mentioned("hi @ANA TRAINER", ["Ana Trainer", "Otto"]) == {"Ana Trainer"}


def test_the_thread_page_shows_every_payload_inert(client, world, settings):
    settings.DISCUSSION_POSTS_PER_10_MINUTES = 1000
    thread = services.thread_start(
        user=world.seoul_learner,
        course=world.course,
        title='<img src=x onerror="alert(1)">',
        body=PAYLOADS[0],
        language="ko",
        now=NOW,
    )
    for number, payload in enumerate(PAYLOADS[1:]):
        services.post_reply(
            user=(world.seoul_learner, world.bamako_learner, world.trainer)[number % 3],
            thread=thread,
            body=payload,
            language="en",
            now=NOW,
        )
    client.force_login(world.trainer)
    for url in (
        reverse("discussion:thread", args=[thread.pk]),
        reverse("discussion:course", args=[world.course.pk]),
    ):
        html = client.get(url).content.decode()
        found = elements(html)
        assert not [tag for tag, _ in found if tag in {"img", "svg", "iframe", "object", "math"}]
        assert not [a for _, attrs in found for a in attrs if a.startswith("on")]
        assert not [
            value
            for _, attrs in found
            for value in attrs.values()
            if value and value.strip().lower().startswith(("javascript:", "data:"))
        ]
        assert "alert(1)</script>" not in html
