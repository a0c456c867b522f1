"""The API's settings, each overridable in Django settings or the environment (same name):

- ``API_RATE_LIMIT_PER_MINUTE`` (120): calls per token per minute, then 429 + Retry-After.
- ``API_MAX_BODY_BYTES`` (65536): a larger request body is refused (413) before it is read.
- ``API_TOKEN_DAYS`` (365): how long a new token lives unless its creator picks a date.

Kept here, not in ``lms/settings.py``, which is at its size limit.
"""

from __future__ import annotations

from lms.env import env_int, setting_or_env

DEFAULTS = {
    "API_RATE_LIMIT_PER_MINUTE": 120,
    "API_MAX_BODY_BYTES": 64 * 1024,
    "API_TOKEN_DAYS": 365,
}


def api_setting(name: str) -> int:
    """Django settings first (tests override them), then the environment, then the default."""
    return int(setting_or_env(name, DEFAULTS[name], env_int))
