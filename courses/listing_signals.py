"""Keeps the course listing (``courses.services.listing``) true: receivers connected in
``CoursesConfig.ready()``.

Wagtail's signals, not admin hooks: publishing from the admin, a scheduled publication,
wagtail-localize's synchronisation and code all send ``page_published``; unpublishing,
moving and deleting send theirs. What a card shows besides the pages (a host's name or
region, a topic's name, a view restriction) is followed through ``post_save``.
"""

from __future__ import annotations

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import shell_cache
from courses.models import CourseListing, CoursePage, Topic
from courses.services.listing import (
    course_keys_under,
    course_listing_rebuild,
    course_listings_refresh,
)
from lms.models import Organisation


def _refresh_under(page: Page) -> None:
    course_listings_refresh(translation_keys=course_keys_under(page))


@receiver(page_published, dispatch_uid="courses.listing.published")
@receiver(page_unpublished, dispatch_uid="courses.listing.unpublished")
def refresh_listing_after_publishing(sender, instance, **kwargs):
    """A course (or a page above courses) published or unpublished: its rows, at once."""
    _refresh_under(instance)


@receiver(post_page_move, dispatch_uid="courses.listing.moved")
def refresh_listing_after_moving(sender, instance, **kwargs):
    """Moved courses have new addresses (and may enter or leave a private section)."""
    _refresh_under(instance)


@receiver(post_delete, dispatch_uid="courses.listing.deleted")
def refresh_listing_after_deleting(sender, instance, **kwargs):
    """A deleted course page: its rows went with it; its other languages' rows (which may
    have shown it as the original) are rewritten once the deletion commits."""
    if sender is CoursePage:
        keys = {instance.translation_key}
        transaction.on_commit(partial(_after_commit, course_listings_refresh, keys))


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="courses.listing.restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="courses.listing.unrestricted")
def refresh_listing_after_restricting(sender, instance, **kwargs):
    """Courses in a section made private (or public again) leave (or re-enter) lists."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _refresh_under(page)


@receiver(post_save, sender=Organisation, dispatch_uid="courses.listing.host")
def refresh_listing_after_editing_a_host(sender, instance, created, **kwargs):
    """Cards name their hosts, and the region filter reads the hosts' regions; the
    catalogue's host choices are remembered by the shell."""
    shell_cache.bump()
    if created:
        return
    keys = set(
        CoursePage.objects.filter(host_organisations=instance).values_list(
            "translation_key", flat=True
        )
    )
    course_listings_refresh(translation_keys=keys)


@receiver(post_save, sender=Topic, dispatch_uid="courses.listing.topic")
def refresh_listing_after_editing_a_topic(sender, instance, created, **kwargs):
    """Cards name their topics; the catalogue's topic choices are remembered by the shell."""
    shell_cache.bump()
    if created:
        return
    keys = set(CoursePage.objects.filter(topics=instance).values_list("translation_key", flat=True))
    course_listings_refresh(translation_keys=keys)


@receiver(post_save, sender=Site, dispatch_uid="courses.listing.site")
def rebuild_listing_after_editing_a_site(sender, instance, **kwargs):
    """A site's host name or root page changes every course's address."""
    transaction.on_commit(partial(_after_commit, lambda _keys: course_listing_rebuild(), None))


def _after_commit(refresh, keys) -> None:
    """A listing rewritten after the commit, then the shell forgotten again: what a
    request rendered from the old rows between the commit and now is not kept."""
    if keys is None:
        refresh(None)
    else:
        refresh(translation_keys=keys)
    shell_cache.bump()


def fill_listing_after_migrating(sender, **kwargs):
    """The first ``migrate`` after the listing was added fills it (the courses were
    published before it existed); later runs find rows and do nothing."""
    if CoursePage.objects.live().exists() and not CourseListing.objects.exists():
        course_listing_rebuild()


def refresh_listing_after_a_new_source(sender, instance, **kwargs):
    """wagtail-localize's translation sources say which page is a course's original."""
    course_listings_refresh(translation_keys={instance.object_id})


def connect(app_config) -> None:
    post_migrate.connect(
        fill_listing_after_migrating, sender=app_config, dispatch_uid="courses.listing.fill"
    )
    if apps.is_installed("wagtail_localize"):
        from wagtail_localize.models import TranslationSource

        for signal in (post_save, post_delete):
            signal.connect(
                refresh_listing_after_a_new_source,
                sender=TranslationSource,
                dispatch_uid=f"courses.listing.source.{id(signal)}",
            )
