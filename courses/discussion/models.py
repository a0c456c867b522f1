"""Discussion: threads and their posts, keyed on the course's translation key so that
every language version of a course shares one discussion (a cohort of the course has its
own, for its members), and abuse reports.

A thread's opening message is its first ``Post``; replies are the posts after it. Posts
are never deleted by moderation: a hidden post keeps its text for the moderators and
shows "hidden by a moderator" to everyone else. Deleting an account sets ``author`` to
null ("Former member") and keeps the text, so threads stay readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 200
BODY_MAX = 5000


class Thread(models.Model):
    """A conversation in a course's discussion, optionally about one of its modules."""

    course_key = models.UUIDField(_("course"), db_index=True)
    # The version of the course the thread was started from (for its title and address);
    # the key above is what decides who sees it.
    course_page = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    module_key = models.UUIDField(_("module"), null=True, blank=True)
    module_page = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("module page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A cohort's own discussion: seen only by its members, its facilitators and the
    # secretariat (a thread without one is the whole course's). Goes with the cohort.
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussion_threads",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_threads",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    # The language the thread was written in (the site language of its author).
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("started at"))
    last_post_at = models.DateTimeField(_("last post at"))
    pinned_at = models.DateTimeField(_("pinned at"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    answer = models.ForeignKey(
        "discussion.Post",
        verbose_name=_("answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        indexes = [
            models.Index(fields=["course_key", "-last_post_at"], name="discussion_thread_course"),
        ]
        permissions = [
            # Trainers: in the courses they teach; the secretariat: everywhere (its reach).
            ("moderate_thread", _("Can moderate discussions (hide, lock, pin)")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_pinned(self) -> bool:
        return self.pinned_at is not None


class Post(models.Model):
    """One message in a thread: the opening one or a reply, in plain text (links only)."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_posts",
    )
    body = models.TextField(_("text"), max_length=BODY_MAX)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("posted at"))
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "created_at"], name="discussion_post_thread"),
            # The rate limit's "how many did this person post lately".
            models.Index(fields=["author", "created_at"], name="discussion_post_author"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Report(models.Model):
    """Someone taking part in a discussion says a post is abusive; a moderator resolves it."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Reporting twice is reporting once.
            models.UniqueConstraint(fields=["post", "reporter"], name="discussion_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.post_id} · {self.created_at:%Y-%m-%d}"
