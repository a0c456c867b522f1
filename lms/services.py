"""Services for the platform core. Every write goes through one of these."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import roles
from lms.models import Heartbeat, Membership, Organisation, User


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
) -> User:
    """Create a person. Refuses an e-mail address already in use, whatever its case."""
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
    )


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
