"""Services for the platform core. Every write goes through one of these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
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

from lms import personal_data, roles
from lms.models import Heartbeat, Membership, Organisation, User, validate_time_zone


def heartbeat_record(*, source: str) -> Heartbeat:
    """Record that ``source`` is alive now. Repeating it only moves the time forward."""
    heartbeat, _created = Heartbeat.objects.update_or_create(
        source=source, defaults={"seen_at": timezone.now()}
    )
    return heartbeat


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    preferred_language: str = "en",
    time_zone: str = "UTC",
    email_verified: bool = False,
) -> User:
    """Create a person. Refuses an e-mail address already in use, whatever its case.

    ``email_verified`` is for accounts made on the person's behalf (the admin, the demo
    seed): nobody will click a confirmation link for them. Self sign-ups leave it off
    and confirm through ``user_verify_email``.
    """
    if User.objects.with_email(email).exists():
        raise ValidationError(
            {"email": _("A user with this e-mail address already exists.")}, code="duplicate"
        )
    return User.objects.create_user(
        email,
        password,
        full_name=full_name,
        preferred_language=preferred_language,
        time_zone=time_zone,
        email_verified_at=timezone.now() if email_verified else None,
    )


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


@transaction.atomic
def user_verify_email(*, user: User) -> User:
    """Record that the person reads mail at their address. Does nothing the second time."""
    if user.email_verified_at is not None:
        return user
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return user


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    full_name: str,
    preferred_language: str,
    time_zone: str,
    notifications: Mapping[str, bool] | None = None,
) -> User:
    """Change what a person may change about themselves.

    ``notifications`` maps a registered notification kind to whether the person wants
    it; a kind not mentioned keeps its current setting. Opting out is stored as
    ``{"kind": false}`` and opting back in removes the key, since every kind is on
    unless refused.
    """
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError(
            {"full_name": _("Enter your name as it should appear on certificates.")}
        )
    if preferred_language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": _("Choose one of the languages of the site.")})
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        raise ValidationError({"time_zone": error.error_list}) from None
    preferences = dict(user.notification_preferences or {})
    known = {kind.key for kind in personal_data.notification_kinds()}
    for key, wanted in (notifications or {}).items():
        if key not in known:
            raise ValidationError(_("“%(kind)s” is not a kind of notification.") % {"kind": key})
        if wanted:
            preferences.pop(key, None)
        else:
            preferences[key] = False
    user.full_name = full_name
    user.preferred_language = preferred_language
    user.time_zone = time_zone
    user.notification_preferences = preferences
    user.save(
        update_fields=["full_name", "preferred_language", "time_zone", "notification_preferences"]
    )
    return user


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Delete a person's account at their request.

    Every app's registered eraser runs first, in this transaction, to delete or
    anonymise its records of the person (learning records stay, without a name, for
    the organisation's statistics); then the memberships and the account go. If any
    step fails, nothing is deleted. Administrator accounts are refused: they hold the
    platform's keys, and another administrator removes them in the admin.
    """
    if user.is_superuser:
        raise ValidationError(
            _(
                "Administrator accounts cannot be deleted here. Ask another administrator "
                "to remove the account in the admin."
            ),
            code="superuser",
        )
    for eraser in personal_data.erasers():
        eraser(user)
    Membership.objects.filter(user=user).delete()
    user.delete()


def user_sync_coordinator_group(*, user: User) -> None:
    """Coordinators reach the Wagtail admin through the Coordinators group."""
    group = Group.objects.get(name=roles.COORDINATORS)
    coordinates = Membership.objects.filter(
        user=user, role=Membership.Role.COORDINATOR, status=Membership.Status.ACTIVE
    ).exists()
    if coordinates:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    if hasattr(user, "_gsef_group_names"):
        del user._gsef_group_names


@transaction.atomic
def membership_create(
    *,
    user: User,
    organisation: Organisation,
    role: str = Membership.Role.LEARNER,
    confirmed: bool = False,
) -> Membership:
    """Tie ``user`` to ``organisation``.

    A membership created by a coordinator or the secretariat is confirmed at once;
    one asked for by the person stays pending until a coordinator confirms it.
    Calling it again for the same person and organisation updates the role and
    never creates a second membership.
    """
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role “%(role)s”.") % {"role": role})
    if not organisation.is_active:
        raise ValidationError(
            _("%(organisation)s is no longer an active GSEF member.")
            % {"organisation": organisation.name}
        )
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "role": role,
            "status": Membership.Status.ACTIVE if confirmed else Membership.Status.PENDING,
            "confirmed_at": timezone.now() if confirmed else None,
        },
    )
    if not created:
        changed = []
        if membership.role != role:
            membership.role = role
            changed.append("role")
        if confirmed and membership.status != Membership.Status.ACTIVE:
            membership.status = Membership.Status.ACTIVE
            membership.confirmed_at = timezone.now()
            changed += ["status", "confirmed_at"]
        if changed:
            membership.save(update_fields=changed)
    user_sync_coordinator_group(user=user)
    return membership


@transaction.atomic
def membership_confirm(*, membership: Membership) -> Membership:
    """Confirm a pending membership. Confirming an active one does nothing."""
    if membership.status == Membership.Status.ACTIVE:
        return membership
    membership.status = Membership.Status.ACTIVE
    membership.confirmed_at = timezone.now()
    membership.save(update_fields=["status", "confirmed_at"])
    user_sync_coordinator_group(user=membership.user)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership) -> Membership:
    """Record that the person left the organisation. Their history stays."""
    if membership.status == Membership.Status.ENDED:
        return membership
    membership.status = Membership.Status.ENDED
    membership.save(update_fields=["status"])
    user_sync_coordinator_group(user=membership.user)
    return membership


# --- invitations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    """What ``membership_invite`` did: the membership, and whether the account is new."""

    membership: Membership
    account_created: bool
    membership_added: bool


def _may_manage_members(*, user: User, organisation: Organisation) -> bool:
    return (
        roles.is_secretariat(user)
        or Organisation.objects.coordinated_by(user).filter(pk=organisation.pk).exists()
    )


def _invitation_email_queue(
    *, user: User, organisation: Organisation, invited_by: User, site_root: str, new: bool
) -> None:
    """The invitation, in the invitee's language: a link to choose a password (Django's
    password-reset token, so it stops working once used) or, for an existing account,
    a note that they were added to the organisation."""
    from lms.emails import email_queue

    with translation.override(user.preferred_language):
        link = ""
        if new:
            link = site_root.rstrip("/") + reverse(
                "accounts:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        context = {
            "user": user,
            "organisation": organisation,
            "invited_by": invited_by,
            "site_root": site_root.rstrip("/"),
            "link": link,
            "login_url": site_root.rstrip("/") + reverse("accounts:login"),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
        name = "invitation" if new else "added"
        subject = render_to_string(f"emails/invitations/{name}_subject.txt", context)
        text = render_to_string(f"emails/invitations/{name}_body.txt", context)
        html = render_to_string(f"emails/invitations/{name}_body.html", context)
    email_queue(to=user.email, subject=subject, text=text, html=html)


@transaction.atomic
def membership_invite(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    preferred_language: str,
    invited_by: User,
    site_root: str | None = None,
) -> Invitation:
    """Make someone a confirmed learner of ``organisation`` and tell them by e-mail.

    A new person gets an account with no password, a confirmed address (the coordinator
    vouches for it) and an e-mail, in their language, with a link to choose a password.
    Someone who already has an account is only added to the organisation (their role,
    if they have one there, is kept) and told so. Inviting a member again does nothing
    and sends nothing. Only the secretariat and the organisation's coordinators invite.
    """
    if not _may_manage_members(user=invited_by, organisation=organisation):
        raise ValidationError(
            _("You can only invite people to an organisation you coordinate."),
            code="not_allowed",
        )
    site_root = site_root or settings.WAGTAILADMIN_BASE_URL
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
            user=user, organisation=organisation, role=Membership.Role.LEARNER, confirmed=True
        )
        _invitation_email_queue(
            user=user,
            organisation=organisation,
            invited_by=invited_by,
            site_root=site_root,
            new=True,
        )
        return Invitation(membership=membership, account_created=True, membership_added=True)
    if not existing.is_active:
        raise ValidationError(
            _("The account of %(email)s is deactivated. Ask the secretariat to reactivate it.")
            % {"email": email},
            code="inactive",
        )
    current = Membership.objects.filter(user=existing, organisation=organisation).first()
    if current is not None and current.status == Membership.Status.ACTIVE:
        return Invitation(membership=current, account_created=False, membership_added=False)
    membership = membership_create(
        user=existing,
        organisation=organisation,
        role=current.role if current else Membership.Role.LEARNER,
        confirmed=True,
    )
    _invitation_email_queue(
        user=existing,
        organisation=organisation,
        invited_by=invited_by,
        site_root=site_root,
        new=False,
    )
    return Invitation(membership=membership, account_created=False, membership_added=True)
