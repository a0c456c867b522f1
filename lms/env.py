"""Reading settings from the environment: typed, with a message naming the variable.

``lms/settings.py`` reads every variable through these; an app's own settings module
(``courses/api/conf.py``, ``courses/badges/conf.py``, ``courses/webhooks/conf.py``) reads
its variables with ``setting_or_env`` so that tests can still override them in Django settings.

Imports nothing of Django's configured state: ``lms/settings.py`` imports it.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name: str, reason: str) -> str:
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(f"{name} is required {reason}. See README.md, 'Configuration'.")
    return value


def setting_or_env(name: str, default, read=env_str):
    """An app's own setting: Django settings first (tests override them there), else the
    environment variable of the same name read by ``read`` (``env_int``, ``env_bool`` …),
    else ``default``."""
    from django.conf import settings

    if hasattr(settings, name):
        return getattr(settings, name)
    return read(name, default)
