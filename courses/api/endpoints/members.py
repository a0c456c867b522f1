"""GET /members and POST /members/invitations: the organisation's people."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Query, Router, Status

from courses.api.auth import acting_user, require_enrol_scope
from courses.api.endpoints.common import READ_PROBLEMS, WRITE_PROBLEMS, PageParams, person
from courses.api.pagination import cursor_page
from courses.api.problems import ApiProblem, field_errors_from_django
from courses.api.schemas import InvitationIn, InvitationOut, MemberPage
from courses.api.selectors import api_members
from lms.models import Membership
from lms.services.memberships import membership_invite

router = Router(tags=["members"])


def _member(membership: Membership) -> dict:
    # An existing account that has not accepted an invitation shows only its address, as
    # in the admin: the organisation sees no more until the person consents.
    consented = membership.status != Membership.Status.INVITED
    return {
        "id": membership.pk,
        "person": person(membership.user, consented=consented),
        "role": membership.role,
        "status": membership.status,
        "status_changed_at": membership.status_changed_at,
    }


@router.get("/members", response={200: MemberPage, **READ_PROBLEMS}, summary="List members")
def list_members(request, params: Query[PageParams]):
    """The organisation's memberships (active, invited, requested, ended), oldest change
    first. Scope: read."""
    rows, next_cursor = cursor_page(
        api_members(token=request.auth),
        field="status_changed_at",
        cursor=params.cursor,
        updated_since=params.updated_since,
        limit=params.limit,
    )
    return {"items": [_member(m) for m in rows], "next_cursor": next_cursor}


@router.post(
    "/members/invitations",
    response={201: InvitationOut, 200: InvitationOut, **WRITE_PROBLEMS},
    summary="Invite a person",
)
def invite_member(request, payload: InvitationIn):
    """Invite someone by e-mail, with the admin's consent rule: a new address gets an
    account and an active membership; an existing account is only *invited* and becomes a
    member when its owner accepts. Inviting again changes nothing (200). Scope: enrol."""
    token = request.auth
    require_enrol_scope(token)
    by = acting_user(token)
    try:
        invitation = membership_invite(
            organisation=token.organisation,
            email=payload.email,
            full_name=payload.full_name,
            preferred_language=payload.preferred_language,
            invited_by=by,
            now=timezone.now(),
        )
    except ValidationError as error:
        raise ApiProblem(
            422,
            " ".join(error.messages),
            slug="invitation-refused",
            errors=field_errors_from_django(error, default_field="email"),
        ) from None
    body = {
        "member": _member(invitation.membership),
        "account_created": invitation.account_created,
        "awaiting_answer": invitation.awaiting_answer,
    }
    return Status(201 if invitation.membership_added else 200, body)
