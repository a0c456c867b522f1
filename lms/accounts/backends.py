"""Login throttling: django-axes, told how this platform names and calls its logins."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest

from lms.models import UserManager


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses logins while django-axes has the (address, IP) pair locked out.

    Axes refuses to run without a request. ``authenticate()`` without one comes from
    code, not from the network (``Client.login`` in tests, the shell), so there is no
    client to throttle: this backend then steps aside and the next one decides.
    Every login form (ours, the Wagtail admin's) passes the request.
    """

    def authenticate(self, request: HttpRequest | None, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def login_throttle_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The address a login attempt is counted against, however it was typed.

    Addresses log in whatever their case (``UserManager.normalize_email``); counted
    as typed, " Ana@X.org" and "ana@x.org" would each get their own five tries.
    """
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "POST", {}).get("username")
    return UserManager.normalize_email(typed if isinstance(typed, str) else "")


def login_attempts_erase(user) -> None:
    """Forget the failed logins recorded against the person's address (an eraser)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.email).delete()


def login_throttle_client_ip(request: HttpRequest) -> str:
    """The client's address, as far as the proxies we trust can tell.

    Behind a load balancer REMOTE_ADDR is the balancer: counting failures by it would
    lock everyone out together. With ``TRUSTED_PROXY_COUNT`` = n, the n-th address
    from the right of X-Forwarded-For is the client's (each trusted proxy appends
    the address it saw; anything further left can be forged by the client).
    """
    from django.conf import settings

    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
