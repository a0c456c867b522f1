"""Operational endpoints."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu.exceptions import OperationalError as KombuOperationalError

from lms.celery import app as celery_app
from lms.models import Heartbeat

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health: database unreachable")
        return False
    return True


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)
    except (KombuOperationalError, OSError):
        logger.warning("health: broker unreachable", exc_info=True)
        return False
    return True


@never_cache
@require_GET
def health(request):
    """200 when the database and the broker both answer, 503 otherwise.

    ``last_heartbeat`` says when beat's heartbeat task last ran on a worker; it is
    informative (a fresh install has none yet) and does not change the status.
    """
    database = _database_ok()
    broker = _broker_ok()
    last = None
    if database:
        try:
            beat = Heartbeat.objects.filter(source="beat").values_list("seen_at", flat=True).first()
            last = beat.isoformat() if beat else None
        except DatabaseError:
            last = None
    healthy = database and broker
    payload = {
        "status": "ok" if healthy else "unavailable",
        "database": "ok" if database else "unreachable",
        "broker": "ok" if broker else "unreachable",
        "last_heartbeat": last,
        "time": timezone.now().isoformat(),
    }
    return JsonResponse(payload, status=200 if healthy else 503)
