"""The badges in a person's data export, and what deleting an account does to them.

- Export ("badges"): each credential issued to the person, with the signed JWS itself.
- Erasure: the certificates are detached from the account first (courses.personal_data,
  registered before us); then every detached certificate's credential loses the learner's
  salted e-mail hash from what we keep, and we keep only a digest of the JWS. The copy
  the learner holds still verifies (as issued to a deleted account): the verifier matches
  it by that digest."""

from __future__ import annotations

import hashlib
from typing import Any

from lms import personal_data
from lms.models import User


def jws_digest(token: str) -> str:
    return "sha256:" + hashlib.sha256(token.encode()).hexdigest()


def badges_export(user: User) -> list[dict[str, Any]]:
    from courses.badges.models import IssuedCredential

    return [
        {
            "certificate_code": row.certificate.display_code,
            "issued_at": row.issued_at.isoformat(),
            "valid_until": row.valid_until.isoformat() if row.valid_until else None,
            "credential": row.jws,
        }
        for row in IssuedCredential.objects.filter(certificate__user=user)
        .select_related("certificate")
        .order_by("issued_at", "pk")
    ]


def badges_erase(user: User) -> None:
    """Scrub every credential whose certificate no longer has an account (idempotent)."""
    from courses.badges.models import IssuedCredential

    rows = IssuedCredential.objects.filter(certificate__user__isnull=True).exclude(
        jws__startswith="sha256:"
    )
    for row in rows.only("pk", "jws", "payload"):
        row.payload.get("credentialSubject", {}).pop("identifier", None)
        row.jws = jws_digest(row.jws)
        row.save(update_fields=["jws", "payload"])


def register() -> None:
    personal_data.register_exporter("badges", badges_export)
    personal_data.register_eraser(badges_erase)
