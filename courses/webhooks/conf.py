"""The webhooks' one setting, overridable in Django settings or the environment (same name):

- ``WEBHOOKS_ALLOW_PRIVATE_URLS`` (default: ``DEBUG``): lets endpoints be plain
  ``http://localhost``/``127.0.0.1`` and resolve to private or loopback addresses, for a
  receiver on a developer's machine. Never in production.

Kept here, not in ``lms/settings.py``, which is at its size limit.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def allow_private_urls() -> bool:
    """Django settings first (tests override them), then the environment, then DEBUG."""
    if hasattr(settings, "WEBHOOKS_ALLOW_PRIVATE_URLS"):
        return bool(settings.WEBHOOKS_ALLOW_PRIVATE_URLS)
    raw = os.environ.get("WEBHOOKS_ALLOW_PRIVATE_URLS", "").strip().lower()
    if not raw:
        return bool(settings.DEBUG)
    if raw in _TRUE | _FALSE:
        return raw in _TRUE
    raise ImproperlyConfigured(
        f"WEBHOOKS_ALLOW_PRIVATE_URLS must be true or false (1/0, yes/no, on/off), not {raw!r}."
    )
