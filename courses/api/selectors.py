"""What a token reads: always within its organisation's reach (``permissions.token_reach``),
with what each response shows fetched in the same query."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, Greatest

from courses.api.models import ApiToken
from courses.api.permissions import token_reach
from courses.models import Certificate, CoursePage, Enrolment, WebinarRegistration
from courses.selectors.attribution import attributed_certificates
from courses.selectors.catalogue import original_page_pk, visible_courses
from lms.models import Membership

COURSE_FIELDS = (
    "id",
    "title",
    "summary",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "translation_key",
    "content_type_id",
    "level",
    "format",
    "effort_hours",
    "audience",
    "enrolment_opens_at",
    "enrolment_closes_at",
    "certificate_enabled",
)


def api_courses(*, key: UUID | None = None) -> list[list[CoursePage]]:
    """Every visible course as its pages, the original first (one query)."""
    pages = visible_courses()
    if key is not None:
        pages = pages.filter(translation_key=key)
    pages = (
        pages.annotate(original_pk=original_page_pk(CoursePage.objects.all()))
        .select_related("locale")
        .only(*COURSE_FIELDS, "locale__language_code")
        .order_by("translation_key", "pk")
    )
    by_key: dict[UUID, list[CoursePage]] = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)
    courses = []
    for group in by_key.values():
        group.sort(key=lambda page: (page.pk != page.original_pk, page.pk))
        courses.append(group)
    courses.sort(key=lambda group: group[0].title.casefold())
    return courses


def api_enrolments(*, token: ApiToken) -> QuerySet[Enrolment]:
    """The enrolments the token's organisation's coordinators see."""
    return Enrolment.objects.filter(token_reach(token).enrolment_q()).select_related(
        "user", "course_title_row"
    )


def api_members(*, token: ApiToken) -> QuerySet[Membership]:
    """The organisation's memberships; ``status_changed_at`` is their cursor."""
    return Membership.objects.filter(organisation_id=token.organisation_id).select_related("user")


def api_certificates(*, token: ApiToken) -> QuerySet[Certificate]:
    """Certificates attributed to the organisation, as its coordinators may download them
    (``courses.permissions.CertificatePermissionPolicy``: neither revoked nor superseded)."""
    return attributed_certificates(
        token_reach(token).organisation_ids,
        queryset=Certificate.objects.filter(revoked_at__isnull=True, superseded_by__isnull=True),
    ).select_related("user")


def api_webinar_registrations(*, token: ApiToken) -> QuerySet[WebinarRegistration]:
    """Registrations of the organisation's active members (``webinar_attendance_policy``'s
    rule for coordinators)."""
    members = Membership.objects.filter(
        organisation_id=token.organisation_id, status=Membership.Status.ACTIVE
    ).values("user_id")
    created = F("created_at")
    changed = Greatest(
        created,
        Coalesce("promoted_at", created),
        Coalesce("cancelled_at", created),
        Coalesce("attendance_recorded_at", created),
    )
    return (
        WebinarRegistration.objects.filter(user_id__in=members)
        .annotate(changed_at=changed)
        .select_related("user", "webinar")
    )
