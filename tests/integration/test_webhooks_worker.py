"""A real Celery worker on the webhooks queue delivers a signed event to a local receiver
that is down at first (503), once it answers, exactly once per event id."""

from __future__ import annotations

import pytest
from django.db import connection
from standardwebhooks.webhooks import Webhook

from courses.services.learning import enrolment_create
from courses.webhooks.models import WebhookDelivery
from courses.webhooks.services import webhook_endpoint_create
from tests.courses import factories
from tests.integration.conftest import child_database_url, process_env, wait_for
from tests.webhooks.conftest import Receiver, serve

pytestmark = pytest.mark.integration


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_delivers_a_signed_event_after_the_receiver_comes_back(
    start_worker, tmp_path, settings, bamako, bamako_learner
):
    assert connection.vendor == "postgresql", "run the suite with `make test` (PostgreSQL + Redis)"
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "run the suite with `make test`"
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    receiver = Receiver(statuses=[503])
    server = serve(receiver)
    try:
        endpoint = webhook_endpoint_create(
            organisation=bamako, url=receiver.url, events=["enrolment.created"], by=None
        )
        course = factories.course("Cooperatives 101", hosts=(bamako,))
        worker = start_worker(
            process_env(
                tmp_path / "var",
                DATABASE_URL=child_database_url(),
                CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
                WEBHOOKS_ALLOW_PRIVATE_URLS="1",
            ),
            "webhooks",
        )
        enrolment = enrolment_create(user=bamako_learner, course=course)  # commits

        delivered = wait_for(
            lambda: WebhookDelivery.objects.filter(state="delivered").exists(), timeout=90
        )
        assert delivered, worker.output()[-3000:]
        delivery = WebhookDelivery.objects.get()
        assert (delivery.attempts, delivery.last_status_code) == (2, 200)
        assert receiver.ids() == [delivery.event_id, delivery.event_id]
        payload = Webhook(endpoint.secret).verify(
            receiver.requests[-1].body, receiver.requests[-1].headers
        )
        assert payload["data"]["enrolment"]["id"] == enrolment.pk
        assert "webhook_deliver_task" in worker.output()
    finally:
        server.shutdown()
        server.server_close()
