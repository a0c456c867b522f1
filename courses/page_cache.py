"""What the learning domain's public pages show, for the anonymous page cache.

cms.page_cache tags every Wagtail page with itself and its ancestors and purges them on
publish, unpublish, move and delete. This module adds what only courses knows:

- the home page shows courses and webinars from elsewhere in the tree ("courses",
  "webinars"), the catalogue shows topics and host organisations ("organisations") and
  programmes ("programmes"); a programme (and the programme list) shows its courses'
  titles and hours, a course page the titles of its prerequisites ("courses");
- a webinar's seats change with every registration (its page, in every language);
- a certificate's /verify/<code>/ page changes when it is revoked, corrected (the old
  code then verifies as superseded) or its learner's account is deleted;
- with nobody publishing, a course page changes when its enrolment window opens or closes,
  a webinar's when joining opens, it starts and it ends, and the lists with them
  (``next_change``: the entry lives no longer than that).

Registered in CoursesConfig.ready(); the receivers only purge, after commit.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import reverse

from cms import page_cache
from cms.models import HomePage
from courses.forms import CatalogueFilterForm
from courses.models import (
    Certificate,
    CourseIndexPage,
    CourseListing,
    CoursePage,
    ModulePage,
    ProgrammeIndexPage,
    ProgrammePage,
    Topic,
    WebinarIndexPage,
    WebinarPage,
    WebinarRegistration,
)
from courses.models.certificates import code_display
from lms.models import Organisation, User
from lms.urls_absolute import absolute_url

COURSES = "courses"  # lists of courses: the home page's featured courses, the catalogue
WEBINARS = "webinars"  # lists of webinars: the home page's upcoming ones, the webinar list
ORGANISATIONS = "organisations"  # host organisations' names and links
PROGRAMMES = "programmes"  # lists of programmes: the catalogue's section, the programme list


def certificate_tag(certificate_id: int) -> str:
    return f"certificate:{certificate_id}"


def learner_tag(user_id: int) -> str:
    return f"learner:{user_id}"


def _shows(page) -> set[str]:
    kind = page.specific_class
    if kind is None:
        return set()
    if issubclass(kind, HomePage):
        return {COURSES, WEBINARS}
    if issubclass(kind, CourseIndexPage):
        return {COURSES, ORGANISATIONS, PROGRAMMES}
    if issubclass(kind, WebinarIndexPage):
        return {WEBINARS}
    if issubclass(kind, CoursePage):
        return {ORGANISATIONS, COURSES}  # its prerequisites' titles
    if issubclass(kind, ProgrammeIndexPage):
        return {PROGRAMMES, COURSES}
    if issubclass(kind, ProgrammePage):
        return {COURSES, ORGANISATIONS}
    return set()


def _touches(page) -> set[str]:
    kind = page.specific_class
    if kind is None:
        return set()
    if issubclass(kind, CoursePage | ModulePage):
        return {COURSES}
    if issubclass(kind, WebinarPage):
        return {WEBINARS}
    if issubclass(kind, ProgrammePage):
        return {PROGRAMMES}
    return set()


def _first_after(now: dt.datetime, moments) -> dt.datetime | None:
    return min((moment for moment in moments if moment and moment > now), default=None)


def _courses_next_change(now: dt.datetime, horizon: dt.datetime) -> dt.datetime | None:
    window = CourseListing.objects.aggregate(
        opens=Min("enrolment_opens_at", filter=Q(enrolment_opens_at__gt=now)),
        closes=Min("enrolment_closes_at", filter=Q(enrolment_closes_at__gt=now)),
    )
    return _first_after(now, window.values())


def _webinars_next_change(now: dt.datetime, horizon: dt.datetime) -> dt.datetime | None:
    # Joining opens at most a day before the start and no webinar lasts a day, so the
    # webinars that can change before the horizon started or start within a day of it.
    nearby = WebinarPage.objects.live().filter(
        starts_at__gt=now - dt.timedelta(days=1), starts_at__lt=horizon + dt.timedelta(days=1)
    )
    return _first_after(
        now,
        [
            moment
            for webinar in nearby.only("starts_at", "duration_minutes", "join_opens_minutes_before")
            for moment in (webinar.join_opens_at, webinar.starts_at, webinar.ends_at)
        ],
    )


def next_change(page, now: dt.datetime) -> dt.datetime | None:
    """When ``page`` shows something else by itself: a course's enrolment window opening or
    closing, a webinar's joining, start and end, and the same for the lists showing them."""
    kind = page.specific_class
    if kind is None:
        return None
    horizon = now + dt.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    if issubclass(kind, CoursePage):
        return _first_after(now, [page.enrolment_opens_at, page.enrolment_closes_at])
    if issubclass(kind, WebinarPage):
        if page.starts_at is None:
            return None
        return _first_after(now, [page.join_opens_at, page.starts_at, page.ends_at])
    moments = []
    if issubclass(kind, HomePage | CourseIndexPage):
        moments.append(_courses_next_change(now, horizon))
    if issubclass(kind, HomePage | WebinarIndexPage):
        moments.append(_webinars_next_change(now, horizon))
    return _first_after(now, moments)


def _seats_changed(sender, instance: WebinarRegistration, **kwargs) -> None:
    if not page_cache.active():
        return
    webinar = WebinarPage.objects.only("translation_key").get(pk=instance.webinar_id)
    page_cache.purge(
        tags=[f"page:{webinar.translation_key}"],
        pages=WebinarPage.objects.filter(translation_key=webinar.translation_key, live=True),
    )


def _certificate_changed(sender, instance: Certificate, **kwargs) -> None:
    if not page_cache.active():
        return
    tags = [certificate_tag(instance.pk)]
    codes = [instance.code]
    if instance.supersedes_id:  # the corrected one now verifies as superseded
        tags.append(certificate_tag(instance.supersedes_id))
        codes.extend(
            Certificate.objects.filter(pk=instance.supersedes_id).values_list("code", flat=True)
        )
    urls = [  # the canonical address: the code in groups, as printed
        absolute_url(reverse("certificate_verify", args=[code_display(code)])) for code in codes
    ]
    page_cache.purge(tags=tags, urls=urls)


def _learner_deleted(sender, instance: User, **kwargs) -> None:
    page_cache.purge(tags=[learner_tag(instance.pk)])  # their certificates' verify pages


def _lists_changed(tag: str):
    def receiver(sender, **kwargs) -> None:
        page_cache.purge(tags=[tag])

    return receiver


_topics_changed = _lists_changed(COURSES)
_organisations_changed = _lists_changed(ORGANISATIONS)


def register() -> None:
    """Tag and purge the learning domain's public pages (cms.page_cache)."""
    page_cache.register_page_tagger(_shows)
    page_cache.register_change_tagger(_touches)
    page_cache.register_change_clock(next_change)
    page_cache.register_query_parameters("page", *CatalogueFilterForm.base_fields)
    uid = "courses.page_cache."
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(_seats_changed, sender=WebinarRegistration, dispatch_uid=uid + name)
        signal.connect(_topics_changed, sender=Topic, dispatch_uid=uid + "topic." + name)
        signal.connect(
            _organisations_changed, sender=Organisation, dispatch_uid=uid + "org." + name
        )
    post_save.connect(_certificate_changed, sender=Certificate, dispatch_uid=uid + "certificate")
    pre_delete.connect(_learner_deleted, sender=User, dispatch_uid=uid + "learner")
