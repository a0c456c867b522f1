"""Issuing a certificate's Open Badges 3.0 credential (``credential_issue``)."""

from __future__ import annotations

import datetime as dt

from courses.badges.models import IssuedCredential
from courses.models import Certificate


def credential_issue(*, certificate: Certificate, now: dt.datetime) -> IssuedCredential:
    """The certificate's signed credential, made and stored the first time it is asked for
    (idempotent: later calls return the stored one)."""
    raise NotImplementedError
