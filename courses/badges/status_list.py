"""Revocation through a W3C Bitstring Status List v1.0.

Every credential holds one bit (``IssuedCredential.status_index``) in a list of
``LIST_SIZE`` bits (16 KB, the minimum the Recommendation asks for herd privacy); list
``n`` holds the indexes ``n * LIST_SIZE`` to ``(n + 1) * LIST_SIZE - 1``. Indexes are drawn
at random within the list being filled, so neighbours in the list say nothing about who
was certified when. A bit is 1 when the certificate is revoked or superseded by a
corrected one.

The list is published as a signed ``BitstringStatusListCredential`` (VC-JWT, like the
badges) at /badges/status/<n>/; it is rebuilt from the database when a certificate is
revoked or corrected (``courses.events.certificate_revoked``, receivers.py) and kept in the
shared cache in between.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import random

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from courses.badges import credentials
from courses.badges.models import IssuedCredential

LIST_SIZE = 131_072  # bits: 16 KB
# A list is filled up to this share of its bits before the next one is opened: random
# draws keep finding free bits quickly.
FILL_LIMIT = 0.5
CACHE_SECONDS = 24 * 3600
_random = random.SystemRandom()


def cache_key(list_number: int) -> str:
    return f"badges:status-list:{list_number}"


def list_number(status_index: int) -> int:
    return status_index // LIST_SIZE


def allocate_index(save) -> int:
    """Call ``save(index)`` with a free random index until one is taken (unique)."""
    while True:
        used = IssuedCredential.objects.count()
        current = int(used // (LIST_SIZE * FILL_LIMIT))
        index = current * LIST_SIZE + _random.randrange(LIST_SIZE)
        try:
            with transaction.atomic():
                save(index)
            return index
        except IntegrityError:
            if not IssuedCredential.objects.filter(status_index=index).exists():
                raise  # something else than the index clashed
            continue


def highest_list_number() -> int:
    """The last list any credential has a bit in (0 before the first credential)."""
    highest = IssuedCredential.objects.aggregate(top=Max("status_index"))["top"]
    return list_number(highest or 0)


def revoked_indexes(number: int) -> list[int]:
    """The indexes in list ``number`` whose certificates are revoked or superseded."""
    start = number * LIST_SIZE
    return list(
        IssuedCredential.objects.filter(status_index__gte=start, status_index__lt=start + LIST_SIZE)
        .filter(
            Q(certificate__revoked_at__isnull=False) | Q(certificate__superseded_by__isnull=False)
        )
        .values_list("status_index", flat=True)
    )


def encode(indexes: list[int], *, offset: int = 0) -> str:
    """The list's ``encodedList``: multibase base64url (no padding, prefix "u") of the
    GZIP-compressed bitstring; index 0 is the first byte's leftmost bit."""
    bits = bytearray(LIST_SIZE // 8)
    for index in indexes:
        position = index - offset
        bits[position // 8] |= 0x80 >> (position % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    """The bitstring of an ``encodedList`` (with or without the multibase prefix)."""
    text = encoded[1:] if encoded.startswith("u") else encoded
    return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def is_set(bitstring: bytes, position: int) -> bool:
    return bool(bitstring[position // 8] & (0x80 >> (position % 8)))


def build(number: int, *, issuer: dict, now: dt.datetime) -> str:
    """The signed status list credential (compact JWS) of list ``number``, as of now."""
    url = credentials.status_list_url(number)
    credential = {
        "@context": [credentials.VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": credentials.iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked_indexes(number), offset=number * LIST_SIZE),
        },
    }
    claims = {
        **credential,
        "iss": issuer["id"],
        "jti": url,
        "sub": credential["credentialSubject"]["id"],
        "nbf": int(now.timestamp()),
    }
    return credentials.sign(claims)[1]


def status_list_jws(number: int, *, issuer: dict, now: dt.datetime) -> str:
    """The cached status list credential, built when missing."""
    jws = cache.get(cache_key(number))
    if jws is None:
        jws = build(number, issuer=issuer, now=now)
        cache.set(cache_key(number), jws, CACHE_SECONDS)
    return jws


def status_list_refresh(*, status_index: int, issuer: dict, now: dt.datetime) -> str:
    """Rebuild and cache the list holding ``status_index`` (after a revocation)."""
    number = list_number(status_index)
    jws = build(number, issuer=issuer, now=now)
    cache.set(cache_key(number), jws, CACHE_SECONDS)
    return jws
