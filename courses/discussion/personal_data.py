"""Discussion posts in a person's data export, and what deleting an account does to them.

- Export ("discussion"): every post the person wrote (hidden ones included), with its
  thread, course key and time, and the abuse reports they made.
- Erasure: posts and threads lose their author ("Former member") and keep their text, so
  that the conversations others took part in stay readable; reports lose their reporter.
"""

from __future__ import annotations

from typing import Any

from lms import personal_data
from lms.models import User


def discussion_export(user: User) -> dict[str, Any]:
    from courses.discussion.models import Post, Report

    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at", "pk")
    reports = Report.objects.filter(reporter=user).order_by("created_at", "pk")
    return {
        "posts": [
            {
                "thread": post.thread.title,
                "thread_id": post.thread_id,
                "course_key": str(post.thread.course_key),
                "posted_at": post.created_at.isoformat(),
                "language": post.language,
                "text": post.body,
                "hidden_by_a_moderator": post.hidden_at is not None,
            }
            for post in posts
        ],
        "reports": [
            {
                "post_id": report.post_id,
                "reported_at": report.created_at.isoformat(),
                "reason": report.reason,
            }
            for report in reports
        ],
    }


def discussion_erase(user: User) -> None:
    """Anonymise the person's threads, posts and reports (idempotent)."""
    from courses.discussion.models import Post, Report, Thread

    Thread.objects.filter(author=user).update(author=None)
    Post.objects.filter(author=user).update(author=None)
    Post.objects.filter(hidden_by=user).update(hidden_by=None)
    Report.objects.filter(reporter=user).update(reporter=None)
    Report.objects.filter(resolved_by=user).update(resolved_by=None)


def register() -> None:
    personal_data.register_exporter("discussion", discussion_export)
    personal_data.register_eraser(discussion_erase)
