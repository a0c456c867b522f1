"""Webhook delivery: signed per Standard Webhooks (checked with the project's own
verifier, not our signing code), retried with backoff when the receiver is down, once per
(endpoint, event id), 410 disables, redelivery, and events only for their organisation."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from courses.models import Certificate
from courses.services.certificates import certificate_revoke
from courses.services.learning import enrolment_create, module_complete
from courses.webhooks.delivery import MAX_ATTEMPTS, RETRY_WAITS, webhook_deliver, webhooks_sweep
from courses.webhooks.models import WebhookDelivery
from courses.webhooks.payloads import enrolment_event
from courses.webhooks.services import (
    webhook_endpoint_disable,
    webhook_endpoint_enable,
    webhook_endpoint_rotate_secret,
    webhook_event_record,
    webhook_redeliver,
    webhook_test_send,
)
from courses.webhooks.tasks import webhook_deliver_task
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
State = WebhookDelivery.State


@pytest.fixture
def course(bamako):
    page = factories.course("Cooperatives 101", hosts=(bamako,))
    factories.module(page, "Why it matters")
    return page


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def _verify(endpoint, request) -> dict:
    """The receiver's check, with the standardwebhooks package (raises if invalid)."""
    return Webhook(endpoint.secret).verify(request.body, request.headers)


def _enrol(user, course, capture, execute=True):
    with capture(execute=execute):
        return enrolment_create(user=user, course=course)


def test_an_enrolment_reaches_the_organisations_endpoint_signed_per_the_standard(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint = endpoint_for(bamako)
    assert endpoint.secret.startswith("whsec_")
    enrolment = _enrol(bamako_learner, course, django_capture_on_commit_callbacks)

    [request] = receiver.requests
    payload = _verify(endpoint, request)
    assert payload["type"] == "enrolment.created"
    assert payload["data"]["enrolment"]["id"] == enrolment.pk
    assert payload["data"]["learner"]["email"] == bamako_learner.email
    assert payload["data"]["organisation"] == {"id": bamako.pk, "name": bamako.name}
    assert payload["data"]["course"]["key"] == str(course.translation_key)
    assert request.headers["webhook-timestamp"] == str(int(T0.timestamp()))
    assert request.headers["content-type"] == "application/json"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == (
        State.DELIVERED,
        1,
        200,
    )
    assert delivery.event_id == request.headers["webhook-id"]
    assert delivery.delivered_at == T0

    # A tampered body, another secret, or an old timestamp fail the same verifier.
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(request.body + b" ", request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "QUJD" * 8).verify(request.body, request.headers)


def test_after_a_rotation_both_secrets_verify_for_a_day_then_only_the_new_one(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint = endpoint_for(bamako)
    old = endpoint.secret
    rotated = webhook_endpoint_rotate_secret(endpoint=endpoint, now=T0)
    assert rotated.secret != old
    with django_capture_on_commit_callbacks(execute=True):
        webhook_test_send(endpoint=rotated, now=T0)
    Webhook(old).verify(receiver.requests[0].body, receiver.requests[0].headers)
    Webhook(rotated.secret).verify(receiver.requests[0].body, receiver.requests[0].headers)

    clock.shift(dt.timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        webhook_test_send(endpoint=rotated)
    later = receiver.requests[1]
    assert len(later.headers["webhook-signature"].split()) == 1
    Webhook(rotated.secret).verify(later.body, later.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(later.body, later.headers)


def test_a_receiver_that_is_down_gets_the_event_later_exactly_once(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint = endpoint_for(bamako, events=["enrolment.created"])
    receiver.statuses = [503, 503]
    _enrol(bamako_learner, course, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("pending", 1, 503)
    assert delivery.next_attempt_at == T0 + RETRY_WAITS[0]

    # The task's own retry (5 s): still down, next try in five minutes, by the sweep.
    clock.shift(dt.timedelta(seconds=6))
    assert webhook_deliver_task.apply(kwargs={"delivery_id": delivery.pk}).get() == "pending"
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == T0 + dt.timedelta(seconds=6) + RETRY_WAITS[1]
    assert webhooks_sweep().queued == 0  # not due yet

    clock.shift(RETRY_WAITS[1])
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks_sweep().queued == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("delivered", 3, 200)

    # Later sweeps, a duplicate message, the same event recorded again: nothing more is sent.
    clock.shift(dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks_sweep().queued == 0
        assert webhook_deliver(delivery_id=delivery.pk).state == "delivered"
        event = enrolment_event(
            "enrolment.created", enrolment_id=delivery.payload["data"]["enrolment"]["id"]
        )
        assert webhook_event_record(event=event) == 0
    assert receiver.ids() == [delivery.event_id] * 3
    assert WebhookDelivery.objects.count() == 1
    for request in receiver.requests:  # each valid when it was sent
        sent_at = int(request.headers["webhook-timestamp"])
        clock.move_to(dt.datetime.fromtimestamp(sent_at, dt.UTC))
        _verify(endpoint, request)
    assert len({request.body for request in receiver.requests}) == 1  # the same payload


def test_a_lost_message_is_caught_up_by_the_sweep(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint_for(bamako, events=["enrolment.created"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment_create(user=bamako_learner, course=course)
    callbacks[0]()  # the event is recorded; the queued message never runs (lost)
    assert WebhookDelivery.objects.get().state == "pending"
    assert receiver.requests == []
    clock.shift(dt.timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks_sweep().queued == 1
    assert WebhookDelivery.objects.get().state == "delivered"
    assert len(receiver.requests) == 1


def test_a_send_interrupted_by_a_crash_counts_as_an_attempt_and_is_retried(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint_for(bamako, events=["enrolment.created"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment_create(user=bamako_learner, course=course)
    callbacks[0]()  # the event is recorded; a worker takes the message, then dies
    WebhookDelivery.objects.update(state="sending", sending_at=T0, attempts=1)  # then the crash
    clock.shift(dt.timedelta(minutes=6))
    with django_capture_on_commit_callbacks(execute=True):
        result = webhooks_sweep()
    assert (result.stranded, result.queued) == (1, 0)
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "pending" and "interrupted" in delivery.last_error
    clock.shift(dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks_sweep().queued == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("delivered", 2)


def test_retries_spread_over_a_day_then_the_delivery_fails(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint_for(bamako, events=["enrolment.created"])
    receiver.statuses = [500] * 20
    _enrol(bamako_learner, course, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    while delivery.state == "pending":
        clock.move_to(delivery.next_attempt_at)
        webhook_deliver(delivery_id=delivery.pk)
        delivery.refresh_from_db()
    assert delivery.state == "failed"
    assert delivery.attempts == MAX_ATTEMPTS == len(receiver.requests) == 7
    elapsed = dt.datetime.now(dt.UTC) - T0
    assert dt.timedelta(hours=24) < elapsed < dt.timedelta(hours=26)
    assert delivery.next_attempt_at is None


def test_a_receiver_down_for_a_whole_day_still_gets_the_event_once(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint_for(bamako, events=["enrolment.created"])
    receiver.statuses = [503] * (MAX_ATTEMPTS - 1) + [200]
    _enrol(bamako_learner, course, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    while delivery.state == "pending":
        clock.move_to(delivery.next_attempt_at)
        webhook_deliver(delivery_id=delivery.pk)
        delivery.refresh_from_db()

    assert delivery.state == "delivered"
    assert delivery.delivered_at - T0 > dt.timedelta(hours=24)
    # Every attempt carried the same event id; the receiver accepted it once, the last time.
    assert receiver.ids() == [delivery.event_id] * MAX_ATTEMPTS
    assert delivery.attempts == MAX_ATTEMPTS


def test_410_gone_disables_the_endpoint_and_nothing_more_is_sent(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint = endpoint_for(bamako)
    receiver.statuses = [410]
    _enrol(bamako_learner, course, django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert not endpoint.active and "410" in endpoint.disabled_reason
    assert WebhookDelivery.objects.get().state == "failed"
    other = UserFactory()
    membership_create(user=other, organisation=bamako, role="learner", confirmed=True)
    _enrol(other, course, django_capture_on_commit_callbacks)
    clock.shift(dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        webhooks_sweep()
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.count() == 1


def test_redelivery_sends_the_same_event_id_and_payload_again(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint = endpoint_for(bamako)
    _enrol(bamako_learner, course, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    clock.shift(dt.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        webhook_redeliver(delivery=delivery)
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.event_id
    assert first.body == second.body
    assert _verify(endpoint, second)["type"] == "enrolment.created"  # signed afresh, now
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("delivered", 2)


def test_an_event_of_another_organisations_learner_is_not_sent_to_you(
    bamako, seoul, course, receiver, endpoint_for, clock, django_capture_on_commit_callbacks
):
    endpoint_for(bamako)
    seoul_learner = UserFactory()
    membership_create(user=seoul_learner, organisation=seoul, role="learner", confirmed=True)
    nobody = UserFactory()  # a member of no organisation
    _enrol(seoul_learner, course, django_capture_on_commit_callbacks)
    _enrol(nobody, course, django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_an_endpoint_gets_only_the_events_it_subscribed_to(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint_for(bamako, events=["certificate.revoked"])
    _enrol(bamako_learner, course, django_capture_on_commit_callbacks)
    assert receiver.requests == []


def test_recording_an_event_costs_the_same_queries_for_one_endpoint_or_five(
    bamako, bamako_learner, course, receiver, endpoint_for, django_assert_num_queries
):
    enrolment = enrolment_create(user=bamako_learner, course=course)
    event = enrolment_event("enrolment.created", enrolment_id=enrolment.pk)
    endpoint_for(bamako)
    with django_assert_num_queries(6) as one:
        assert webhook_event_record(event=event) == 1
    WebhookDelivery.objects.all().delete()
    for _ in range(4):
        endpoint_for(bamako)
    with django_assert_num_queries(len(one.captured_queries)):
        assert webhook_event_record(event=event) == 5


def test_the_course_completed_and_certificate_issued_events_reach_the_receiver_signed(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    """The journey's end: completing the course through the services."""
    endpoint = endpoint_for(bamako, events=["course.completed", "certificate.issued"])
    enrolment = _enrol(bamako_learner, course, django_capture_on_commit_callbacks)
    module = course.get_children().specific().first()
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=module)

    received = {_verify(endpoint, r)["type"]: json.loads(r.body) for r in receiver.requests}
    assert sorted(received) == ["certificate.issued", "course.completed"]
    certificate = Certificate.objects.get()
    assert received["course.completed"]["data"]["enrolment"]["id"] == enrolment.pk
    assert received["course.completed"]["data"]["enrolment"]["status"] == "completed"
    issued = received["certificate.issued"]["data"]["certificate"]
    assert issued["code"] == certificate.code and issued["enrolment_id"] == enrolment.pk
    assert issued["verification_url"].endswith("/")


def test_a_revoked_certificate_is_announced(
    bamako,
    bamako_learner,
    course,
    secretariat,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint = endpoint_for(bamako, events=["certificate.revoked"])
    enrolment = _enrol(bamako_learner, course, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=course.get_children().specific().first())
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=Certificate.objects.get(), by=secretariat, reason="Error")
    [request] = receiver.requests
    data = _verify(endpoint, request)["data"]["certificate"]
    assert data["revoked_reason"] == "Error" and data["revoked_at"]


def test_events_wait_while_an_endpoint_is_disabled_and_go_once_it_is_enabled(
    bamako,
    bamako_learner,
    course,
    receiver,
    endpoint_for,
    clock,
    django_capture_on_commit_callbacks,
):
    endpoint = endpoint_for(bamako, events=["enrolment.created"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment_create(user=bamako_learner, course=course)
    callbacks[0]()  # recorded; the endpoint is disabled before its message runs
    webhook_endpoint_disable(endpoint=endpoint, reason="maintenance", now=T0)
    delivery = WebhookDelivery.objects.get()
    assert webhook_deliver(delivery_id=delivery.pk).state == "endpoint disabled"
    clock.shift(dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks_sweep().queued == 0
    assert receiver.requests == []

    webhook_endpoint_enable(endpoint=endpoint)
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks_sweep().queued == 1
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().state == "delivered"


def test_an_endpoint_failing_every_delivery_for_five_days_is_disabled(
    bamako, receiver, endpoint_for, clock, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(bamako)
    receiver.statuses = [500] * 10
    with django_capture_on_commit_callbacks(execute=True):
        webhook_test_send(endpoint=endpoint)
    endpoint.refresh_from_db()
    assert endpoint.failing_since == T0 and endpoint.active

    clock.shift(dt.timedelta(days=4, hours=23))
    with django_capture_on_commit_callbacks(execute=True):
        webhook_test_send(endpoint=endpoint)
    endpoint.refresh_from_db()
    assert endpoint.active  # not five days yet

    clock.shift(dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        webhook_test_send(endpoint=endpoint)
    endpoint.refresh_from_db()
    assert not endpoint.active and "5 days" in endpoint.disabled_reason


def test_one_delivered_event_ends_the_failing_streak(
    bamako, receiver, endpoint_for, clock, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(bamako)
    receiver.statuses = [500]
    with django_capture_on_commit_callbacks(execute=True):
        webhook_test_send(endpoint=endpoint)
    clock.shift(dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        webhook_test_send(endpoint=endpoint)  # answered 200
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None and endpoint.active
