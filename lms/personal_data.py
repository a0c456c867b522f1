"""What the platform holds about a person, gathered and erased across apps.

Other apps (courses) keep their own records about a person, and lms must not
import them: dependencies run courses → lms only. So each app registers, from its
``AppConfig.ready()``:

- an *exporter*, which returns the JSON-serialisable data it holds about a user,
  added under its name to the "Download my data" file;
- an *eraser*, called inside the account-deletion transaction before the user row
  is deleted, which deletes or anonymises that app's records of the user;
- the *notification kinds* it sends, which the profile lets a person opt out of
  (``User.notification_preferences`` stores ``{"kind": false}`` for each opt-out).

Registering the same exporter name, eraser or notification key again replaces the
earlier entry, so a ``ready()`` that runs twice (as it may in tests) is harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from lms.models import User

#: Keys of the export that lms fills itself; an exporter may not take them.
RESERVED_EXPORT_KEYS = frozenset({"exported_at", "account", "memberships"})

Exporter = Callable[["User"], Any]
Eraser = Callable[["User"], None]


@dataclass(frozen=True)
class NotificationKind:
    """One kind of message a person may opt out of, as the profile shows it."""

    key: str
    label: str  # a lazily translated string
    help_text: str = ""


# Dicts keep registration order, so the export and the profile list them stably.
_exporters: dict[str, Exporter] = {}
_erasers: dict[Eraser, None] = {}
_notification_kinds: dict[str, NotificationKind] = {}


def register_exporter(name: str, exporter: Callable[[User], Any]) -> None:
    """Add ``exporter(user)``'s JSON-serialisable result to the export, under ``name``."""
    if name in RESERVED_EXPORT_KEYS:
        raise ValueError(f"{name!r} is a key of the export itself; choose another name.")
    _exporters[name] = exporter


def register_eraser(eraser: Callable[[User], None]) -> None:
    """Call ``eraser(user)`` inside the deletion transaction, before the user row goes.

    Erasers are told apart by equality (the same function, or the same bound method),
    so registering one again does not make it run twice.
    """
    _erasers[eraser] = None


def register_notification_kind(key: str, label: str, help_text: str = "") -> None:
    """Let people opt out of ``key`` in their profile (label and help_text: lazy translations)."""
    _notification_kinds[key] = NotificationKind(key=key, label=label, help_text=help_text)


def unregister_exporter(name: str) -> None:
    _exporters.pop(name, None)


def unregister_eraser(eraser: Callable[[User], None]) -> None:
    _erasers.pop(eraser, None)


def unregister_notification_kind(key: str) -> None:
    _notification_kinds.pop(key, None)


def exporters() -> dict[str, Exporter]:
    return dict(_exporters)


def erasers() -> list[Eraser]:
    return list(_erasers)


def notification_kinds() -> list[NotificationKind]:
    return list(_notification_kinds.values())


@contextmanager
def registry_snapshot() -> Iterator[None]:
    """Put every registry back as it was on exit: for tests that register their own entries."""
    saved = (dict(_exporters), dict(_erasers), dict(_notification_kinds))
    try:
        yield
    finally:
        for registry, before in zip(
            (_exporters, _erasers, _notification_kinds), saved, strict=True
        ):
            registry.clear()
            registry.update(before)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def user_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user``, as JSON-ready data. Never the password."""
    memberships = user.memberships.select_related("organisation").order_by("created_at")
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "time_zone": user.time_zone,
            "date_joined": _iso(user.date_joined),
            "email_verified_at": _iso(user.email_verified_at),
            "last_login": _iso(user.last_login),
            "notification_preferences": user.notification_preferences,
        },
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "status": membership.status,
                "created_at": _iso(membership.created_at),
                "confirmed_at": _iso(membership.confirmed_at),
            }
            for membership in memberships
        ],
    }
    for name, exporter in _exporters.items():
        data[name] = exporter(user)
    return data
