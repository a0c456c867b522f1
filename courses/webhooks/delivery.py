"""Sending one delivery, and the sweep that catches up what is due or stranded.

A delivery is claimed (``sending``, attempt counted, stored and committed) before the
request, and its outcome recorded after it, so a crash at any instant leaves a row that
says what may have happened; the sweep takes a row left ``sending`` for longer than any
request can take as a failed attempt, and the receiver, which dedupes on ``webhook-id``,
sees a second copy at worst.

2xx: delivered. 410 Gone: the receiver asks us to stop, so the endpoint is disabled.
Anything else (another status, a timeout, a refused connection): tried again after
``RETRY_WAITS`` (5 s, 5 min, 30 min, 2 h, 6 h, 16 h: the last attempt about 24 and a half
hours after the first, so a receiver down for a whole day still gets the event), then
failed. An endpoint failing every delivery for ``DISABLE_AFTER_DAYS`` (5) days is disabled.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from courses.webhooks import http
from courses.webhooks.models import WebhookDelivery, WebhookEndpoint
from courses.webhooks.services import deliveries_queue, signing_secrets, webhook_endpoint_disable
from courses.webhooks.signing import signed_headers

RETRY_WAITS = (
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=6),
    dt.timedelta(hours=16),
)
MAX_ATTEMPTS = len(RETRY_WAITS) + 1
# Seconds to connect, and to wait for each read of the answer.
TIMEOUT_SECONDS = 10
# An endpoint whose every delivery failed for this many days is disabled.
DISABLE_AFTER_DAYS = 5
# A wait this short is the task's own retry (a countdown); longer ones the sweep picks up.
SHORT_RETRY = dt.timedelta(seconds=30)
# A request never takes longer than its timeouts; past this a "sending" row was stranded.
SENDING_STALE_AFTER = dt.timedelta(minutes=5)
# A queued row whose message has not run by then is taken to have lost it.
REQUEUE_AFTER = dt.timedelta(minutes=10)
SWEEP_BATCH = 500

State = WebhookDelivery.State


@dataclass(frozen=True)
class Outcome:
    """What one call did: the row's state (or why nothing was sent), and, for a retry
    soon enough for the broker to carry (``SHORT_RETRY``), how long the task should wait."""

    state: str
    retry_in: dt.timedelta | None = None


@dataclass(frozen=True)
class Claim:
    delivery_id: int
    url: str
    headers: dict[str, str]
    body: bytes


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


@transaction.atomic
def _claim(*, delivery_id: int, now: dt.datetime) -> Claim | Outcome:
    delivery = (
        WebhookDelivery.objects.select_for_update(of=("self",))
        .select_related("endpoint")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        return Outcome("gone")
    if delivery.state != State.PENDING:
        return Outcome(delivery.state)  # delivered, failed, or another worker is sending it
    if delivery.next_attempt_at and delivery.next_attempt_at > now:
        return Outcome("not due")
    endpoint = delivery.endpoint
    if not endpoint.active:
        return Outcome("endpoint disabled")
    delivery.state = State.SENDING
    delivery.sending_at = now
    delivery.attempts += 1
    delivery.save(update_fields=["state", "sending_at", "attempts"])
    body = body_of(delivery.payload)
    headers = signed_headers(
        secrets=signing_secrets(endpoint, now=now),
        event_id=delivery.event_id,
        timestamp=int(now.timestamp()),
        body=body,
    )
    return Claim(delivery.pk, endpoint.url, headers, body)


@transaction.atomic
def _record(*, delivery_id: int, answer: http.Answer, now: dt.datetime) -> Outcome:
    delivery = (
        WebhookDelivery.objects.select_for_update(of=("self",))
        .select_related("endpoint")
        .get(pk=delivery_id)
    )
    endpoint = delivery.endpoint
    delivery.last_status_code = answer.status
    delivery.last_error = answer.error[:300]
    delivery.sending_at = None
    if answer.status is not None and 200 <= answer.status < 300:
        delivery.state, delivery.delivered_at, delivery.next_attempt_at = State.DELIVERED, now, None
        delivery.last_error = ""
        if endpoint.failing_since is not None:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
    elif answer.status == 410:
        delivery.state, delivery.next_attempt_at = State.FAILED, None
        delivery.last_error = "410 Gone: the receiver asked us to stop; endpoint disabled"
        webhook_endpoint_disable(endpoint=endpoint, reason="410 Gone", now=now)
    else:
        _failed_attempt(delivery, now=now, task_retries=True)
    delivery.save()
    if delivery.state == State.PENDING and delivery.queued_at == now:
        return Outcome(delivery.state, retry_in=delivery.next_attempt_at - now)
    return Outcome(delivery.state)


def _failed_attempt(delivery: WebhookDelivery, *, now: dt.datetime, task_retries: bool) -> None:
    """Schedule the next attempt, or give up; disable an endpoint failing for days.
    A short wait is carried by the task's retry when ``task_retries``; any other by the
    sweep (``queued_at`` cleared: no message is waiting for this row)."""
    if delivery.attempts < MAX_ATTEMPTS:
        wait = RETRY_WAITS[delivery.attempts - 1]
        delivery.state = State.PENDING
        delivery.next_attempt_at = now + wait
        delivery.queued_at = now if task_retries and wait <= SHORT_RETRY else None
    else:
        delivery.state, delivery.next_attempt_at = State.FAILED, None
    endpoint = delivery.endpoint
    if endpoint.failing_since is None:
        WebhookEndpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(
            failing_since=now
        )
    elif now - endpoint.failing_since >= dt.timedelta(days=DISABLE_AFTER_DAYS):
        webhook_endpoint_disable(
            endpoint=endpoint,
            reason=f"every delivery failed for {DISABLE_AFTER_DAYS} days",
            now=now,
        )


def webhook_deliver(*, delivery_id: int, now: dt.datetime | None = None) -> Outcome:
    """Send one delivery if it is due (once, however often this is called)."""
    now = now or timezone.now()
    claim = _claim(delivery_id=delivery_id, now=now)
    if isinstance(claim, Outcome):
        return claim
    answer = http.post(
        claim.url,
        body=claim.body,
        headers=claim.headers,
        timeout=TIMEOUT_SECONDS,
    )
    return _record(delivery_id=claim.delivery_id, answer=answer, now=now)


@dataclass(frozen=True)
class SweepResult:
    stranded: int
    queued: int


@transaction.atomic
def webhooks_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Rows left ``sending`` by a crash count as a failed attempt; due pending rows of
    active endpoints whose message is not already waiting are queued (a lost message, a
    retry whose time has come). Four queries, in batches of ``SWEEP_BATCH``."""
    now = now or timezone.now()
    stranded = list(
        WebhookDelivery.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("endpoint")
        .filter(state=State.SENDING, sending_at__lt=now - SENDING_STALE_AFTER)[:SWEEP_BATCH]
    )
    for delivery in stranded:
        delivery.last_error = "interrupted: the receiver may have got it"
        delivery.last_status_code = None
        delivery.sending_at = None
        _failed_attempt(delivery, now=now, task_retries=False)
        delivery.save()
    due = list(
        WebhookDelivery.objects.filter(
            Q(queued_at__isnull=True) | Q(queued_at__lt=now - REQUEUE_AFTER),
            state=State.PENDING,
            next_attempt_at__lte=now,
            endpoint__active=True,
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    deliveries_queue(due, now=now)
    return SweepResult(stranded=len(stranded), queued=len(due))
