"""Template tags for course pages: featured courses, the catalogue link, pagination,
and the small words a course card needs (language names, hours, minutes)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.db.models import F
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from wagtail.coreutils import get_supported_content_language_variant

from cms import shell_cache
from courses import dates
from courses.models import CourseIndexPage, CourseListing
from courses.selectors.catalogue import open_for_enrolment_q

register = template.Library()

FALLBACK_LANGUAGE = "en"


def _active_language_code() -> str:
    """The content language of the request, without a database query."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


@register.simple_tag
def featured_courses(limit: int = 3) -> list[CourseListing]:
    """Up to ``limit`` live public courses open for enrolment now, in the visitor's
    language, newest first: the home page invites people to courses they can join.

    Falls back to open courses in their original language when none exist in the
    visitor's one yet, so the home page of a newly opened locale is not empty. Rows of
    the course listing (with ``available_languages``, like the catalogue's): one query.
    """
    rows = (
        CourseListing.objects.filter(language=_active_language_code())
        .filter(open_for_enrolment_q(timezone.now()))
        .order_by("-in_language", F("first_published_at").desc(nulls_last=True), "-page_id")
    )
    courses = list(rows[:limit])
    in_language = [course for course in courses if course.in_language]
    return in_language or courses


@register.simple_tag(takes_context=True)
def catalogue_page(context) -> CourseIndexPage | None:
    """The live catalogue in the visitor's language, else the English one.

    Remembered by the process until a page changes (``cms.shell_cache``): the header of
    every page links to it.
    """
    code = _active_language_code()

    def compute() -> CourseIndexPage | None:
        candidates = {
            page.locale.language_code: page
            for page in CourseIndexPage.objects.live()
            .filter(locale__language_code__in={code, FALLBACK_LANGUAGE})
            .select_related("locale")
            .order_by("-path")
        }
        return candidates.get(code) or candidates.get(FALLBACK_LANGUAGE)

    return shell_cache.remember(("catalogue-page", code), compute)


@register.filter
def language_name(code: str) -> str:
    """The name of a site language in that language ("fr" → "Français")."""
    return dict(settings.LANGUAGES).get(code, code)


@register.filter
def hours(value) -> str:
    """An effort in hours, in words: "1 hour", "2.5 hours" (localised number)."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    # Fractions read as plurals in English ("1.5 hours"); whole numbers choose their form.
    count = int(number) if number == number.to_integral_value() else 2
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": floatformat(number, -1)}


@register.filter
def long_date(value) -> str:
    """A date in words in the active language ("3 February 2027"); a datetime is read
    on the active time zone's calendar."""
    if not value:
        return ""
    return dates.long_date(value, timezone.get_current_timezone())


@register.filter
def minutes(value) -> str:
    """A duration in minutes, in words: "1 minute", "25 minutes"."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        return ""
    return ngettext("%(minutes)s minute", "%(minutes)s minutes", count) % {"minutes": count}


@register.simple_tag
def page_link(number: int, query_string: str = "") -> str:
    """A link to page ``number`` of a listing that keeps the listing's filters."""
    query = (query_string or "").lstrip("?&")
    return f"?{query}&page={number}" if query else f"?page={number}"


@register.simple_tag
def page_items(page_obj, on_each_side: int = 2, on_ends: int = 1) -> list[dict]:
    """The page numbers to show around the current one, with gaps (1 … 4 5 6 … 12)."""
    paginator = page_obj.paginator
    return [
        {
            "number": number,
            "is_gap": not isinstance(number, int),
            "is_current": number == page_obj.number,
        }
        for number in paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    ]


@register.filter
def lookup(mapping, key):
    """``mapping[key]``, or None: lets a template read a dict keyed by a block id."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None


def _viewer(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@register.simple_tag(takes_context=True)
def upcoming_webinars(context, limit: int = 3) -> list:
    """The next open webinars (not part of a course), each with ``times`` in the
    visitor's time zone and the host's. Two queries."""
    from courses.selectors.webinars import upcoming_public_webinars

    return upcoming_public_webinars(user=_viewer(context), limit=limit)


@register.simple_tag(takes_context=True)
def webinars_of_course(context, course) -> list:
    """The course's live webinars in time order, with ``times`` and the visitor's
    ``my_status``. Two queries however many webinars."""
    from courses.selectors.webinars import course_webinars

    return course_webinars(course=course, user=_viewer(context))


@register.simple_tag
def webinar_list_page():
    """The live list of open webinars in the visitor's language, else any, or None."""
    from courses.selectors.webinars import webinar_index_page

    return webinar_index_page()
