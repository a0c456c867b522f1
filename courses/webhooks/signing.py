"""Standard Webhooks signatures (https://www.standardwebhooks.com): the headers
``webhook-id``, ``webhook-timestamp`` and ``webhook-signature``, the last a space-separated
list of ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">`` keyed with the secret's
base64-decoded bytes (the part after ``whsec_``)."""

from __future__ import annotations

import base64
import hashlib
import hmac

from courses.webhooks.models import SECRET_PREFIX


def secret_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(*, secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 signature>`` of one message with one secret."""
    signed = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(
    *, secrets: list[str], event_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The three headers; every secret in ``secrets`` signs (during a rotation, two)."""
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            signature(secret=secret, event_id=event_id, timestamp=timestamp, body=body)
            for secret in secrets
        ),
    }
