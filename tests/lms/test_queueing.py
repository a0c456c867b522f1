"""The broker is never on the request path: work queued after commit goes through
lms.queueing, which logs a broker it cannot reach and leaves the row for the sweep."""

from __future__ import annotations

import logging
import time

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from courses.models import Enrolment, NotificationDelivery
from lms import queueing
from lms.celery import app as celery_app
from lms.tasks import heartbeat_task
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


def _forget_connections() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Publishing, not eager, to a broker nobody answers on."""
    eager, write_url = celery_app.conf.task_always_eager, celery_app.conf.broker_write_url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_write_url = CLOSED_PORT
    _forget_connections()
    queueing.reset()
    yield
    celery_app.conf.task_always_eager = eager
    celery_app.conf.broker_write_url = write_url
    _forget_connections()
    queueing.reset()


def test_every_task_is_an_outbox_task():
    from courses.tasks import notification_send_task, report_export_task

    for task in (heartbeat_task, notification_send_task, report_export_task):
        assert isinstance(task._get_current_object(), queueing.OutboxTask)


def test_publishing_to_an_unreachable_broker_logs_and_returns_false(broker_down, caplog):
    with caplog.at_level(logging.WARNING, logger="lms.queueing"):
        assert queueing.publish(heartbeat_task, (), {"source": "test"}) is False

    assert "broker unreachable" in caplog.text
    assert "lms.tasks.heartbeat_task" in caplog.text


def test_after_one_failure_the_process_stops_trying_for_a_while(broker_down, monkeypatch):
    queueing.publish(heartbeat_task, (), {"source": "test"})
    calls = []
    monkeypatch.setattr(heartbeat_task, "apply_async", lambda *a, **k: calls.append(a))

    started = time.monotonic()
    for _ in range(50):
        assert queueing.publish(heartbeat_task, (), {"source": "test"}) is False

    assert calls == []
    assert time.monotonic() - started < 0.5


def test_delay_on_commit_with_the_broker_down_commits_and_raises_nothing(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        heartbeat_task.delay_on_commit(source="test")

    assert len(callbacks) == 1


def test_errors_that_are_not_the_brokers_still_raise(broker_down, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(heartbeat_task, "apply_async", broken)

    with pytest.raises(ValueError):
        queueing.publish(heartbeat_task, (), {"source": "test"})


def test_enrolling_while_the_broker_is_down_answers_a_redirect_and_saves_the_mail_row(
    client, broker_down, django_capture_on_commit_callbacks
):
    course = factories.course("Social economy basics")
    factories.module(course, "Welcome")
    learner = UserFactory(full_name="Ji-woo Park")
    client.force_login(learner)
    with translation.override("en"):
        url = reverse("learn:enrol", args=[course.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=learner)
    # The confirmation waits in the outbox for the sweep.
    assert NotificationDelivery.objects.filter(recipient=learner, status="pending").exists()
    assert enrolment.status == Enrolment.Status.ACTIVE
