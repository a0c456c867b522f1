"""A deleted account: the webhook deliveries' payloads forget the person."""

from __future__ import annotations

import pytest

from courses.services.learning import enrolment_create
from courses.webhooks.models import WebhookDelivery
from lms.services import membership_create, user_erase
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_account_removes_the_learner_from_webhook_payloads(
    bamako, endpoint_for, receiver, django_capture_on_commit_callbacks
):
    endpoint_for(bamako, events=["enrolment.created"])
    course = factories.course("Cooperatives 101", hosts=(bamako,))
    leaving, staying = UserFactory(), UserFactory()
    for person in (leaving, staying):
        membership_create(user=person, organisation=bamako, role="learner", confirmed=True)
        with django_capture_on_commit_callbacks(execute=True):
            enrolment_create(user=person, course=course)
    assert WebhookDelivery.objects.count() == 2

    user_erase(user=leaving)

    learners = [row.payload["data"]["learner"] for row in WebhookDelivery.objects.order_by("pk")]
    assert learners[0] is None
    assert learners[1]["email"] == staying.email
    assert not WebhookDelivery.objects.filter(payload__icontains=leaving.email).exists()
