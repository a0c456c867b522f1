"""Writes the course listing (``courses.models.CourseListing``), the read model lists of
courses come from.

A course's rows are rewritten whole whenever one of its pages is published, unpublished,
moved or deleted, or when something its card shows changes (a host's name, a topic, a
view restriction): ``courses/listing_signals.py`` calls ``course_listing_refresh`` with
the course's translation key. ``course_listing_rebuild`` (``manage.py
rebuild_course_listing``) rewrites every course, after a change of languages or sites.
"""

from __future__ import annotations

from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from courses.models import CourseListing, CoursePage
from courses.selectors.catalogue import visible_courses

bar = CourseListing.bar


def _original(pages: list[CoursePage], translation_key: UUID) -> CoursePage:
    """The page in the locale the course was first translated from (wagtail-localize's
    oldest TranslationSource), else the oldest page: shown where no translation exists."""
    if apps.is_installed("wagtail_localize"):
        from wagtail_localize.models import TranslationSource

        source_locale = (
            TranslationSource.objects.filter(object_id=translation_key)
            .order_by("created_at", "pk")
            .values_list("locale_id", flat=True)
            .first()
        )
        for page in pages:
            if page.locale_id == source_locale:
                return page
    return min(pages, key=lambda page: page.pk)


@transaction.atomic
def course_listing_refresh(*, translation_key: UUID) -> int:
    """Rewrite the course's listing rows from its live public pages; returns how many.

    Safe to repeat: the rows are deleted and written again from the pages, so a second
    call writes the same rows. A course with no live public page has no row.
    """
    pages = list(
        visible_courses()
        .filter(translation_key=translation_key)
        .select_related("locale")
        .prefetch_related("topics", "host_organisations", "audience_organisations")
        .order_by("pk")
    )
    CourseListing.objects.filter(translation_key=translation_key).delete()
    if not pages:
        return 0
    by_language = {page.locale.language_code: page for page in pages}
    original = _original(pages, translation_key)
    order = [code for code, _name in settings.LANGUAGES]
    available = [code for code in order if code in by_language]
    topic_slugs = bar(topic.slug for page in pages for topic in page.topics.all())
    hosts = [host for page in pages for host in page.host_organisations.all()]
    host_ids = bar(host.pk for host in hosts)
    regions = bar(host.region for host in hosts if host.region)
    audience_ids = bar(o.pk for page in pages for o in page.audience_organisations.all())
    urls: dict[int, str] = {}
    rows = []
    for code in order:
        page = by_language.get(code, original)
        if page.pk not in urls:
            urls[page.pk] = page.get_url() or ""
        rows.append(
            CourseListing(
                language=code,
                translation_key=translation_key,
                page=page,
                in_language=code in by_language,
                title=page.title,
                summary=page.summary,
                url=urls[page.pk],
                level=page.level,
                format=page.format,
                effort_hours=page.effort_hours,
                audience=page.audience,
                enrolment_opens_at=page.enrolment_opens_at,
                enrolment_closes_at=page.enrolment_closes_at,
                first_published_at=page.first_published_at,
                available_languages=available,
                topic_names=[topic.name for topic in page.topics.all()],
                host_names=[host.name for host in page.host_organisations.all()],
                topic_slugs=topic_slugs,
                host_ids=host_ids,
                regions=regions,
                audience_organisation_ids=audience_ids,
            )
        )
    CourseListing.objects.bulk_create(rows)
    return len(rows)


def course_keys_under(page: Page) -> set[UUID]:
    """Translation keys of the course ``page`` is, or of the courses below it."""
    if page.specific_class is CoursePage:
        return {page.translation_key}
    if not page.numchild:
        return set()
    return set(CoursePage.objects.descendant_of(page).values_list("translation_key", flat=True))


def course_listings_refresh(*, translation_keys: set[UUID]) -> int:
    """``course_listing_refresh`` for each course; returns the rows written."""
    return sum(course_listing_refresh(translation_key=key) for key in sorted(translation_keys))


@transaction.atomic
def course_listing_rebuild() -> int:
    """Every course's rows written again (after a language or a site changed); returns
    how many rows there are."""
    CourseListing.objects.all().delete()
    keys = set(CoursePage.objects.live().values_list("translation_key", flat=True))
    return course_listings_refresh(translation_keys=keys)
