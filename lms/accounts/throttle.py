"""Account e-mails a stranger can ask for: at most so many per address and per client.

Sign-up, password reset and "send me a new link" each put an e-mail in someone's
mailbox. Each request is counted in the cache (Redis in production, so every web
process shares the count) against the address it names and against the client's IP
address, for ``ACCOUNT_EMAIL_LIMIT_WINDOW`` seconds from the first one. Past either
limit nothing more is sent, and the pages answer as they always do: the limit then
tells nobody whether an address has an account. Requests are counted whether or not
the address has an account, for the same reason.

The per-address limit protects one person's mailbox; the per-client one stops a
single machine from walking through many addresses. A training room behind one
office address signs up together, so the per-client limit is the larger.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from lms.accounts.backends import login_throttle_client_ip
from lms.models import UserManager

logger = logging.getLogger(__name__)

KEY_PREFIX = "lms:account-email"


def _address_key(email: str) -> str:
    # Keyed hash: the cache holds no address a copy of it could give away.
    digest = salted_hmac(KEY_PREFIX, UserManager.normalize_email(email)).hexdigest()[:32]
    return f"{KEY_PREFIX}:address:{digest}"


def _client_key(request: HttpRequest) -> str:
    return f"{KEY_PREFIX}:client:{login_throttle_client_ip(request)}"


def _count(key: str, window: int) -> int:
    """Add one to ``key``'s count, which lives ``window`` seconds from its first request."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def account_email_allowed(request: HttpRequest, *, email: str) -> bool:
    """Count a request for an account e-mail to ``email``; False once over either limit."""
    window = settings.ACCOUNT_EMAIL_LIMIT_WINDOW
    by_address = _count(_address_key(email), window)
    by_client = _count(_client_key(request), window)
    allowed = (
        by_address <= settings.ACCOUNT_EMAIL_LIMIT_PER_ADDRESS
        and by_client <= settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT
    )
    if not allowed:
        logger.warning(
            "Account e-mail not sent: %s requests for the address, %s from client %s "
            "in %s seconds.",
            by_address,
            by_client,
            login_throttle_client_ip(request),
            window,
        )
    return allowed
