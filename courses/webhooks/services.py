"""Endpoints (create, rotate the secret, disable, enable, send a test event) and the
recording of events: one ``WebhookDelivery`` per (endpoint, event id), queued after commit.

Sending is ``courses.webhooks.delivery``."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.webhooks.http import url_problem
from courses.webhooks.models import (
    TEST_EVENT,
    EventType,
    WebhookDelivery,
    WebhookEndpoint,
    secret_new,
)
from courses.webhooks.payloads import Event
from lms.models import Organisation, User

# After a rotation the previous secret keeps signing this long, beside the new one.
ROTATION_OVERLAP = dt.timedelta(hours=24)


def _clean(*, url: str, events: list[str]) -> tuple[str, list[str]]:
    url = url.strip()
    problem = url_problem(url)
    if problem:
        raise ValidationError({"url": problem}, code="url")
    unknown = sorted(set(events) - set(EventType.values))
    if unknown:
        raise ValidationError(
            {"events": _("Unknown event type: %(types)s.") % {"types": ", ".join(unknown)}},
            code="events",
        )
    if not events:
        raise ValidationError({"events": _("Choose at least one event.")}, code="events")
    return url, [value for value in EventType.values if value in events]


@transaction.atomic
def webhook_endpoint_create(
    *,
    organisation: Organisation,
    url: str,
    events: list[str],
    by: User | None,
    description: str = "",
    now: dt.datetime | None = None,
) -> WebhookEndpoint:
    """A new endpoint with a fresh secret (shown to its creator on its page)."""
    url, events = _clean(url=url, events=events)
    return WebhookEndpoint.objects.create(
        organisation=organisation,
        url=url,
        events=events,
        description=description.strip()[:200],
        secret=secret_new(),
        created_by=by,
    )


@transaction.atomic
def webhook_endpoint_update(
    *, endpoint: WebhookEndpoint, url: str, events: list[str], description: str = ""
) -> WebhookEndpoint:
    endpoint.url, endpoint.events = _clean(url=url, events=events)
    endpoint.description = description.strip()[:200]
    endpoint.save(update_fields=["url", "events", "description"])
    return endpoint


@transaction.atomic
def webhook_endpoint_rotate_secret(
    *, endpoint: WebhookEndpoint, now: dt.datetime | None = None
) -> WebhookEndpoint:
    """A new secret; the old one signs too for ``ROTATION_OVERLAP``, so the receiver can
    switch without losing an event."""
    now = now or timezone.now()
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = now + ROTATION_OVERLAP
    endpoint.secret = secret_new()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return endpoint


def signing_secrets(endpoint: WebhookEndpoint, *, now: dt.datetime) -> list[str]:
    secrets = [endpoint.secret]
    if endpoint.previous_secret and (endpoint.previous_secret_expires_at or now) > now:
        secrets.append(endpoint.previous_secret)
    return secrets


@transaction.atomic
def webhook_endpoint_disable(
    *, endpoint: WebhookEndpoint, reason: str, now: dt.datetime | None = None
) -> WebhookEndpoint:
    """Stop sending to it; its pending deliveries wait until it is enabled again."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk, active=True).update(
        active=False, disabled_at=now or timezone.now(), disabled_reason=reason[:200]
    )
    endpoint.refresh_from_db()
    return endpoint


@transaction.atomic
def webhook_endpoint_enable(
    *, endpoint: WebhookEndpoint, now: dt.datetime | None = None
) -> WebhookEndpoint:
    """Send to it again; what waited is sent by the next sweep (within a minute)."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        active=True, disabled_at=None, disabled_reason="", failing_since=None
    )
    # Their messages found the endpoint disabled: no message waits for them any more.
    WebhookDelivery.objects.filter(endpoint=endpoint, state=WebhookDelivery.State.PENDING).update(
        queued_at=None
    )
    endpoint.refresh_from_db()
    return endpoint


def deliveries_queue(delivery_ids: list[int], *, now: dt.datetime) -> None:
    """Mark the rows queued and send their messages after commit (the sweep re-sends one
    whose message has not run within ``REQUEUE_AFTER``)."""
    from courses.webhooks.tasks import webhook_deliver_task

    if not delivery_ids:
        return
    WebhookDelivery.objects.filter(pk__in=delivery_ids).update(queued_at=now)
    for delivery_id in delivery_ids:
        webhook_deliver_task.delay_on_commit(delivery_id=delivery_id)


def webhook_event_record(*, event: Event, now: dt.datetime | None = None) -> int:
    """One delivery row per subscribed, active endpoint of the event's organisation, once
    per event id however often this runs; the new ones are queued after commit. Returns
    how many rows are new. One query for an organisation without endpoints; four (and
    the transaction) whatever the number of endpoints."""
    now = now or timezone.now()
    if event.organisation_id is None:
        return 0
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(
            organisation_id=event.organisation_id, active=True
        ).only("pk", "events", "active")
        if endpoint.wants(event.event_type)
    ]
    if not endpoints:
        return 0
    with transaction.atomic():  # only when there is something to write
        return _record(event, endpoints, now=now)


def _record(event: Event, endpoints: list[WebhookEndpoint], *, now: dt.datetime) -> int:
    payload = {"type": event.event_type, "timestamp": now.isoformat(), "data": event.data}
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                endpoint=endpoint,
                event_id=event.event_id,
                event_type=event.event_type,
                payload=payload,
                created_at=now,
                next_attempt_at=now,
            )
            for endpoint in endpoints
        ],
        ignore_conflicts=True,  # the unique (endpoint, event id): recorded once
    )
    new = list(
        WebhookDelivery.objects.filter(
            event_id=event.event_id,
            endpoint__in=[endpoint.pk for endpoint in endpoints],
            queued_at__isnull=True,
            attempts=0,
        ).values_list("pk", flat=True)
    )
    deliveries_queue(new, now=now)
    return len(new)


@transaction.atomic
def webhook_test_send(*, endpoint: WebhookEndpoint, now: dt.datetime | None = None):
    """A ``webhook.test`` event for this endpoint only, to check the receiver and its
    signature check; delivered and retried like any other."""
    now = now or timezone.now()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id="msg_" + uuid.uuid4().hex,
        event_type=TEST_EVENT,
        payload={
            "type": TEST_EVENT,
            "timestamp": now.isoformat(),
            "data": {"endpoint_id": endpoint.pk, "organisation_id": endpoint.organisation_id},
        },
        created_at=now,
        next_attempt_at=now,
    )
    deliveries_queue([delivery.pk], now=now)
    return delivery


@transaction.atomic
def webhook_redeliver(*, delivery: WebhookDelivery, now: dt.datetime | None = None):
    """Send the same event (same id, same payload) again, whatever happened before; the
    receiver dedupes on ``webhook-id``. Refused while a send is under way."""
    now = now or timezone.now()
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.state == WebhookDelivery.State.SENDING:
        raise ValidationError(
            _("This event is being sent right now: look again in a minute."), code="sending"
        )
    delivery.state = WebhookDelivery.State.PENDING
    delivery.next_attempt_at = now
    delivery.save(update_fields=["state", "next_attempt_at"])
    deliveries_queue([delivery.pk], now=now)
    return delivery


def webhook_deliveries_erase(user: User) -> int:
    """A deleted account (``lms.personal_data`` eraser): the deliveries' payloads lose the
    learner (name, e-mail) and the name printed on a certificate; what happened stays, so a
    delivery still pending says that an enrolment or a certificate exists, not whose."""
    rows = list(
        WebhookDelivery.objects.filter(payload__data__learner__id=user.pk).only("pk", "payload")
    )
    for delivery in rows:
        data = delivery.payload["data"]
        data["learner"] = None
        if "certificate" in data:
            data["certificate"]["learner_name"] = ""
    WebhookDelivery.objects.bulk_update(rows, ["payload"], batch_size=500)
    return len(rows)
