"""The course listing: a read model of what lists of courses show, one row per course and
site language.

The catalogue, the home page's featured courses and the dashboard's recommendations all
list courses. Read from the pages, each list joined translations, topics, hosts and view
restrictions and picked a page per course in the visitor's language: twenty queries and
most of a request's time. The listing keeps the answer, written when a course or one of
its translations is published, unpublished, moved or deleted
(``courses.services.listing``), so a list is one indexed query on ``language``.

For each site language, every live public course has one row: its page in that language
when it has one (``in_language``), else its original page. Facts about the course (topics,
hosts, regions, audience organisations, languages) are gathered from every live public
page of the course; the window, format and text are those of the page shown.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.pages import CoursePage


def _bar(values) -> str:
    """``|a|b|``: one value per bar, so ``contains="|a|"`` matches a whole value on any
    database (SQLite has no JSON containment)."""
    values = sorted({str(value) for value in values})
    return f"|{'|'.join(values)}|" if values else ""


class CourseListing(models.Model):
    """One course as lists show it to visitors of one site language (a read model:
    written only by ``courses.services.listing``, rebuilt by
    ``manage.py rebuild_course_listing``)."""

    language = models.CharField(max_length=8)
    translation_key = models.UUIDField()
    page = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="listings")
    #: The page shown is in this language (else it is the course's original, a fallback).
    in_language = models.BooleanField(default=False)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=2000, blank=True)
    level = models.CharField(max_length=20, choices=CoursePage.Level.choices)
    format = models.CharField(max_length=20, choices=CoursePage.Format.choices)
    effort_hours = models.DecimalField(max_digits=5, decimal_places=1)
    audience = models.CharField(max_length=20, choices=CoursePage.Audience.choices)
    enrolment_opens_at = models.DateTimeField(null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    #: Language codes of the course's live public pages, in the site's order.
    available_languages = models.JSONField(default=list)
    #: Names of the page's topics and of the course's hosts, as cards show them.
    topic_names = models.JSONField(default=list)
    host_names = models.JSONField(default=list)
    #: Filters, written ``|a|b|`` (see ``_bar``): facts of any of the course's pages.
    topic_slugs = models.TextField(blank=True)
    host_ids = models.TextField(blank=True)
    regions = models.TextField(blank=True)
    audience_organisation_ids = models.TextField(blank=True)

    class Meta:
        verbose_name = _("course listing")
        verbose_name_plural = _("course listings")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "translation_key"], name="course_listing_one_per_language"
            )
        ]
        indexes = [
            models.Index(
                fields=["language", "-first_published_at", "-page"],
                name="course_listing_newest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    bar = staticmethod(_bar)
