"""The webhooks' admin screens: a coordinator manages their organisation's endpoints and
reads their delivery log; the secretariat sees all; nobody else gets in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.webhooks.models import WebhookDelivery, WebhookEndpoint
from courses.webhooks.services import webhook_test_send
from tests.webhooks.conftest import ALL_EVENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def bamako_endpoint(bamako, endpoint_for):
    return endpoint_for(bamako)


@pytest.fixture
def seoul_endpoint(seoul, endpoint_for):
    return endpoint_for(seoul, url="https://hr.seoul.example/hooks")


def test_a_coordinator_adds_an_endpoint_and_is_shown_its_secret(
    client, bamako, bamako_coordinator, receiver
):
    client.force_login(bamako_coordinator)
    response = client.post(
        reverse("webhook_endpoints:add"),
        {
            "organisation": bamako.pk,
            "url": receiver.url,
            "description": "HR system",
            "events": ["course.completed", "certificate.issued"],
        },
        follow=True,
    )
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.organisation == bamako and endpoint.created_by == bamako_coordinator
    assert endpoint.events == ["course.completed", "certificate.issued"]
    assert response.redirect_chain[-1][0] == reverse(
        "webhook_endpoints:inspect", args=[endpoint.pk]
    )
    assert endpoint.secret in response.content.decode()


def test_an_endpoint_cannot_be_added_for_another_organisation_or_a_plain_http_address(
    client, bamako, seoul, bamako_coordinator, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = False
    client.force_login(bamako_coordinator)
    response = client.post(
        reverse("webhook_endpoints:add"),
        {"organisation": seoul.pk, "url": "http://hr.example/hooks", "events": ALL_EVENTS},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "organisation" in errors
    assert errors["url"] == [
        "The address must start with https:// (plain http is only for localhost)."
    ]
    assert not WebhookEndpoint.objects.exists()
    response = client.post(
        reverse("webhook_endpoints:add"),
        {"organisation": bamako.pk, "url": "https://hr.example/hooks", "events": []},
    )
    assert "events" in response.context["form"].errors
    assert not WebhookEndpoint.objects.exists()


def test_the_listing_shows_a_coordinator_their_organisations_endpoints_and_the_secretariat_all(
    client, bamako_coordinator, secretariat, bamako_endpoint, seoul_endpoint
):
    client.force_login(bamako_coordinator)
    page = client.get(reverse("webhook_endpoints:index")).content.decode()
    assert bamako_endpoint.url in page and seoul_endpoint.url not in page
    client.force_login(secretariat)
    page = client.get(reverse("webhook_endpoints:index")).content.decode()
    assert bamako_endpoint.url in page and seoul_endpoint.url in page


def test_rotate_test_event_disable_and_enable_from_the_endpoints_page(
    client, bamako_coordinator, bamako_endpoint, receiver, django_capture_on_commit_callbacks
):
    client.force_login(bamako_coordinator)
    old = bamako_endpoint.secret
    client.post(reverse("webhook_endpoints:rotate", args=[bamako_endpoint.pk]))
    bamako_endpoint.refresh_from_db()
    assert bamako_endpoint.secret != old and bamako_endpoint.previous_secret == old

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhook_endpoints:test", args=[bamako_endpoint.pk]))
    [request] = receiver.requests
    assert b'"type":"webhook.test"' in request.body

    client.post(reverse("webhook_endpoints:disable", args=[bamako_endpoint.pk]))
    bamako_endpoint.refresh_from_db()
    assert not bamako_endpoint.active
    client.post(reverse("webhook_endpoints:enable", args=[bamako_endpoint.pk]))
    bamako_endpoint.refresh_from_db()
    assert bamako_endpoint.active


def test_the_delivery_log_lists_deliveries_and_redelivers_one(
    client,
    bamako_coordinator,
    bamako_endpoint,
    receiver,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_test_send(endpoint=bamako_endpoint)
    client.force_login(bamako_coordinator)
    url = reverse("webhook_endpoints:deliveries", args=[bamako_endpoint.pk])
    page = client.get(url).content.decode()
    assert delivery.event_id in page and "Delivered" in page and "Redeliver" in page
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(10):
        webhook_test_send(endpoint=bamako_endpoint)
    with django_assert_max_num_queries(len(one.captured_queries)):  # the same for 11 rows
        assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("webhook_endpoints:redeliver", args=[bamako_endpoint.pk, delivery.pk])
        )
    assert response.status_code == 302
    assert receiver.ids().count(delivery.event_id) == 2
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 2


@pytest.mark.parametrize("who", ["seoul_coordinator", "trainer", "learner", "anonymous"])
def test_nobody_else_reaches_an_organisations_webhooks(
    who, client, request, bamako, bamako_endpoint, django_capture_on_commit_callbacks
):
    from lms.services import membership_create
    from tests.factories import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_test_send(endpoint=bamako_endpoint)
    if who == "learner":
        person = UserFactory()
        membership_create(user=person, organisation=bamako, role="learner", confirmed=True)
        client.force_login(person)
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    pk = bamako_endpoint.pk
    gets = [
        reverse("webhook_endpoints:inspect", args=[pk]),
        reverse("webhook_endpoints:edit", args=[pk]),
        reverse("webhook_endpoints:deliveries", args=[pk]),
    ]
    posts = [
        reverse("webhook_endpoints:rotate", args=[pk]),
        reverse("webhook_endpoints:test", args=[pk]),
        reverse("webhook_endpoints:disable", args=[pk]),
        reverse("webhook_endpoints:redeliver", args=[pk, delivery.pk]),
        reverse("webhook_endpoints:edit", args=[pk]),
    ]
    secret = bamako_endpoint.secret
    for url in gets:
        response = client.get(url)
        assert response.status_code in {302, 403, 404}, url
        assert secret not in response.content.decode()
    for url in posts:
        assert client.post(
            url, {"url": "https://evil.example/", "events": ALL_EVENTS}
        ).status_code in {
            302,
            403,
            404,
        }, url
    index = client.get(reverse("webhook_endpoints:index"))
    assert bamako_endpoint.url not in index.content.decode()
    bamako_endpoint.refresh_from_db()
    assert bamako_endpoint.secret == secret and bamako_endpoint.active
    assert bamako_endpoint.url != "https://evil.example/"
    assert WebhookDelivery.objects.count() == 1
    assert WebhookDelivery.objects.get().attempts == 1
    if who == "seoul_coordinator":  # signed in, with the right, but not to this row
        assert client.get(gets[0]).status_code == 404
