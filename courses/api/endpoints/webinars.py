"""GET /webinar-registrations: the organisation's members' registrations and attendance."""

from __future__ import annotations

from ninja import Query, Router

from courses.api.endpoints.common import READ_PROBLEMS, PageParams, person
from courses.api.pagination import cursor_page
from courses.api.schemas import WebinarRegistrationPage
from courses.api.selectors import api_webinar_registrations

router = Router(tags=["webinars"])


@router.get(
    "/webinar-registrations",
    response={200: WebinarRegistrationPage, **READ_PROBLEMS},
    summary="List webinar registrations and attendance",
)
def list_webinar_registrations(request, params: Query[PageParams]):
    """Registrations of the organisation's active members, with attendance once recorded,
    ordered by their last change (registration, promotion off the waitlist, cancellation,
    attendance). Scope: read."""
    rows, next_cursor = cursor_page(
        api_webinar_registrations(token=request.auth),
        field="changed_at",
        cursor=params.cursor,
        updated_since=params.updated_since,
        limit=params.limit,
    )
    items = [
        {
            "id": r.pk,
            "person": person(r.user),
            "webinar_key": r.webinar.translation_key,
            "webinar_title": r.webinar.title,
            "starts_at": r.webinar.starts_at,
            "status": r.status,
            "registered_at": r.created_at,
            "cancelled_at": r.cancelled_at,
            "attended": r.attended,
            "attended_minutes": r.attended_minutes,
            "attendance_recorded_at": r.attendance_recorded_at,
        }
        for r in rows
    ]
    return {"items": items, "next_cursor": next_cursor}
