"""The webhooks' one setting, overridable in Django settings or the environment (same name):

- ``WEBHOOKS_ALLOW_PRIVATE_URLS`` (default: ``DEBUG``): lets endpoints be plain
  ``http://localhost``/``127.0.0.1`` and resolve to private or loopback addresses, for a
  receiver on a developer's machine. Never in production.

Kept here, not in ``lms/settings.py``, which is at its size limit.
"""

from __future__ import annotations

from django.conf import settings

from lms.env import env_bool, setting_or_env


def allow_private_urls() -> bool:
    """Django settings first (tests override them), then the environment, then DEBUG."""
    return bool(setting_or_env("WEBHOOKS_ALLOW_PRIVATE_URLS", settings.DEBUG, env_bool))
