"""Authentication backends: login throttling (django-axes, told how this platform names and
calls its logins) and permissions read in one query."""

from __future__ import annotations

import contextlib
import functools

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest

from lms.models import UserManager

try:
    from redis.exceptions import RedisError as CacheUnavailable
except ImportError:  # no Redis client installed: only the local memory cache
    CacheUnavailable = OSError


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


class PermissionBackend:
    """Reads a person's permissions in one query, for Django's ``ModelBackend`` after it,
    and keeps them in the shared cache until any permission or group membership changes.

    Every logged-in page asks once (the header's admin link, ``perms.wagtailadmin``):
    ``ModelBackend`` reads the person's own permissions, then their groups', two ORM
    queries built afresh on each request. This backend, listed before it, reads the
    same rows with one fixed SQL statement (a union) into the attribute ``ModelBackend``
    keeps them in for the request (``_perm_cache``), so ``ModelBackend`` answers from
    it. It logs nobody in and has no ``get_user`` (so sessions and the test client's
    ``force_login`` keep naming ``ModelBackend``), and leaves inactive people and
    superusers to ``ModelBackend``'s own rules.

    What it read is kept in the cache (Redis in production) under the person's id with a
    *generation number*; any change to who has which permission (a person's groups or own
    permissions, a group's permissions, a group or permission deleted, a ``migrate``:
    ``connect``) moves the number on, after the transaction commits, and every entry
    written before is then ignored. One cache read (the number and the entry together)
    replaces the query.
    """

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if hasattr(user_obj, "_perm_cache"):
            return user_obj._perm_cache
        if user_obj.is_superuser:
            return set()  # every permission: ModelBackend's own path says so
        key = f"{PERMISSIONS_KEY}:{user_obj.pk}"
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except CacheUnavailable:  # the database still answers: read it, keep nothing
            found = None
        generation = found.get(GENERATION_KEY, 0) if found is not None else None
        kept = found.get(key) if found is not None else None
        if kept is not None and kept[0] == generation:
            own, granted = kept[1], kept[2]
        else:
            own, granted = set(), set()
            with connection.cursor() as cursor:
                cursor.execute(_permissions_sql(type(user_obj)), [user_obj.pk, user_obj.pk])
                for source, app_label, codename in cursor:
                    (own if source == "u" else granted).add(f"{app_label}.{codename}")
            # Not what a transaction saw (it may be rolled back), nor without the number.
            if found is not None and not connection.in_atomic_block:
                with contextlib.suppress(CacheUnavailable):
                    cache.set(key, (generation, own, granted), timeout=PERMISSIONS_SECONDS)
        # What ModelBackend's get_user_permissions and get_group_permissions keep.
        user_obj._user_perm_cache = own
        user_obj._group_perm_cache = granted
        user_obj._perm_cache = own | granted
        return user_obj._perm_cache


PERMISSIONS_KEY = "lms:permissions"
GENERATION_KEY = "lms:permissions-generation"
PERMISSIONS_SECONDS = 3600


def _bump_now() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): entries carry an older number or none
        cache.add(GENERATION_KEY, 1, timeout=None) or cache.incr(GENERATION_KEY)


def permissions_changed(sender=None, **kwargs) -> None:
    """Every kept permission set is stale once the current transaction commits."""
    transaction.on_commit(_bump_now)


def connect() -> None:
    """Connect what makes kept permissions stale (from ``LmsConfig.ready``)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            permissions_changed, sender=through, dispatch_uid=f"lms.permissions.{through}"
        )
    for model in (Group, Permission):
        for signal in (post_save, post_delete):
            signal.connect(
                permissions_changed,
                sender=model,
                dispatch_uid=f"lms.permissions.{model.__name__}.{id(signal)}",
            )
    # Data migrations grant through historical models, which send as other senders.
    post_migrate.connect(permissions_changed, dispatch_uid="lms.permissions.migrated")


@functools.cache
def _permissions_sql(user_model) -> str:
    """A person's own ("u") and their groups' ("g") permissions as (source, app label,
    codename) rows (table and column names from the models, quoted for the database)."""
    quote = connection.ops.quote_name
    own = user_model._meta.get_field("user_permissions").remote_field.through._meta
    membership = user_model._meta.get_field("groups").remote_field.through._meta
    granted = Group._meta.get_field("permissions").remote_field.through._meta
    user_column = quote(own.get_field(user_model._meta.model_name).column)
    member_column = quote(membership.get_field(user_model._meta.model_name).column)
    sql = (
        "SELECT x.source, ct.app_label, p.codename FROM ("  # noqa: S608 (quoted model names; values are parameters)
        f"SELECT 'u' AS source, permission_id FROM {quote(own.db_table)} "
        f"WHERE {user_column} = %s "
        f"UNION ALL SELECT 'g', g.permission_id FROM {quote(granted.db_table)} g "
        f"JOIN {quote(membership.db_table)} m ON m.group_id = g.group_id "
        f"WHERE m.{member_column} = %s) x "
        f"JOIN {quote(Permission._meta.db_table)} p ON p.id = x.permission_id "
        f"JOIN {quote(ContentType._meta.db_table)} ct ON ct.id = p.content_type_id"
    )
    return sql


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
