"""Checking a badge someone hands us: ``verify_credential``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATUSES = ("valid", "invalid", "revoked", "expired", "unknown_issuer", "malformed")


@dataclass
class Verification:
    status: str
    reasons: list[str] = field(default_factory=list)
    credential: dict | None = None
    achievement_name: str = ""
    learner_hint: str = ""
    issued_on: dt.date | None = None


def verify_credential(data: str | bytes, *, now: dt.datetime) -> Verification:
    raise NotImplementedError
