"""The lesson of a module page, its blocks rendered once per revision.

A module's lesson (``ModulePage.body``) is the same for everyone but for its quiz, whose
form carries the learner's token, last attempt and feedback. ``{% lesson_body page %}``
renders it as ``{% include_block page.body %}`` does (Wagtail's ``StreamBlock.render_basic``:
each block in ``<div class="w-block-TYPE block-TYPE">``), keeping each other block's HTML
per process (``cms.shell_cache``: dropped whenever a page changes) for the page, its
revision, the block, the language and the site (links are relative on their own site);
the quiz is rendered for the person every time. A preview (the editor's unsaved form,
with the live page's id) is rendered whole every time and kept nowhere.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from wagtail.models import Site

from cms import shell_cache

register = template.Library()

PERSONAL_BLOCKS = frozenset({"quiz"})


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    request = context.get("request")
    flat = context.flatten()
    body = page.body
    if request is None or getattr(request, "is_preview", False):
        return body.render_as_block(context=flat)
    site = Site.find_for_request(request)
    revision = page.live_revision_id or page.latest_revision_id
    language = get_language()

    def rendered(index: int, raw: dict) -> str:
        if raw.get("type") in PERSONAL_BLOCKS or not raw.get("id"):
            return body[index].render(context=flat)
        key = ("lesson-block", page.pk, revision, raw["id"], language, site.pk if site else None)
        # Read from the stored data: a kept block is never turned into Python values.
        return shell_cache.remember(key, lambda: body[index].render(context=flat))

    return format_html_join(
        "\n",
        '<div class="w-block-{1} block-{1}">{0}</div>',
        [
            (format_html("{}", rendered(index, raw)), raw.get("type"))
            for index, raw in enumerate(body.raw_data)
        ],
    )


@register.simple_tag(takes_context=True)
def quiz_questions(context, value):
    """The quiz's questions (``components/blocks/quiz_questions.html``). Without feedback
    to show (no attempt opened) they depend on the quiz and on whether the visitor may
    answer only: kept per page revision, block, language and that, like the lesson's
    other blocks; with feedback, rendered for the person."""
    request = context.get("request")
    page = context.get("page")
    flat = context.flatten()

    def render() -> str:
        return render_to_string("components/blocks/quiz_questions.html", flat)

    block_id = context.get("id")
    if (
        context.get("quiz_feedback")
        or request is None
        or getattr(request, "is_preview", False)
        or page is None
        or not block_id
    ):
        return render()
    revision = page.live_revision_id or page.latest_revision_id
    enabled = bool(context.get("quiz_enabled"))
    key = ("quiz-questions", page.pk, revision, block_id, get_language(), enabled)
    return shell_cache.remember(key, render)
