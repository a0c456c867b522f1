"""Checks for the badge signing key.

- ``badges.E001`` (deployment checks: ``manage.py check --deploy``, CI step f, `make
  check-deploy`): production (DEBUG off) without BADGE_SIGNING_KEY(_FILE) is refused. It is
  a deploy check so that the test suite (DEBUG off, the development key) still migrates.
- ``badges.E002`` (every start-up: migrate, runserver, check): a configured key that cannot
  be read or is not an RSA private key of at least 2048 bits, with the reason."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from courses.badges import conf, keys


def _configured() -> bool:
    return bool(conf.signing_key() or conf.signing_key_file())


@checks.register(deploy=True)
def badge_signing_key_in_production(app_configs, **kwargs):
    if not _configured() and not settings.DEBUG:
        return [
            checks.Error(
                "No badge signing key is configured: badges would be signed with a key "
                "made on this machine, which nobody can trust.",
                hint="Set BADGE_SIGNING_KEY_FILE (or BADGE_SIGNING_KEY) to an RSA private key: "
                "`manage.py badge_keys generate /path/key.pem` makes one.",
                id="badges.E001",
            )
        ]
    return []


@checks.register()
def badge_signing_key_loads(app_configs, **kwargs):
    if not _configured():
        return []
    try:
        keys.ring()
    except keys.BadgeKeyError as error:
        return [checks.Error(str(error), id="badges.E002")]
    return []
