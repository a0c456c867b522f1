"""Who is calling: the bearer token, its rate limit, and the person its writes act as."""

from __future__ import annotations

import math

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from courses.api.conf import api_setting
from courses.api.models import ApiToken
from courses.api.problems import ApiProblem
from courses.api.services import TokenRefused, api_token_authenticate
from lms.models import User
from lms.permissions import membership_policy

RATE_WINDOW_SECONDS = 60


def rate_limit_check(token: ApiToken, *, now) -> None:
    """Count one call for ``token`` in the current minute (shared cache, so every web
    process counts together); past the limit, a 429 problem with Retry-After."""
    limit = api_setting("API_RATE_LIMIT_PER_MINUTE")
    stamp = now.timestamp()
    window = int(stamp // RATE_WINDOW_SECONDS)
    key = f"api-rate:{token.pk}:{window}"
    cache.add(key, 0, RATE_WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS * 2)
        count = 1
    if count > limit:
        retry_after = max(1, math.ceil((window + 1) * RATE_WINDOW_SECONDS - stamp))
        raise ApiProblem(
            429,
            _("This token made more than %(limit)d calls this minute. Retry after %(s)d s.")
            % {"limit": limit, "s": retry_after},
            slug="rate-limited",
            headers={"Retry-After": str(retry_after)},
        )


class TokenAuth(HttpBearer):
    """``Authorization: Bearer gsef_<prefix>_<secret>``; sets ``request.auth`` to the token."""

    def __call__(self, request):
        if not request.headers.get("Authorization"):
            raise ApiProblem(
                401,
                _("Send your organisation's API token: Authorization: Bearer gsef_…"),
                slug="unauthenticated",
                headers={"WWW-Authenticate": 'Bearer realm="gsef"'},
            )
        return super().__call__(request)

    def authenticate(self, request, token: str) -> ApiToken:
        now = timezone.now()
        try:
            found = api_token_authenticate(value=token.strip(), now=now)
        except TokenRefused as refused:
            raise ApiProblem(
                401,
                str(refused),
                slug="invalid-token",
                headers={"WWW-Authenticate": 'Bearer realm="gsef", error="invalid_token"'},
            ) from None
        rate_limit_check(found, now=now)
        return found


def require_enrol_scope(token: ApiToken) -> None:
    if not token.may_enrol:
        raise ApiProblem(
            403,
            _("This token may only read. Writes need a token with the “read and enrol” scope."),
            slug="insufficient-scope",
        )


def acting_user(token: ApiToken) -> User:
    """The person a token's writes are made as: its creator, while they may still manage
    the token's organisation's members (the membership policy, as in the admin)."""
    creator = token.created_by
    if (
        creator is None
        or not creator.is_active
        or not membership_policy.organisations_user_has_permission_for(creator, "manage")
        .filter(pk=token.organisation_id)
        .exists()
    ):
        raise ApiProblem(
            403,
            _(
                "The person who created this token no longer manages %(organisation)s. "
                "A current coordinator must create a new token."
            )
            % {"organisation": token.organisation.name},
            slug="creator-not-allowed",
        )
    return creator
