"""The badges' settings, each from Django settings when set there (tests override them),
else the environment (same name): ``lms.env.setting_or_env``. Not in ``lms/settings.py``.

- ``BADGE_SIGNING_KEY``: the RSA private key (PEM text) that signs new credentials.
- ``BADGE_SIGNING_KEY_FILE``: or the path of a PEM file holding it
  (``manage.py badge_keys generate PATH`` makes one, 3072 bits).
- ``BADGE_PUBLIC_KEYS_DIR``: retired keys' public halves (``*.pem``), still published so
  that older badges verify.
- ``BADGE_DEVELOPMENT_KEY_FILE``: without either key setting (DEBUG, tests), a key made
  once here (default ``$VAR_DIR/badges/development-signing-key.pem``); refused in production
  by ``check --deploy`` (checks.py).
"""

from __future__ import annotations

from django.conf import settings

from lms.env import setting_or_env


def _value(name: str, default: str = "") -> str:
    return str(setting_or_env(name, default) or "")


def signing_key() -> str:
    return _value("BADGE_SIGNING_KEY")


def signing_key_file() -> str:
    return _value("BADGE_SIGNING_KEY_FILE")


def public_keys_dir() -> str:
    return _value("BADGE_PUBLIC_KEYS_DIR")


def development_key_file() -> str:
    default = settings.VAR_DIR / "badges" / "development-signing-key.pem"
    return _value("BADGE_DEVELOPMENT_KEY_FILE", str(default))
