"""Enrolments: list (progress, incremental sync), completions, enrol (idempotent), withdraw."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Status

from courses.api.auth import acting_user, require_enrol_scope
from courses.api.endpoints.common import READ_PROBLEMS, WRITE_PROBLEMS, PageParams, person
from courses.api.pagination import cursor_page
from courses.api.problems import ApiProblem, field_errors_from_django
from courses.api.schemas import Enrolment as EnrolmentOut
from courses.api.schemas import EnrolmentIn, EnrolmentPage
from courses.api.selectors import api_enrolments
from courses.api.services import (
    body_fingerprint,
    idempotent_response_find,
    idempotent_response_store,
)
from courses.models import CoursePage, Enrolment
from courses.services.learning import enrolment_create, enrolment_withdraw
from lms.models import Membership

router = Router(tags=["enrolments"])


class EnrolmentFilters(PageParams):
    course_key: UUID | None = Field(None, description="Only this course's enrolments.")
    status: Literal["active", "completed", "withdrawn"] | None = None


def _enrolment(enrolment: Enrolment) -> dict:
    title = enrolment.course_title_row.title if enrolment.course_title_row else None
    return {
        "id": enrolment.pk,
        "learner": person(enrolment.user),
        "course_key": enrolment.course_key,
        "course_title": title,
        "status": enrolment.status,
        "source": enrolment.source,
        "enrolled_at": enrolment.enrolled_at,
        "due_on": enrolment.due_on,
        "completed_at": enrolment.completed_at,
        "withdrawn_at": enrolment.withdrawn_at,
        "progress_percent": enrolment.progress_percent,
        "modules_completed": enrolment.modules_completed,
        "modules_required": enrolment.modules_required,
        "last_activity_at": enrolment.last_activity_at,
        "updated_at": enrolment.updated_at,
    }


def _page(queryset, params: PageParams) -> dict:
    rows, next_cursor = cursor_page(
        queryset,
        field="updated_at",
        cursor=params.cursor,
        updated_since=params.updated_since,
        limit=params.limit,
    )
    return {"items": [_enrolment(e) for e in rows], "next_cursor": next_cursor}


def _in_reach(request, enrolment_id: int) -> Enrolment:
    enrolment = api_enrolments(token=request.auth).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise ApiProblem(404, _("Your organisation has no enrolment with this id."))
    return enrolment


@router.get(
    "/enrolments", response={200: EnrolmentPage, **READ_PROBLEMS}, summary="List enrolments"
)
def list_enrolments(request, params: Query[EnrolmentFilters]):
    """Enrolments counted for the organisation, with progress, ordered by last change:
    page with ``cursor``, sync with ``updated_since``. Scope: read."""
    enrolments = api_enrolments(token=request.auth)
    if params.course_key:
        enrolments = enrolments.filter(course_key=params.course_key)
    if params.status:
        enrolments = enrolments.filter(status=params.status)
    return _page(enrolments, params)


@router.get(
    "/completions", response={200: EnrolmentPage, **READ_PROBLEMS}, summary="List completions"
)
def list_completions(request, params: Query[PageParams]):
    """Completed enrolments only (``completed_at`` says when), ordered by last change.
    Scope: read."""
    completed = api_enrolments(token=request.auth).filter(status=Enrolment.Status.COMPLETED)
    return _page(completed, params)


@router.get(
    "/enrolments/{enrolment_id}",
    response={200: EnrolmentOut, **READ_PROBLEMS},
    summary="One enrolment",
)
def get_enrolment(request, enrolment_id: int):
    """One enrolment with its progress. Scope: read."""
    return _enrolment(_in_reach(request, enrolment_id))


def _enrol(request, payload: EnrolmentIn) -> tuple[int, dict]:
    token = request.auth
    by = acting_user(token)
    membership = (
        Membership.objects.filter(
            organisation_id=token.organisation_id,
            status=Membership.Status.ACTIVE,
            user__email__iexact=payload.learner_email.strip(),
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        detail = _("%(email)s is not an active member of %(organisation)s.") % {
            "email": payload.learner_email,
            "organisation": token.organisation.name,
        }
        raise ApiProblem(
            422,
            detail,
            slug="not-a-member",
            errors=[{"field": "learner_email", "location": "body", "detail": detail}],
        )
    course = (
        CoursePage.objects.live().filter(translation_key=payload.course_key).order_by("pk").first()
    )
    if course is None:
        detail = _("No published course has this key.")
        raise ApiProblem(
            422,
            detail,
            slug="unknown-course",
            errors=[{"field": "course_key", "location": "body", "detail": detail}],
        )
    learner = membership.user
    already = (
        Enrolment.objects.current().filter(user=learner, course_key=course.translation_key).exists()
    )
    try:
        enrolment = enrolment_create(
            user=learner,
            course=course,
            source=Enrolment.Source.COORDINATOR,
            enrolled_by=by,
            due_on=payload.due_on,
            now=timezone.now(),
        )
    except ValidationError as error:
        raise ApiProblem(
            422,
            " ".join(error.messages),
            slug="enrolment-refused",
            errors=field_errors_from_django(error, default_field="course_key"),
        ) from None
    enrolment = Enrolment.objects.select_related("user", "course_title_row").get(pk=enrolment.pk)
    body = EnrolmentOut.model_validate(_enrolment(enrolment)).model_dump(mode="json")
    return (200 if already else 201), body


@router.post(
    "/enrolments",
    response={201: EnrolmentOut, 200: EnrolmentOut, **WRITE_PROBLEMS},
    summary="Enrol a member",
)
def create_enrolment(
    request,
    payload: EnrolmentIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        max_length=255,
        description="Any unique string: the same key with the same body returns the first "
        "response again; with another body, 422.",
    ),
):
    """Enrol an active member of the organisation in a course, as a coordinator would
    (the course's rules apply: window, audience, publication). 201 when enrolled now, 200
    when they already were. Scope: enrol."""
    token = request.auth
    require_enrol_scope(token)
    if idempotency_key is None:
        return Status(*_enrol(request, payload))
    key = idempotency_key.strip()
    if not key:
        raise ApiProblem(
            422,
            _("The Idempotency-Key header is empty."),
            errors=[{"field": "Idempotency-Key", "location": "header", "detail": _("Empty.")}],
        )
    fingerprint = body_fingerprint(f"{request.method} {request.path}\n".encode() + request.body)
    with transaction.atomic():
        stored = idempotent_response_find(token=token, key=key)
        if stored is None:
            status, body = _enrol(request, payload)
            stored = idempotent_response_store(
                token=token,
                key=key,
                method=request.method,
                path=request.path,
                body_hash=fingerprint,
                status=status,
                body=body,
                now=timezone.now(),
            )
    if stored.body_hash != fingerprint:
        detail = _(
            "This Idempotency-Key was already used with another request. "
            "Use a new key for a new enrolment."
        )
        raise ApiProblem(
            422,
            detail,
            slug="idempotency-key-reused",
            errors=[{"field": "Idempotency-Key", "location": "header", "detail": detail}],
        )
    return Status(stored.status, stored.body)


@router.post(
    "/enrolments/{enrolment_id}/withdraw",
    response={200: EnrolmentOut, **WRITE_PROBLEMS},
    summary="Withdraw an enrolment",
)
def withdraw_enrolment(request, enrolment_id: int):
    """Withdraw a learner from a course in progress (completed modules are kept for a
    re-enrolment). Withdrawing twice changes nothing; a completed course answers 409.
    Scope: enrol."""
    token = request.auth
    require_enrol_scope(token)
    acting_user(token)
    enrolment = _in_reach(request, enrolment_id)
    try:
        enrolment_withdraw(enrolment=enrolment, now=timezone.now())
    except ValidationError as error:
        raise ApiProblem(409, " ".join(error.messages), slug="already-completed") from None
    return _enrolment(_in_reach(request, enrolment_id))
