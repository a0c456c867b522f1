"""Read side of the public catalogue: course listings, a course's languages and enrolment window.

Every selector here costs a fixed number of queries, however many courses,
translations or modules there are: what a template loops over is fetched in one
query per relation, never one per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from enum import StrEnum
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.db.models import (
    Case,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from wagtail.models import Page, PageViewRestriction

from cms.pagination import paginate_once
from courses.dates import (  # noqa: F401 (content_language, user_time_zone: callers' API)
    LONG_DATE_FORMATS,
    content_language,
    long_date,
    user_time_zone,
)
from courses.forms import CatalogueFilterForm
from courses.models import CourseIndexPage, CourseListing, CoursePage, ModulePage

CATALOGUE_PAGE_SIZE = 12

# What any list of pages needs to show a title and link to it (and to its other
# languages); the page's own fields are added per page type, the body stays unread.
PAGE_LIST_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale_id",
    "translation_key",
    "content_type_id",
)
MODULE_LIST_FIELDS = (
    *PAGE_LIST_FIELDS,
    "summary",
    "estimated_minutes",
    "is_required",
    "is_open_preview",
)
MODULE_LINK_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "live", "locale_id")


class EnrolmentStatus(StrEnum):
    OPEN = "open"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"


# --- shared -------------------------------------------------------------------------------


def publicly_visible(pages: QuerySet) -> QuerySet:
    """``pages`` minus those in a private section (login, password or group restriction).

    Same meaning as ``PageQuerySet.public()``, as a correlated subquery: ``public()``
    reads every restriction first, one more query each time it is called.
    """
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return pages.filter(~Exists(restricted))


def visible_courses() -> QuerySet[CoursePage]:
    """Live course pages that anyone may see, in every language."""
    return publicly_visible(CoursePage.objects.live())


def open_for_enrolment_q(now: dt.datetime) -> Q:
    """Courses whose enrolment window contains ``now`` (a missing end means no limit)."""
    return (Q(enrolment_opens_at__isnull=True) | Q(enrolment_opens_at__lte=now)) & (
        Q(enrolment_closes_at__isnull=True) | Q(enrolment_closes_at__gt=now)
    )


def original_page_pk(pages: QuerySet[CoursePage]) -> Expression:
    """For each row, the pk of its course's original page among ``pages``.

    The original is the page in the locale the course was first translated from
    (wagtail-localize's oldest TranslationSource); without one, the oldest page.
    """
    same_course = pages.filter(translation_key=OuterRef("translation_key"))
    oldest = Subquery(same_course.order_by("pk").values("pk")[:1])
    if not apps.is_installed("wagtail_localize"):
        return oldest
    from wagtail_localize.models import TranslationSource

    source_locale = (
        TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
        .order_by("created_at", "pk")
        .values("locale_id")[:1]
    )
    in_source_locale = same_course.filter(locale_id=Subquery(source_locale)).values("pk")[:1]
    return Coalesce(Subquery(in_source_locale), oldest)


# --- the catalogue --------------------------------------------------------------------------


def course_search_keys(*, query: str) -> list[UUID]:
    """Translation keys of the courses matching ``query``, best match first.

    Searches the title, summary and description of every live page of every
    course, so a course is found by the words of any of its translations, the
    visitor's language included.
    """
    # The query is plain text (quotes are no phrase syntax), but SQLite's full-text
    # MATCH fails on an unbalanced double quote inside a word.
    query = " ".join(query.replace('"', " ").split())
    if not query:
        return []
    keys: dict[UUID, None] = {}
    for page in CoursePage.objects.live().only("translation_key").search(query):
        keys.setdefault(page.translation_key, None)
    # Full-text search matches whole words, but Korean writes compounds as one word
    # (사회적경제 holds 경제): then every word of the query found inside the title or
    # summary (the description is HTML: its tag names would match). On PostgreSQL a
    # trigram index serves these ILIKE '%…%' (courses 0014_catalogue_trigram_search);
    # on SQLite they are LIKE.
    inside_words = Q()
    for word in query.split():
        inside_words &= Q(title__icontains=word) | Q(summary__icontains=word)
    for key in (
        CoursePage.objects.live()
        .filter(inside_words)
        .order_by("-first_published_at", "-pk")
        .values_list("translation_key", flat=True)
    ):
        keys.setdefault(key, None)
    return list(keys)


def catalogue_courses(
    *,
    language: str,
    filters: dict | None = None,
    search_keys: list[UUID] | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[CourseListing]:
    """One listing row per live, public course, ordered: a single indexed query on the
    course listing (``courses.models.CourseListing``), however many courses and languages.

    The row shows the course's page in ``language`` when it has one, else its original. A
    ``language`` filter keeps only the courses with a page in that language, and shows
    that page. Topic, host and region are facts about the course (any of its pages has
    them); format and the enrolment window are read from the page shown. With
    ``search_keys`` (from ``course_search_keys``) only those courses are listed, in that
    order; otherwise courses open for enrolment come first, then the newest.
    """
    filters = filters or {}
    now = now or timezone.now()
    if filters.get("language"):
        courses = CourseListing.objects.filter(language=filters["language"], in_language=True)
    else:
        courses = CourseListing.objects.filter(language=language)

    course_facts = {"topic": "topic_slugs", "host": "host_ids", "region": "regions"}
    for name, column in course_facts.items():
        if filters.get(name):
            courses = courses.filter(**{f"{column}__contains": CourseListing.bar([filters[name]])})
    if filters.get("format"):
        courses = courses.filter(format=filters["format"])
    if filters.get("open_now"):
        courses = courses.filter(open_for_enrolment_q(now))

    if search_keys is not None:
        if not search_keys:
            return courses.none()
        relevance = Case(
            *(When(translation_key=key, then=Value(rank)) for rank, key in enumerate(search_keys)),
            output_field=IntegerField(),
        )
        courses = courses.filter(translation_key__in=search_keys).alias(relevance=relevance)
        ordering = ("relevance", "-page_id")
    else:
        courses = courses.alias(
            not_open=Case(
                When(open_for_enrolment_q(now), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        ordering = ("not_open", F("first_published_at").desc(nulls_last=True), "-page_id")
    return courses.order_by(*ordering)


def attach_available_languages(courses: list[CoursePage]) -> None:
    """Sets ``available_languages`` (sorted language codes of live public pages) on each
    course, in one query for the whole list."""
    if not courses:
        return
    found: dict[UUID, set[str]] = defaultdict(set)
    for key, code in (
        visible_courses()
        .filter(translation_key__in={course.translation_key for course in courses})
        .values_list("translation_key", "locale__language_code")
    ):
        found[key].add(code)
    for course in courses:
        course.available_languages = sorted(found[course.translation_key])


def catalogue_context(*, request: HttpRequest, index: CourseIndexPage) -> dict:
    """What the catalogue page shows: the filter form and one page of matching courses.

    Bad filter values are ignored (the form carries their errors); a page number
    that is not a number gives the first page, one past the end the last.
    """
    language = content_language()
    form = CatalogueFilterForm(
        request.GET, language_code=language, visible_courses=visible_courses()
    )
    filters = form.filters()
    search_keys = course_search_keys(query=filters["q"]) if filters.get("q") else None
    courses = catalogue_courses(language=language, filters=filters, search_keys=search_keys)
    page = paginate_once(courses, per_page=CATALOGUE_PAGE_SIZE, number=request.GET.get("page"))

    query = QueryDict(mutable=True)
    for name in form.fields:
        if name in filters:
            # The form reads the last value of a repeated parameter; so do the links.
            query[name] = filters[name] if name == "q" else request.GET[name]

    return {
        "filter_form": form,
        "courses": page,
        "result_count": page.paginator.count,
        "query_string_without_page": query.urlencode(),
        "active_filter_count": sum(1 for name, value in filters.items() if name != "q" and value),
        "active_language": language,
    }


# --- a course -----------------------------------------------------------------------------


def course_modules(*, course: CoursePage) -> QuerySet[ModulePage]:
    """The course's live modules in order, with what a syllabus shows (not their body)."""
    return ModulePage.objects.child_of(course).live().order_by("path").only(*MODULE_LIST_FIELDS)


def course_languages(*, course: CoursePage, request: HttpRequest | None = None) -> list[tuple]:
    """(code, language name, URL) of each live public page of the course, by code."""
    names = dict(settings.LANGUAGES)
    pages = (
        publicly_visible(Page.objects.live())
        .filter(translation_key=course.translation_key, content_type_id=course.content_type_id)
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "locale__language_code")
    )
    return sorted(
        (
            page.locale.language_code,
            names.get(page.locale.language_code, page.locale.language_code),
            page.get_url(request),
        )
        for page in pages
    )


def enrolment_status(*, course: CoursePage, now: dt.datetime | None = None) -> EnrolmentStatus:
    now = now or timezone.now()
    if course.enrolment_opens_at and now < course.enrolment_opens_at:
        return EnrolmentStatus.NOT_YET_OPEN
    if course.enrolment_closes_at and now >= course.enrolment_closes_at:
        return EnrolmentStatus.CLOSED
    return EnrolmentStatus.OPEN


def enrolment_message(
    *, course: CoursePage, status: EnrolmentStatus, time_zone: dt.tzinfo | None = None
) -> str:
    """The enrolment window in a sentence, dates in the viewer's language and time zone."""
    time_zone = time_zone or timezone.get_current_timezone()
    if status == EnrolmentStatus.NOT_YET_OPEN:
        return gettext("Enrolment opens on %(date)s.") % {
            "date": long_date(course.enrolment_opens_at, time_zone)
        }
    if status == EnrolmentStatus.CLOSED:
        return gettext("Enrolment closed on %(date)s.") % {
            "date": long_date(course.enrolment_closes_at, time_zone)
        }
    if course.enrolment_closes_at:
        return gettext("Enrolment is open until %(date)s.") % {
            "date": long_date(course.enrolment_closes_at, time_zone)
        }
    return gettext("Enrolment is open.")


def deadline_text(*, course: CoursePage) -> str:
    """When a learner must finish, in a sentence."""
    policy = course.deadline_policy
    if policy == CoursePage.DeadlinePolicy.FIXED and course.deadline_date:
        return gettext("Complete by %(date)s.") % {
            "date": long_date(course.deadline_date, timezone.get_current_timezone())
        }
    if policy == CoursePage.DeadlinePolicy.RELATIVE and course.deadline_days:
        days = course.deadline_days
        return ngettext(
            "You have %(days)s day from the day you enrol.",
            "You have %(days)s days from the day you enrol.",
            days,
        ) % {"days": days}
    return gettext("No deadline.")
