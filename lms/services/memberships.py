"""Services for memberships: who moves a membership between states (see the Membership
docstring), the secretariat's transfer, and invitations. Who may act is asked of
``lms.permissions.membership_policy``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms import events
from lms.models import Membership, Organisation, User
from lms.permissions import membership_policy
from lms.services.accounts import user_create, user_sync_coordinator_group
from lms.urls_absolute import absolute_url

# --- sign-up: (none) → requested ---------------------------------------------------------------


@transaction.atomic
def user_sign_up(
    *,
    email: str,
    full_name: str,
    password: str,
    preferred_language: str,
    time_zone: str,
    organisation: Organisation | None = None,
) -> User:
    """A person opens their own account, unverified, and may ask to join an organisation.

    The membership stays pending until a coordinator of the organisation confirms it;
    until then the person can take the courses open to everyone. Either both the
    account and the membership are made, or neither.
    """
    user = user_create(
        email=email,
        full_name=full_name,
        password=password,
        preferred_language=preferred_language,
        time_zone=time_zone,
    )
    if organisation is not None:
        membership_create(
            user=user, organisation=organisation, role=Membership.Role.LEARNER, confirmed=False
        )
    return user


# --- who may move a membership ----------------------------------------------------------------


def _may_manage_members(*, user: User | None, organisation: Organisation) -> bool:
    return (
        user is not None
        and membership_policy.organisations_user_has_permission_for(user, "manage")
        .filter(pk=organisation.pk)
        .exists()
    )


def _check_manager(*, by: User | None, organisation: Organisation, message: str) -> None:
    """``by`` None means the platform itself (the demo seed, a sign-up, a task)."""
    if by is not None and not _may_manage_members(user=by, organisation=organisation):
        raise ValidationError(message, code="not_allowed")


def _log(membership: Membership, action: str, by: User | None, **data) -> None:
    from wagtail.log_actions import log

    log(
        instance=membership,
        action=action,
        user=by,
        data={"organisation": membership.organisation.name, **data},
    )


def _lock(membership: Membership) -> None:
    """Lock the row, then read it again into the caller's object: two coordinators (or a
    coordinator and the person) answering at once decide one after the other."""
    list(Membership.objects.select_for_update().filter(pk=membership.pk).values_list("pk"))
    membership.refresh_from_db()


def _move(membership: Membership, status: str, now: dt.datetime, **fields) -> Membership:
    """Put ``membership`` in ``status`` as of ``now`` (callers checked that they may)."""
    previous, waiting_since = membership.status, membership.status_changed_at
    membership.status = status
    membership.status_changed_at = now
    changed = ["status", "status_changed_at"]
    if status == Membership.Status.ACTIVE:
        membership.confirmed_at = now
        changed.append("confirmed_at")
    for name, value in fields.items():
        setattr(membership, name, value)
        changed.append(name)
    membership.save(update_fields=changed)
    user_sync_coordinator_group(user=membership.user)
    if status == Membership.Status.ACTIVE and previous in (
        Membership.Status.REQUESTED,
        Membership.Status.INVITED,
    ):
        # Enrolments made while it was requested or invited now count for the organisation.
        events.membership_activated.send(
            sender=Membership, membership=membership, waiting_since=waiting_since, now=now
        )
    return membership


@transaction.atomic
def membership_create(
    *,
    user: User,
    organisation: Organisation,
    role: str = Membership.Role.LEARNER,
    confirmed: bool = False,
    now: dt.datetime | None = None,
) -> Membership:
    """Tie ``user`` to ``organisation``: requested (the person asks, at sign-up) or, with
    ``confirmed``, active at once (an account a coordinator just made, the demo seed).

    Calling it again for the same person and organisation updates the role and never
    creates a second membership. On an existing membership ``confirmed`` may only confirm
    a request; an invitation waits for the person's answer, and someone who left is
    invited again (``membership_invite``) rather than made a member without asking.
    An ended membership asked for again becomes requested.
    """
    now = now or timezone.now()
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role “%(role)s”.") % {"role": role})
    if not organisation.is_active:
        raise ValidationError(
            _("%(organisation)s is no longer an active GSEF member.")
            % {"organisation": organisation.name}
        )
    status = Membership.Status.ACTIVE if confirmed else Membership.Status.REQUESTED
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "role": role,
            "status": status,
            "status_changed_at": now,
            "confirmed_at": now if confirmed else None,
        },
    )
    if created:
        user_sync_coordinator_group(user=user)
        return membership
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    Status = Membership.Status
    if confirmed and membership.status == Status.REQUESTED:
        return _move(membership, Status.ACTIVE, now)
    if confirmed and membership.status in (Status.INVITED, Status.ENDED):
        raise ValidationError(
            _(
                "%(email)s is not a member of %(organisation)s and must agree to become "
                "one: invite them, and they will be a member once they accept."
            )
            % {"email": user.email, "organisation": organisation.name},
            code="needs_consent",
        )
    if not confirmed and membership.status == Status.ENDED:
        return _move(membership, Status.REQUESTED, now)
    user_sync_coordinator_group(user=user)
    return membership


@transaction.atomic
def membership_confirm(
    *, membership: Membership, by: User | None = None, now: dt.datetime | None = None
) -> Membership:
    """A coordinator (or the secretariat) confirms a request to join. Confirming an
    active membership does nothing; an invitation is answered by the person only."""
    _lock(membership)
    _check_manager(
        by=by,
        organisation=membership.organisation,
        message=_("Only a coordinator of the organisation or the secretariat confirms members."),
    )
    if membership.status == Membership.Status.ACTIVE:
        return membership
    if membership.status == Membership.Status.INVITED:
        raise ValidationError(
            _(
                "%(email)s was invited and has not answered yet. Only they can accept: "
                "they have the link in their e-mail and on their profile page."
            )
            % {"email": membership.user.email},
            code="needs_consent",
        )
    if membership.status == Membership.Status.ENDED:
        raise ValidationError(
            _(
                "This membership has ended. Invite %(email)s again: they become a member "
                "once they accept."
            )
            % {"email": membership.user.email},
            code="ended",
        )
    _move(membership, Membership.Status.ACTIVE, now or timezone.now())
    _log(membership, "lms.membership.confirm", by)
    return membership


@transaction.atomic
def membership_accept(
    *, membership: Membership, by: User, now: dt.datetime | None = None
) -> Membership:
    """The invited person accepts: they become an active member. Only they can do it;
    accepting twice does nothing."""
    _lock(membership)
    if by.pk != membership.user_id:
        raise ValidationError(
            _("Only the person invited can accept an invitation."), code="not_allowed"
        )
    if membership.status == Membership.Status.ACTIVE:
        return membership
    if membership.status != Membership.Status.INVITED:
        raise ValidationError(
            _("This invitation is no longer open. Ask the coordinator to invite you again."),
            code="not_invited",
        )
    if not membership.organisation.is_active:
        raise ValidationError(
            _("%(organisation)s is no longer an active GSEF member.")
            % {"organisation": membership.organisation.name},
            code="inactive_organisation",
        )
    _move(membership, Membership.Status.ACTIVE, now or timezone.now())
    _log(membership, "lms.membership.accept", by)
    return membership


@transaction.atomic
def membership_decline(
    *, membership: Membership, by: User, now: dt.datetime | None = None
) -> Membership:
    """The invited person declines: the membership ends, nothing else changes. Declining
    twice does nothing."""
    _lock(membership)
    if by.pk != membership.user_id:
        raise ValidationError(
            _("Only the person invited can decline an invitation."), code="not_allowed"
        )
    if membership.status == Membership.Status.ENDED:
        return membership
    if membership.status != Membership.Status.INVITED:
        raise ValidationError(
            _("There is no open invitation to decline: you are already a member."),
            code="not_invited",
        )
    _move(membership, Membership.Status.ENDED, now or timezone.now())
    _log(membership, "lms.membership.decline", by)
    return membership


@transaction.atomic
def membership_end(
    *, membership: Membership, by: User | None = None, now: dt.datetime | None = None
) -> Membership:
    """The person leaves (or a request is refused, or an invitation withdrawn).
    Their history stays where it was attributed; ending twice does nothing."""
    _lock(membership)
    if by is None or by.pk != membership.user_id:
        _check_manager(
            by=by,
            organisation=membership.organisation,
            message=_("Only a coordinator of the organisation or the secretariat ends members."),
        )
    if membership.status == Membership.Status.ENDED:
        return membership
    _move(membership, Membership.Status.ENDED, now or timezone.now())
    _log(membership, "lms.membership.end", by)
    return membership


@dataclass(frozen=True)
class Transfer:
    """What ``membership_transfer`` did."""

    ended: Membership
    membership: Membership
    enrolments_moved: int


@transaction.atomic
def membership_transfer(
    *,
    membership: Membership,
    to_organisation: Organisation,
    move_history: bool,
    by: User,
    now: dt.datetime | None = None,
) -> Transfer:
    """Move a person from one organisation to another: the secretariat's explicit,
    logged action, the only way history ever changes organisation.

    The old membership ends; the person becomes an active member of ``to_organisation``
    with the same role. With ``move_history`` their enrolments (and certificates)
    attributed to the old organisation are attributed to the new one; without it they
    stay where they are.
    """
    if not membership_policy.user_has_permission(by, "transfer"):
        raise ValidationError(
            _("Only the secretariat moves people between organisations."), code="not_allowed"
        )
    now = now or timezone.now()
    _lock(membership)
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(
            _("Only an active member can be moved. This membership is “%(status)s”.")
            % {"status": membership.get_status_display()},
            code="not_active",
        )
    if to_organisation.pk == membership.organisation_id:
        raise ValidationError(
            _("Choose another organisation than the one they belong to."), code="same"
        )
    if not to_organisation.is_active:
        raise ValidationError(
            _("%(organisation)s is no longer an active GSEF member.")
            % {"organisation": to_organisation.name},
            code="inactive_organisation",
        )
    source = membership.organisation
    _move(membership, Membership.Status.ENDED, now)
    target, created = Membership.objects.select_for_update().get_or_create(
        user=membership.user,
        organisation=to_organisation,
        defaults={
            "role": membership.role,
            "status": Membership.Status.ACTIVE,
            "status_changed_at": now,
            "confirmed_at": now,
        },
    )
    if not created and target.status != Membership.Status.ACTIVE:
        _move(target, Membership.Status.ACTIVE, now, role=membership.role)
    user_sync_coordinator_group(user=membership.user)
    moved = 0
    if move_history:
        for _receiver, result in events.membership_history_move.send(
            sender=Membership,
            user=membership.user,
            from_organisation=source,
            to_organisation=to_organisation,
        ):
            moved += result or 0
    data = {
        "from_organisation": source.name,
        "to_organisation": to_organisation.name,
        "person": membership.user.email,
        "history_moved": move_history,
        "enrolments_moved": moved,
    }
    _log(membership, "lms.membership.transfer", by, **data)
    _log(target, "lms.membership.transfer", by, **data)
    return Transfer(ended=membership, membership=target, enrolments_moved=moved)


# --- invitations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    """What ``membership_invite`` did: the membership, whether the account is new, whether
    the membership changed, and whether it now waits for the person's answer."""

    membership: Membership
    account_created: bool
    membership_added: bool
    awaiting_answer: bool = False


def _invitation_email_queue(
    *, user: User, organisation: Organisation, invited_by: User, new: bool
) -> None:
    """The invitation, in the invitee's language. A new account gets a link to choose a
    password (Django's password-reset token, so it stops working once used); an existing
    account gets a link to the page where they accept or decline (after logging in)."""
    from lms.emails import email_queue

    with translation.override(user.preferred_language):
        link = ""
        if new:
            link = absolute_url(
                reverse(
                    "accounts:password_reset_confirm",
                    kwargs={
                        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                        "token": default_token_generator.make_token(user),
                    },
                )
            )
        context = {
            "user": user,
            "organisation": organisation,
            "invited_by": invited_by,
            "link": link,
            "login_url": absolute_url(reverse("accounts:login")),
            "invitations_url": absolute_url(reverse("accounts:invitations")),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
        name = "invitation" if new else "consent"
        subject = render_to_string(f"emails/invitations/{name}_subject.txt", context)
        text = render_to_string(f"emails/invitations/{name}_body.txt", context)
        html = render_to_string(f"emails/invitations/{name}_body.html", context)
    email_queue(
        to=user.email,
        subject=" ".join(subject.split()),
        text=text,
        html=html,
        language=user.preferred_language,
    )


@transaction.atomic
def membership_invite(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    preferred_language: str,
    invited_by: User,
    now: dt.datetime | None = None,
) -> Invitation:
    """Invite someone to ``organisation`` by e-mail.

    A new address gets an account with no password, a confirmed address (the coordinator
    vouches for it), an active membership and an e-mail, in their language, with a link to
    choose a password. An existing account is never made a member without its owner's
    consent: it gets an *invited* membership and an e-mail, in their language, with a link
    to accept or decline; until they accept, the organisation sees only the address typed.
    Someone who had asked to join is confirmed (they asked). Inviting a member, or someone
    already invited, again does nothing and sends nothing. Only the secretariat and the
    organisation's coordinators invite.
    """
    now = now or timezone.now()
    if not _may_manage_members(user=invited_by, organisation=organisation):
        raise ValidationError(
            _("You can only invite people to an organisation you coordinate."),
            code="not_allowed",
        )
    if not organisation.is_active:
        raise ValidationError(
            _("%(organisation)s is no longer an active GSEF member.")
            % {"organisation": organisation.name},
            code="inactive_organisation",
        )
    email = User.objects.normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("“%(email)s” is not an e-mail address.") % {"email": email}},
            code="invalid_email",
        ) from None
    existing = User.objects.with_email(email).first()
    if existing is None:
        full_name = " ".join(full_name.split())
        if not full_name:
            raise ValidationError(
                {"full_name": _("Give the person's full name: they have no account yet.")},
                code="name_required",
            )
        if preferred_language not in dict(settings.LANGUAGES):
            preferred_language = settings.LANGUAGE_CODE
        user = user_create(
            email=email,
            full_name=full_name,
            password=None,
            preferred_language=preferred_language,
            email_verified=True,
        )
        membership = membership_create(
            user=user,
            organisation=organisation,
            role=Membership.Role.LEARNER,
            confirmed=True,
            now=now,
        )
        membership.invited_by = invited_by
        membership.save(update_fields=["invited_by"])
        _invitation_email_queue(
            user=user,
            organisation=organisation,
            invited_by=invited_by,
            new=True,
        )
        return Invitation(membership=membership, account_created=True, membership_added=True)
    if not existing.is_active:
        raise ValidationError(
            _("The account of %(email)s is deactivated. Ask the secretariat to reactivate it.")
            % {"email": email},
            code="inactive",
        )
    current = (
        Membership.objects.select_for_update()
        .filter(user=existing, organisation=organisation)
        .first()
    )
    Status = Membership.Status
    if current is not None and current.status == Status.ACTIVE:
        return Invitation(membership=current, account_created=False, membership_added=False)
    if current is not None and current.status == Status.INVITED:
        return Invitation(
            membership=current,
            account_created=False,
            membership_added=False,
            awaiting_answer=True,
        )
    if current is not None and current.status == Status.REQUESTED:
        membership_confirm(membership=current, by=invited_by, now=now)
        current.refresh_from_db()
        return Invitation(membership=current, account_created=False, membership_added=True)
    if current is None:
        current = Membership.objects.create(
            user=existing,
            organisation=organisation,
            role=Membership.Role.LEARNER,
            status=Status.INVITED,
            status_changed_at=now,
            invited_by=invited_by,
        )
    else:  # ended: invited again
        _move(current, Status.INVITED, now, invited_by=invited_by)
    _log(current, "lms.membership.invite", invited_by, email=email)
    _invitation_email_queue(
        user=existing,
        organisation=organisation,
        invited_by=invited_by,
        new=False,
    )
    return Invitation(
        membership=current, account_created=False, membership_added=True, awaiting_answer=True
    )
