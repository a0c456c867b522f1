"""Writes of the organisation API's own rows: tokens and remembered idempotent responses.

Tokens look like ``gsef_<prefix>_<secret>``: the prefix finds the row, the secret's
SHA-256 proves it (compared in constant time). The secret exists only in the value
``api_token_create`` returns, once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.api.conf import api_setting
from courses.api.models import ApiToken, IdempotentResponse
from courses.api.permissions import api_token_policy
from lms.models import Organisation, User

TOKEN_PREFIX = "gsef"  # noqa: S105 (the fixed start of every token, not a secret)
# last_used_at is written at most this often per token: a busy integration does not turn
# every read into a write.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    """A token just created and its full value, to show once."""

    token: ApiToken
    value: str


@transaction.atomic
def api_token_create(
    *,
    organisation: Organisation,
    name: str,
    scope: str,
    created_by: User,
    expires_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> NewToken:
    """Create a token for ``organisation``. Only its coordinators and the secretariat may."""
    now = now or timezone.now()
    allowed = api_token_policy.organisations_user_has_permission_for(created_by, "add")
    if not allowed.filter(pk=organisation.pk).exists():
        raise ValidationError(
            _("You can only create tokens for an organisation you coordinate."),
            code="not_allowed",
        )
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the token a name.")}, code="required")
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read, or read and enrol.")}, code="invalid")
    expires_at = expires_at or now + dt.timedelta(days=api_setting("API_TOKEN_DAYS"))
    if expires_at <= now:
        raise ValidationError(
            {"expires_at": _("Choose an expiry date in the future.")}, code="invalid"
        )
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        scope=scope,
        prefix=secrets.token_hex(6),
        secret_hash=_hash(secret),
        created_by=created_by,
        created_at=now,
        expires_at=expires_at,
    )
    return NewToken(token=token, value=f"{TOKEN_PREFIX}_{token.prefix}_{secret}")


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User, now: dt.datetime | None = None) -> ApiToken:
    """Revoke ``token`` at once. Revoking twice does nothing."""
    if not api_token_policy.user_has_permission_for_instance(by, "change", token):
        raise ValidationError(
            _("You can only revoke tokens of an organisation you coordinate."), code="not_allowed"
        )
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


class TokenRefused(Exception):
    """The value names no usable token; the message says why, for the caller."""


def api_token_authenticate(*, value: str, now: dt.datetime) -> ApiToken:
    """The usable token ``value`` names; raises ``TokenRefused`` for an unknown value, a
    wrong secret, a revoked or expired token, or a deactivated organisation. Records the
    use (to the minute)."""
    parts = value.split("_", 2)
    token = None
    if len(parts) == 3 and parts[0] == TOKEN_PREFIX:
        token = ApiToken.objects.select_related("organisation").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(parts[2])):
        raise TokenRefused(_("The token is not valid. Send Authorization: Bearer gsef_…"))
    if token.revoked_at is not None:
        raise TokenRefused(_("This token was revoked. Ask your coordinator for a new one."))
    if token.expires_at <= now:
        raise TokenRefused(_("This token has expired. Ask your coordinator for a new one."))
    if not token.organisation.is_active:
        raise TokenRefused(_("The token's organisation is no longer an active GSEF member."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def body_fingerprint(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def idempotent_response_find(*, token: ApiToken, key: str) -> IdempotentResponse | None:
    return IdempotentResponse.objects.filter(token=token, key=key).first()


def idempotent_response_store(
    *,
    token: ApiToken,
    key: str,
    method: str,
    path: str,
    body_hash: str,
    status: int,
    body: dict,
    now: dt.datetime,
) -> IdempotentResponse:
    """Remember a write's response for ``key``; when a concurrent request with the same key
    stored one first, that one wins and is returned."""
    try:
        with transaction.atomic():
            return IdempotentResponse.objects.create(
                token=token,
                key=key,
                method=method,
                path=path,
                body_hash=body_hash,
                status=status,
                body=body,
                created_at=now,
            )
    except IntegrityError:
        return IdempotentResponse.objects.get(token=token, key=key)
