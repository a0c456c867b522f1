"""Services for people: accounts (create, sign up, verify, profile, erase), the heartbeat,
and the Coordinators group kept in step with memberships."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import personal_data, roles
from lms.models import Heartbeat, Membership, User, validate_time_zone
from lms.permissions import forget_permissions


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
    forget_permissions(user)
