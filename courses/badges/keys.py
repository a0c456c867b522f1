"""The badge signing keys: the current private key and the public keys that verify.

- The current key signs new credentials: ``BADGE_SIGNING_KEY`` (PEM text) or
  ``BADGE_SIGNING_KEY_FILE`` (a PEM file's path); without either, a development key
  generated once under var/ (never in production: ``courses.badges.checks`` refuses it).
- Retired keys: their public halves as ``*.pem`` files in ``BADGE_PUBLIC_KEYS_DIR``; they
  are published beside the current one, so badges they signed keep verifying.
- A key is named by its RFC 7638 JWK thumbprint (``kid``), derived from the key itself:
  the same key always has the same name, wherever it is configured.

Keys are RSA (RS256, the algorithm every OB 3.0 verifier must accept): 3072 bits when this
project generates one (128-bit security, NIST SP 800-57's level for keys used past 2030;
badges are kept for years), at least 2048 accepted (RS256's minimum).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from joserfc.jwk import RSAKey

from courses.badges import conf

GENERATED_BITS = 3072
MINIMUM_BITS = 2048


class BadgeKeyError(Exception):
    """A configured key cannot be used; the message names the setting and the problem."""


@dataclass(frozen=True)
class KeyStatus:
    current_kid: str
    source: str  # "env", "file" or "dev"
    created: dt.datetime | None = None
    retired_kids: list[str] = field(default_factory=list)

    @property
    def is_development(self) -> bool:
        return self.source == "dev"


@dataclass(frozen=True)
class KeyRing:
    signing: RSAKey
    kid: str
    source: str
    created: dt.datetime | None
    public: dict[str, RSAKey]  # kid → public key, the current one included


def generate_pem(bits: int = GENERATED_BITS) -> bytes:
    """A new RSA private key as PKCS#8 PEM."""
    return RSAKey.generate_key(bits, private=True).as_pem(private=True)


def _load_private(pem: bytes | str, where: str) -> RSAKey:
    try:
        key = RSAKey.import_key(pem)
    except Exception as error:
        raise BadgeKeyError(f"{where} is not an RSA private key in PEM form ({error}).") from error
    if not key.is_private:
        raise BadgeKeyError(f"{where} holds a public key; the signing key must be private.")
    if key.raw_value.key_size < MINIMUM_BITS:
        raise BadgeKeyError(
            f"{where} is {key.raw_value.key_size} bits; RS256 needs {MINIMUM_BITS}."
        )
    return key


def _mtime(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    except OSError:
        return None


def _development_key(path: Path) -> RSAKey:
    """The machine's development key, generated the first time (atomically: two processes
    starting together end up with the same key)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")
        with os.fdopen(fd, "wb") as out:
            out.write(generate_pem(MINIMUM_BITS))  # quick to make; never trusted anyway
        try:
            os.link(tmp, path)  # fails if another process got there first
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return _load_private(path.read_bytes(), str(path))


def _retired(directory: str) -> dict[str, RSAKey]:
    found: dict[str, RSAKey] = {}
    if not directory:
        return found
    folder = Path(directory)
    if not folder.is_dir():
        raise BadgeKeyError(f"BADGE_PUBLIC_KEYS_DIR ({directory}) is not a directory.")
    for pem in sorted(folder.glob("*.pem")):
        try:
            key = RSAKey.import_key(pem.read_bytes())
        except Exception as error:
            raise BadgeKeyError(f"{pem} in BADGE_PUBLIC_KEYS_DIR is not an RSA key.") from error
        public = RSAKey.import_key(key.as_dict(private=False))
        found[public.thumbprint()] = public
    return found


@lru_cache(maxsize=4)
def _ring(inline: str, file: str, directory: str, development: str) -> KeyRing:
    if inline:
        signing, source, created = _load_private(inline, "BADGE_SIGNING_KEY"), "env", None
    elif file:
        path = Path(file)
        try:
            pem = path.read_bytes()
        except OSError as error:
            raise BadgeKeyError(
                f"BADGE_SIGNING_KEY_FILE ({file}) cannot be read: {error}."
            ) from error
        signing, source, created = _load_private(pem, "BADGE_SIGNING_KEY_FILE"), "file", None
        created = _mtime(path)
    else:
        path = Path(development)
        signing, source = _development_key(path), "dev"
        created = _mtime(path)
    kid = signing.thumbprint()
    public = _retired(directory)
    public[kid] = RSAKey.import_key(signing.as_dict(private=False))
    return KeyRing(signing=signing, kid=kid, source=source, created=created, public=public)


def ring() -> KeyRing:
    """The configured keys (read once per configuration; settings overrides take effect)."""
    return _ring(
        conf.signing_key(),
        conf.signing_key_file(),
        conf.public_keys_dir(),
        conf.development_key_file(),
    )


def signing_key() -> tuple[str, RSAKey]:
    """(kid, private key) of the key that signs new credentials."""
    keys = ring()
    return keys.kid, keys.signing


def public_key(kid: str) -> RSAKey | None:
    """The public key named ``kid``, current or retired; None for a key we never had."""
    return ring().public.get(kid)


def public_jwks() -> dict:
    """The JWK Set published at /badges/issuer/jwks.json: public members only (no "d")."""
    keys = []
    for kid, key in ring().public.items():
        jwk = key.as_dict(private=False)
        keys.append({**jwk, "kid": kid, "use": "sig", "alg": "RS256"})
    return {"keys": keys}


def public_jwk(kid: str) -> dict | None:
    key = public_key(kid)
    if key is None:
        return None
    return {**key.as_dict(private=False), "kid": kid, "use": "sig", "alg": "RS256"}


def key_status() -> KeyStatus:
    """What the Secretariat's key screen shows."""
    keys = ring()
    retired = [kid for kid in keys.public if kid != keys.kid]
    return KeyStatus(
        current_kid=keys.kid, source=keys.source, created=keys.created, retired_kids=retired
    )
