"""Read side of webinars: who may register, and what the webinar page, lists, the
dashboard and the attendance screen show. Times in the viewer's and the host's zones are
``courses.selectors.webinar_times``; calendar files ``courses.selectors.calendars``.

Every context here costs a fixed number of queries, however many webinars or
registrations there are.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from courses.models import (
    CalendarFeed,
    CoursePage,
    Enrolment,
    WebinarIndexPage,
    WebinarPage,
    WebinarRegistration,
)
from courses.permissions import webinar_attendance_policy
from courses.selectors.calendars import (  # noqa: F401 (callers import them from here too)
    CALENDAR_PRODUCT,
    add_to_calendar_links,
    calendar_ics,
    feed_links,
    feed_webinars,
    webinar_uid,
)
from courses.selectors.catalogue import PAGE_LIST_FIELDS, content_language, publicly_visible
from courses.selectors.learning import Refusal
from courses.selectors.webinar_times import (  # noqa: F401 (callers import them from here too)
    WebinarTimes,
    span_text,
    times_for_user,
    utc_offset_label,
    viewer_zone,
    webinar_times,
    zone_label,
)
from lms.models import Membership, User
from lms.permissions import coordinated_organisations, sees_every_organisation

UPCOMING_PUBLIC_LIMIT = 3
MISSED_RECORDINGS_LIMIT = 5

# What a webinar list needs; descriptions and materials stay unread.
WEBINAR_LIST_FIELDS = (
    *PAGE_LIST_FIELDS,
    "starts_at",
    "host_time_zone",
    "duration_minutes",
    "language",
    "capacity",
    "is_cancelled",
    "join_url",
    "join_opens_minutes_before",
    "recording_url",
    "min_minutes_to_attend",
)


# --- who may register -----------------------------------------------------------------------


def webinar_course(webinar: WebinarPage) -> CoursePage | None:
    """The course a webinar belongs to, or None for an open webinar."""
    return CoursePage.objects.parent_of(webinar).first()


def webinar_registration_refusal(
    *,
    user: User,
    webinar: WebinarPage,
    course: CoursePage | None = None,
    now: dt.datetime | None = None,
    check_course: bool = True,
) -> Refusal | None:
    """Why ``user`` cannot register for ``webinar`` now, in a sentence; None if they can.

    In the order a person meets them: the account is active and its e-mail address
    confirmed; the webinar is published, not cancelled and not over; a course
    webinar is for the course's enrolled learners (in any of its languages).
    """
    now = now or timezone.now()
    if not user.is_active:
        return Refusal("inactive", gettext("This account is deactivated."))
    if not webinar.live:
        return Refusal(
            "not_published", gettext("This webinar is not published, so nobody can register.")
        )
    if webinar.is_cancelled:
        return Refusal("cancelled", gettext("This webinar is cancelled."))
    if webinar.has_ended(now):
        return Refusal(
            "ended",
            gettext("This webinar is over. Its recording, if there is one, is on its page."),
        )
    if not user.is_email_verified:
        return Refusal(
            "unverified",
            gettext("Confirm your e-mail address first: open the link we sent to %(email)s.")
            % {"email": user.email},
        )
    if check_course:
        course = course if course is not None else webinar_course(webinar)
        if course is not None:
            enrolled = (
                Enrolment.objects.current()
                .filter(user=user, course_key=course.translation_key)
                .exists()
            )
            if not enrolled:
                return Refusal(
                    "not_enrolled",
                    gettext(
                        "This webinar is part of the course “%(course)s”. Enrol in the course "
                        "first, then register here."
                    )
                    % {"course": course.title},
                )
    return None


# --- one webinar ----------------------------------------------------------------------------


def waitlist_rank(registration: WebinarRegistration) -> int | None:
    """1 for the first person waiting, and so on; None when not waiting."""
    if registration.status != WebinarRegistration.Status.WAITLISTED:
        return None
    return WebinarRegistration.objects.filter(
        webinar_id=registration.webinar_id,
        status=WebinarRegistration.Status.WAITLISTED,
        position__lte=registration.position,
    ).count()


def _rank_subquery() -> Subquery:
    """Per registration row, its place in its webinar's waitlist, in the same query."""
    ahead = (
        WebinarRegistration.objects.filter(
            webinar_id=OuterRef("webinar_id"),
            status=WebinarRegistration.Status.WAITLISTED,
            position__lte=OuterRef("position"),
        )
        .order_by()
        .values("webinar_id")
        .annotate(rank=Count("pk"))
        .values("rank")
    )
    return Subquery(ahead)


def webinar_detail_context(*, request: HttpRequest, webinar: WebinarPage) -> dict:
    """What a webinar page shows the person looking: times in their zone and the host's,
    seats, their registration or why they cannot register, the join link when open,
    and the recording and materials afterwards."""
    now = timezone.now()
    user = request.user if request.user.is_authenticated else None
    if webinar.pk is None or webinar.starts_at is None:
        # The admin's preview of a page not saved yet: nothing to register for.
        return {"preview": True, "times": None, "has_ended": False}
    course = webinar_course(webinar)
    counts = WebinarRegistration.objects.filter(webinar=webinar).aggregate(
        registered=Count("pk", filter=Q(status=WebinarRegistration.Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=WebinarRegistration.Status.WAITLISTED)),
    )
    registration = None
    if user is not None:
        registration = (
            WebinarRegistration.objects.filter(webinar=webinar, user=user)
            .annotate(rank=_rank_subquery())
            .first()
        )
    is_current = registration is not None and registration.status != "cancelled"
    refusal = None
    if user is not None and not is_current:
        refusal = webinar_registration_refusal(user=user, webinar=webinar, course=course, now=now)
    seats_left = None
    if webinar.capacity is not None:
        seats_left = max(0, webinar.capacity - counts["registered"])
    is_registered = is_current and registration.status == WebinarRegistration.Status.REGISTERED
    has_ended = webinar.has_ended(now)
    # A registered person is offered their private feed (it carries the join link).
    feed = CalendarFeed.objects.filter(user=user).first() if is_registered else None
    return {
        "course": course,
        "times": times_for_user(webinar, user),
        "now": now,
        "has_started": now >= webinar.starts_at,
        "has_ended": has_ended,
        "registered_count": counts["registered"],
        "waiting_count": counts["waiting"],
        "seats_left": seats_left,
        "is_full": seats_left == 0,
        "registration": registration if is_current else None,
        "waitlist_rank": getattr(registration, "rank", None) if is_current else None,
        "registration_refusal": refusal,
        "can_join": is_registered and webinar.join_is_open(now) and bool(webinar.join_url),
        "join_opens_at_iso": webinar.join_opens_at.astimezone(dt.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
        "show_after": has_ended and bool(webinar.recording_url or webinar.materials),
        "register_url": reverse("learn:webinar_register", args=[webinar.pk]),
        "cancel_url": reverse("learn:webinar_cancel", args=[webinar.pk]),
        "calendar_url": reverse("learn:webinar_calendar", args=[webinar.pk]),
        "add_to_calendar": add_to_calendar_links(webinar),
        "calendar_feed_links": feed_links(feed) if feed else None,
        "language_name": dict(settings.LANGUAGES).get(webinar.language, webinar.language),
    }


# --- lists ----------------------------------------------------------------------------------


def _with_times(webinars: list[WebinarPage], user: User | None) -> list[WebinarPage]:
    zone, is_default = viewer_zone(user)
    now = timezone.now()
    for webinar in webinars:
        webinar.times = webinar_times(webinar, zone=zone, zone_is_default=is_default)
        webinar.has_ended_now = webinar.has_ended(now)
    return webinars


def upcoming_public_webinars(
    *, user: User | None = None, limit: int = UPCOMING_PUBLIC_LIMIT, now: dt.datetime | None = None
) -> list[WebinarPage]:
    """The next open webinars (not part of a course, not cancelled, not over), in the
    visitor's language first, each with ``times`` for ``user``. Two queries."""
    now = now or timezone.now()
    paths = list(WebinarIndexPage.objects.live().values_list("path", flat=True))
    if not paths:
        return []
    # Under a webinar list, not under a course.
    under_list = Q()
    for path in paths:
        under_list |= Q(path__startswith=path)
    # A webinar lasts at most a day: older starts cannot still be running.
    base = publicly_visible(WebinarPage.objects.live()).filter(
        is_cancelled=False, starts_at__gt=now - dt.timedelta(hours=24)
    )
    webinars = [
        webinar
        for webinar in base.filter(under_list)
        .order_by("starts_at", "pk")
        .only(*WEBINAR_LIST_FIELDS)
        .select_related("locale")
        if not webinar.has_ended(now)
    ]
    language = content_language()
    chosen: dict[UUID, WebinarPage] = {}
    for webinar in webinars:
        current = chosen.get(webinar.translation_key)
        if current is None or (
            webinar.locale.language_code == language and current.locale.language_code != language
        ):
            chosen[webinar.translation_key] = webinar
    ordered = sorted(chosen.values(), key=lambda webinar: (webinar.starts_at, webinar.pk))
    return _with_times(ordered[:limit], user)


def course_webinars(*, course: CoursePage, user: User | None) -> list[WebinarPage]:
    """The course's live webinars in time order, each with ``times`` for ``user``,
    ``has_ended_now`` and, for a signed-in person, ``my_status`` ("registered",
    "waitlisted" or None). Two queries however many webinars."""
    webinars = list(
        WebinarPage.objects.child_of(course)
        .live()
        .order_by("starts_at", "pk")
        .only(*WEBINAR_LIST_FIELDS)
    )
    statuses: dict[int, str] = {}
    if user is not None and webinars:
        statuses = dict(
            WebinarRegistration.objects.current()
            .filter(user=user, webinar_id__in=[webinar.pk for webinar in webinars])
            .values_list("webinar_id", "status")
        )
    for webinar in webinars:
        webinar.my_status = statuses.get(webinar.pk)
    return _with_times(webinars, user)


def webinar_index_context(*, request: HttpRequest, index: WebinarIndexPage) -> dict:
    """The webinar list: upcoming webinars under it, then the last past ones with recordings."""
    now = timezone.now()
    user = request.user if request.user.is_authenticated else None
    webinars = list(
        WebinarPage.objects.child_of(index)
        .live()
        .filter(starts_at__gt=now - dt.timedelta(days=365))
        .order_by("starts_at", "pk")
        .only(*WEBINAR_LIST_FIELDS)
    )
    _with_times(webinars, user)
    return {
        "upcoming": [webinar for webinar in webinars if not webinar.has_ended(now)],
        "past": [webinar for webinar in reversed(webinars) if webinar.has_ended(now)][:10],
    }


def webinar_index_page() -> WebinarIndexPage | None:
    """The live webinar list in the visitor's language, else any."""
    pages = {
        page.locale.language_code: page
        for page in WebinarIndexPage.objects.live().select_related("locale").order_by("-path")
    }
    return pages.get(content_language()) or pages.get("en") or next(iter(pages.values()), None)


# --- the dashboard --------------------------------------------------------------------------


def dashboard_webinars(*, request: HttpRequest, now: dt.datetime | None = None) -> dict:
    """For the dashboard: the person's upcoming webinars (registered or waiting, with
    the join link when open and their waitlist place), recordings of those they
    registered for and missed, and their calendar feed. Three queries."""
    now = now or timezone.now()
    user = request.user
    rows = list(
        WebinarRegistration.objects.current()
        .filter(user=user, webinar__live=True, webinar__is_cancelled=False)
        .filter(webinar__starts_at__gt=now - dt.timedelta(hours=24))
        .select_related("webinar")
        .annotate(rank=_rank_subquery())
        .order_by("webinar__starts_at", "pk")
    )
    upcoming = []
    zone, is_default = viewer_zone(user)
    for row in rows:
        webinar = row.webinar
        if webinar.has_ended(now):
            continue
        registered = row.status == WebinarRegistration.Status.REGISTERED
        upcoming.append(
            {
                "registration": row,
                "webinar": webinar,
                "times": webinar_times(webinar, zone=zone, zone_is_default=is_default),
                "waitlist_rank": row.rank if not registered else None,
                "join_url": webinar.join_url
                if registered and webinar.join_is_open(now) and webinar.join_url
                else "",
            }
        )
    missed = list(
        WebinarRegistration.objects.filter(
            user=user,
            status=WebinarRegistration.Status.REGISTERED,
            attended=False,
            webinar__live=True,
            webinar__is_cancelled=False,
            webinar__starts_at__lt=now,
            webinar__starts_at__gt=now - dt.timedelta(days=365),
        )
        .exclude(webinar__recording_url="")
        .select_related("webinar")
        .order_by("-webinar__starts_at", "-pk")[:MISSED_RECORDINGS_LIMIT]
    )
    missed = [row for row in missed if row.webinar.has_ended(now)]
    feed = CalendarFeed.objects.filter(user=user).first()
    return {
        "upcoming_webinars": upcoming,
        "missed_webinars": [
            {
                "webinar": row.webinar,
                "times": webinar_times(row.webinar, zone=zone, zone_is_default=is_default),
            }
            for row in missed
        ],
        "calendar_feed": feed,
        "calendar_feed_url": feed_links(feed).https if feed else "",
        "calendar_feed_links": feed_links(feed) if feed else None,
        "calendar_reset_url": reverse("learn:calendar_reset"),
    }


# --- attendance (admin) ---------------------------------------------------------------------


def is_course_trainer(*, user: User, course: CoursePage | None) -> bool:
    """Whether ``user`` trains any language version of ``course``."""
    if course is None or not user.is_authenticated:
        return False
    return CoursePage.objects.filter(translation_key=course.translation_key, trainers=user).exists()


def attendance_access(*, user: User, webinar: WebinarPage) -> str | None:
    """How much of a webinar's attendance ``user`` may manage: "all" (the secretariat,
    the trainers of the webinar's course), "organisations" (a coordinator: the people
    of the organisations they coordinate), or None (``webinar_attendance_policy``)."""
    return webinar_attendance_policy.access(
        user,
        "change",
        trains_course=lambda: is_course_trainer(user=user, course=webinar_course(webinar)),
    )


def coordinated_people(user: User) -> QuerySet[Membership]:
    """User ids of the active members of the organisations ``user`` coordinates."""
    return webinar_attendance_policy.coordinated_people(user)


def attendance_scope(*, user: User, webinar: WebinarPage) -> QuerySet[WebinarRegistration] | None:
    """The registrations ``user`` may see and record attendance for, or None when they
    may not manage this webinar at all (see ``attendance_access``)."""
    return webinar_attendance_policy.for_webinar(
        user,
        "change",
        webinar,
        trains_course=lambda: is_course_trainer(user=user, course=webinar_course(webinar)),
    )


def webinars_for_attendance(*, user: User) -> list[WebinarPage]:
    """Webinars that have started, most recent first, that ``user`` may record attendance
    for: all for the secretariat and coordinators, their courses' for trainers."""
    started = WebinarPage.objects.filter(starts_at__lte=timezone.now()).order_by("-starts_at")
    if not webinar_attendance_policy.user_has_permission(user, "change"):
        return []
    if sees_every_organisation(user) or coordinated_organisations(user).exists():
        return list(started[:100])
    courses = CoursePage.objects.filter(
        translation_key__in=CoursePage.objects.filter(trainers=user).values("translation_key")
    ).only("path", "depth")
    under = Q()
    found = False
    for course in courses:
        under |= Q(path__startswith=course.path, depth=course.depth + 1)
        found = True
    if not found:
        return []
    return list(started.filter(under)[:100])
