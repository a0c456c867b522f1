"""Unsubscribing: the signed one-click token in every e-mail's footer and
``List-Unsubscribe`` header, and the opt-out it leads to.
"""

from __future__ import annotations

from django.core import signing
from django.db import transaction

from lms.models import User

UNSUBSCRIBE_SALT = "courses.notifications.unsubscribe"


def unsubscribe_token(*, user: User, category: str) -> str:
    """A signed, unguessable link value saying "this person stops getting ``category``"."""
    return signing.dumps({"u": user.pk, "k": category}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[User, str] | None:
    """The person and category of a valid token, or None (bad signature, unknown kind…)."""
    from courses.notifications import NOTIFICATION_KINDS

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in {key for key, *_ in NOTIFICATION_KINDS}:
        return None
    user = User.objects.filter(pk=data.get("u")).first()
    return (user, data["k"]) if user is not None else None


@transaction.atomic
def notification_opt_out(*, user: User, category: str) -> User:
    """Stop sending ``category`` to ``user`` (pending messages of it are skipped at send
    time). Twice is once."""
    user = User.objects.select_for_update().get(pk=user.pk)
    preferences = dict(user.notification_preferences or {})
    if preferences.get(category) is not False:
        preferences[category] = False
        user.notification_preferences = preferences
        user.save(update_fields=["notification_preferences"])
    return user


def category_label(category: str) -> str:
    """The profile's name of an opt-out category, in the active language."""
    from courses.notifications import NOTIFICATION_KINDS

    for key, label, _help in NOTIFICATION_KINDS:
        if key == category:
            return str(label)
    return category
