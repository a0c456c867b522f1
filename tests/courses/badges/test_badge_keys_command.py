"""manage.py badge_keys and the key checks: a new key is private to its owner and never
overwrites a file; production without a key, or with an unusable one, is refused."""

from __future__ import annotations

import stat
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from joserfc.jwk import RSAKey

from courses.badges import checks, keys


def test_generate_writes_a_3072_bit_private_key_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "badge.pem"
    out = StringIO()

    call_command("badge_keys", "generate", str(path), stdout=out)

    key = RSAKey.import_key(path.read_bytes())
    assert key.is_private and key.raw_value.key_size == 3072
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key.thumbprint() in out.getvalue()
    with pytest.raises(CommandError, match="exists"):
        call_command("badge_keys", "generate", str(path), stdout=StringIO())


def test_export_public_writes_the_current_keys_public_half(tmp_path):
    path = tmp_path / "public.pem"

    call_command("badge_keys", "export-public", str(path), stdout=StringIO())

    public = RSAKey.import_key(path.read_bytes())
    assert not public.is_private
    assert public.thumbprint() == keys.key_status().current_kid


@override_settings(DEBUG=False, BADGE_SIGNING_KEY="", BADGE_SIGNING_KEY_FILE="")
def test_production_without_a_key_is_refused_by_the_deployment_checks():
    [error] = checks.badge_signing_key_in_production(None)
    assert error.id == "badges.E001"
    assert "BADGE_SIGNING_KEY_FILE" in error.hint
    with override_settings(DEBUG=True):
        assert checks.badge_signing_key_in_production(None) == []


def test_an_unusable_key_is_named_with_the_reason(tmp_path):
    small = tmp_path / "small.pem"
    small.write_bytes(RSAKey.generate_key(1024, private=True).as_pem(private=True))
    missing = tmp_path / "missing.pem"

    with override_settings(BADGE_SIGNING_KEY_FILE=str(small)):
        [error] = checks.badge_signing_key_loads(None)
        assert error.id == "badges.E002" and "2048" in error.msg
    with override_settings(BADGE_SIGNING_KEY_FILE=str(missing)):
        [error] = checks.badge_signing_key_loads(None)
        assert "cannot be read" in error.msg
    with override_settings(BADGE_SIGNING_KEY="not a key"):
        [error] = checks.badge_signing_key_loads(None)
        assert "BADGE_SIGNING_KEY" in error.msg
