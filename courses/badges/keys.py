"""The badge signing keys: the current private key and the public keys that verify."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class KeyStatus:
    current_kid: str
    source: str  # "env", "file" or "dev"
    created: dt.datetime | None = None
    retired_kids: list[str] = field(default_factory=list)

    @property
    def is_development(self) -> bool:
        return self.source == "dev"


def key_status() -> KeyStatus:
    raise NotImplementedError
