"""A thread's posts as HTML, made in Python once per request (courses.discussion.views).

The same markup the template loop made (an ``li`` per post: author line, body or the
"hidden" notice, the answer/hide/report forms), but with ``format_html`` instead of
Django's template engine: 50 posts a page made the loop the page's main cost. Every
value from a person (name, body) is escaped here (the body is already safe HTML from
courses.discussion.formatting.render_post).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info, gettext, ngettext


def _csrf_input(token: str) -> SafeString:
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _toggle_form(action: str, csrf: SafeString, undo: str, label: str, who) -> SafeString:
    """A one-button POST form; ``undo`` (e.g. "unhide") names the hidden field that turns
    the action back, or is empty."""
    undo_field = format_html('<input type="hidden" name="{}" value="1">', undo) if undo else ""
    return format_html(
        '<form method="post" action="{}">{}{}<button type="submit" class="link-button">{}{}'
        "</button></form>",
        action,
        csrf,
        undo_field,
        label,
        who,
    )


def posts_html(
    items, *, may_moderate: bool, may_mark_answer: bool, user_id, csrf_token: str, language: str
) -> SafeString:
    """The ``li`` elements of ``items`` (dicts made by the thread view), joined."""
    csrf = _csrf_input(csrf_token)
    former = gettext("Former member")
    trainer_badge = format_html('<span class="badge">{}</span>', gettext("Trainer"))
    answer_badge = format_html('<span class="badge badge--done">{}</span>', gettext("Answer"))
    hidden_notice = format_html(
        '<p class="discussion-post__hidden" lang="{}"><em>{}</em></p>',
        language,
        gettext("This post was hidden by a moderator."),
    )
    hidden_warning = format_html(
        '<p class="message message--warning" lang="{}">{}</p>',
        language,
        gettext("Hidden by a moderator: only moderators see this text."),
    )
    labels = {
        "unmark": gettext("Unmark as the answer"),
        "mark": gettext("Mark as the answer"),
        "unhide": gettext("Show again"),
        "hide": gettext("Hide"),
        "report": gettext("Report abuse"),
    }
    rows = []
    for item in items:
        post = item["post"]
        author = post.author.full_name if post.author_id and post.author else former
        hidden = post.hidden_at is not None
        who = format_html(
            '<span class="visually-hidden"> ({}, {})</span>', author, item["when_text"]
        )
        actions = []
        if may_mark_answer and not item["is_question"] and not hidden:
            undo = "unmark" if item["is_answer"] else ""
            label = labels["unmark"] if undo else labels["mark"]
            actions.append(_toggle_form(item["answer_url"], csrf, undo, label, who))
        if may_moderate:
            undo = "unhide" if hidden else ""
            label = labels["unhide"] if undo else labels["hide"]
            actions.append(_toggle_form(item["hide_url"], csrf, undo, label, who))
        if post.author_id != user_id and not hidden:
            actions.append(
                format_html('<a href="{}">{}{}</a>', item["report_url"], labels["report"], who)
            )
        if hidden and not may_moderate:
            body = hidden_notice
        else:
            body = format_html(
                '{}<div class="discussion-post__body">{}</div>',
                hidden_warning if hidden else "",
                item["html"],
            )
        rows.append(
            format_html(
                '<li class="discussion-post{}" id="post-{}" lang="{}">\n'
                '<p class="discussion-meta" lang="{}"><strong>{}</strong> {}{}'
                '<time datetime="{}">{}</time></p>\n{}\n'
                '<div class="discussion-actions" lang="{}">{}</div>\n</li>',
                " discussion-post--answer" if item["is_answer"] else "",
                post.pk,
                post.language,
                language,
                author,
                trainer_badge if item["by_trainer"] else "",
                answer_badge if item["is_answer"] else "",
                item["when_iso"],
                item["when_text"],
                body,
                language,
                mark_safe("\n".join(actions)),  # noqa: S308 (each made by format_html)
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (each made by format_html)


def threads_html(threads, *, module) -> SafeString:
    """The ``li`` elements of a page of ``threads`` (course_threads rows, annotated with
    ``replies`` and ``module_title``); ``module``: the list's module filter (no "About")."""
    thread_url = reverse("discussion:thread", args=[0])
    datetime_format = formats.get_format("DATETIME_FORMAT")
    former = gettext("Former member")
    pinned = format_html('<span class="badge badge--preview">{}</span>', gettext("Pinned"))
    locked = format_html('<span class="badge">{}</span>', gettext("Locked"))
    answered = format_html('<span class="badge badge--done">{}</span>', gettext("Answered"))
    last_post = gettext("Last post:")
    rows = []
    for thread in threads:
        badges = [
            format_html(
                '<span class="badge" lang="{}">{}</span>',
                thread.language,
                get_language_info(thread.language)["name_local"],
            )
        ]
        if thread.pinned_at:
            badges.append(pinned)
        if thread.locked_at:
            badges.append(locked)
        if thread.answer_id:
            badges.append(answered)
        if thread.module_title is not None and not module:
            badges.append(
                format_html(
                    "<span>{}</span>",
                    gettext("About “%(title)s”") % {"title": thread.module_title},
                )
            )
        author = thread.author.full_name if thread.author_id and thread.author else former
        replies = ngettext("%(counter)s reply", "%(counter)s replies", thread.replies) % {
            "counter": thread.replies
        }
        last = timezone.localtime(thread.last_post_at) if thread.last_post_at else None
        rows.append(
            format_html(
                '<li class="discussion-thread">\n<h3 class="discussion-thread__title">'
                '<a href="{}">{}</a></h3>\n<p class="discussion-meta">\n{}\n'
                "<span>{}</span>\n<span>{}</span>\n"
                '<span>{} <time datetime="{}">{}</time></span>\n</p>\n</li>',
                thread_url.replace("/0/", f"/{thread.pk}/"),
                thread.title,
                mark_safe("\n".join(badges)),  # noqa: S308 (each made by format_html)
                author,
                replies,
                last_post,
                last.isoformat() if last else "",
                dateformat.format(last, datetime_format) if last else "",
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (each made by format_html)
