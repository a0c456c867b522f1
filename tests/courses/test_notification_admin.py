"""The secretariat's outbox in the Wagtail admin: filters, what was sent, and "Resend"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, NotificationDelivery
from tests.courses import factories
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _delivery(**fields):
    learner = fields.pop("recipient", None) or UserFactory(full_name="Ana Lima")
    course = factories.course("Procurement")
    enrolment = Enrolment.objects.create(
        user=learner,
        course_key=course.translation_key,
        course_page=course,
        enrolled_at=timezone.now() - dt.timedelta(hours=1),
        last_activity_at=timezone.now(),
        organisation=fields.pop("organisation", None),
    )
    values = {
        "kind": "enrolment_confirmation",
        "recipient": learner,
        "subject_key": f"enrolment:{enrolment.pk}",
        "slot": enrolment.enrolled_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "enrolment": enrolment,
        "organisation": enrolment.organisation,
        "created_at": timezone.now(),
        "due_at": timezone.now(),
        **fields,
    }
    return NotificationDelivery.objects.create(**values)


def test_only_the_secretariat_sees_the_outbox(client, trainer, seoul_coordinator, secretariat):
    row = _delivery()
    index = reverse("notification_deliveries:index")
    inspect = reverse("notification_deliveries:inspect", args=[row.pk])
    resend = reverse("notification_deliveries:resend", args=[row.pk])
    for person in (trainer, seoul_coordinator):
        client.force_login(person)
        assert client.get(index).status_code == 403
        assert client.get(inspect).status_code == 403
        assert client.post(resend).status_code == 403

    client.force_login(secretariat)
    assert client.get(index).status_code == 200
    assert client.get(inspect).status_code == 200


def test_the_outbox_filters_by_kind_status_recipient_and_organisation(client, secretariat):
    seoul = OrganisationFactory(name="Seoul Metropolitan Government")
    mine = _delivery(recipient=UserFactory(email="mina@seoul.example"), organisation=seoul)
    _delivery(kind="inactivity", status="sent")
    client.force_login(secretariat)
    index = reverse("notification_deliveries:index")

    def listed(**query):
        response = client.get(index, query)
        assert response.status_code == 200
        return {row.pk for row in response.context["object_list"]}

    assert len(listed()) == 2
    assert listed(kind="enrolment_confirmation") == {mine.pk}
    assert listed(status="pending") == {mine.pk}
    assert listed(recipient="mina@") == {mine.pk}
    assert listed(organisation=seoul.pk) == {mine.pk}


def test_the_inspect_view_shows_what_was_sent(client, secretariat):
    row = _delivery(
        status="sent",
        rendered_subject="You are enrolled: Procurement",
        rendered_text="Hello Ana Lima",
        rendered_html="<p>Hello <strong>Ana</strong></p>",
    )
    client.force_login(secretariat)

    page = client.get(reverse("notification_deliveries:inspect", args=[row.pk])).content.decode()

    assert "You are enrolled: Procurement" in page
    assert 'srcdoc="&lt;p&gt;Hello &lt;strong&gt;Ana' in page  # sandboxed, never live HTML
    assert "Resend" not in page  # only failed ones


def test_resend_queues_a_failed_delivery_again(
    client, secretariat, django_capture_on_commit_callbacks
):
    row = _delivery(status="failed", attempts=9, last_error="SMTPServerDisconnected")
    client.force_login(secretariat)
    inspect = reverse("notification_deliveries:inspect", args=[row.pk])
    assert "Resend" in client.get(inspect).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notification_deliveries:resend", args=[row.pk]))

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "sent"
    assert [message.to for message in mail.outbox] == [[row.recipient.email]]


def test_resend_leaves_a_sent_delivery_alone(client, secretariat):
    row = _delivery(status="sent")
    client.force_login(secretariat)

    client.post(reverse("notification_deliveries:resend", args=[row.pk]))

    row.refresh_from_db()
    assert row.status == "sent"
    assert mail.outbox == []


def test_resend_is_post_only(client, secretariat):
    row = _delivery(status="failed")
    client.force_login(secretariat)
    assert client.get(reverse("notification_deliveries:resend", args=[row.pk])).status_code == 405


def test_the_outbox_shows_the_next_attempt_and_why(
    client, secretariat, django_assert_max_num_queries
):
    for number in range(3):
        _delivery(
            recipient=UserFactory(full_name=f"Learner {number}"),
            attempts=7,
            next_attempt_at=timezone.now() + dt.timedelta(hours=1),
            last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        )
    client.force_login(secretariat)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("notification_deliveries:index"))

    page = response.content.decode()
    assert "Next attempt" in page
    assert page.count("SMTPServerDisconnected: Connection unexpectedly closed") == 3


def test_a_maybe_sent_delivery_is_explained_and_resent_with_its_message_id(
    client, secretariat, django_capture_on_commit_callbacks
):
    row = _delivery(
        status="unknown",
        attempts=1,
        message_id="<1.2@gsef-net.org>",
        last_error="interrupted after the claim: the message may have been sent",
    )
    client.force_login(secretariat)
    page = client.get(reverse("notification_deliveries:inspect", args=[row.pk])).content.decode()
    assert "it may have arrived" in page
    assert "Resend" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notification_deliveries:resend", args=[row.pk]))

    row.refresh_from_db()
    assert row.status == "sent"
    assert mail.outbox[0].extra_headers["Message-ID"] == "<1.2@gsef-net.org>"
