"""E-mail verification links: signed, time-limited, bound to the account and its address.

The token carries the user's id and a keyed hash of their current address, signed
with a timestamp (``django.core.signing``). It stops working after
``EMAIL_VERIFICATION_MAX_AGE``, when the address changes, or when the account is
deactivated or deleted. The address itself is not in the token, so a link that
ends up in a server log does not give it away.
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from lms.models import User, UserManager

SALT = "lms.accounts.email-verification"
EMAIL_VERIFICATION_MAX_AGE = datetime.timedelta(days=3)


class InvalidTokenError(Exception):
    """The link was altered, was made for another address, or its account is gone."""


class ExpiredTokenError(InvalidTokenError):
    """The link was genuine but is older than EMAIL_VERIFICATION_MAX_AGE."""


def _address_hash(email: str) -> str:
    return salted_hmac(SALT, UserManager.normalize_email(email)).hexdigest()[:32]


def email_verification_token(user: User) -> str:
    """A token proving that whoever holds it received mail at the user's current address."""
    return signing.dumps([user.pk, _address_hash(user.email)], salt=SALT)


def user_for_email_verification_token(token: str) -> User:
    """The user the token was made for, or ExpiredTokenError / InvalidTokenError."""
    try:
        value = signing.loads(token, salt=SALT, max_age=EMAIL_VERIFICATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ExpiredTokenError from None
    except signing.BadSignature:
        raise InvalidTokenError from None
    if not (isinstance(value, list) and len(value) == 2):
        raise InvalidTokenError
    pk, address_hash = value
    user = User.objects.active().filter(pk=pk).first()
    if user is None or not constant_time_compare(address_hash, _address_hash(user.email)):
        raise InvalidTokenError
    return user
