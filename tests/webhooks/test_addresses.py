"""Where webhooks may go: public HTTPS addresses only (plain http to localhost and private
networks only with WEBHOOKS_ALLOW_PRIVATE_URLS, for development); no redirect followed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from courses.webhooks import http
from courses.webhooks.delivery import webhook_deliver
from courses.webhooks.models import WebhookDelivery
from courses.webhooks.services import webhook_endpoint_create, webhook_test_send
from tests.webhooks.conftest import ALL_EVENTS


@pytest.mark.parametrize(
    ("url", "allowed_in_development", "allowed_in_production"),
    [
        ("https://hr.bamako.example/hooks", True, True),
        ("http://localhost:8001/hooks", True, False),
        ("http://127.0.0.1:8001/hooks", True, False),
        ("http://hr.bamako.example/hooks", False, False),
        ("ftp://hr.bamako.example/hooks", False, False),
        ("https://user:secret@hr.bamako.example/hooks", False, False),
        ("hr.bamako.example/hooks", False, False),
    ],
)
def test_which_addresses_an_endpoint_may_have(
    settings, url, allowed_in_development, allowed_in_production
):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True
    assert (http.url_problem(url) == "") is allowed_in_development
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = False
    assert (http.url_problem(url) == "") is allowed_in_production


def test_a_name_resolving_to_a_private_or_loopback_address_is_refused_in_production(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = False
    for host in ("localhost", "127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1"):
        with pytest.raises(http.UnsafeAddress, match="private address"):
            http.resolve(host, 443)
    assert http.resolve("8.8.8.8", 443) == "8.8.8.8"  # a literal public address: no DNS


@pytest.mark.django_db
def test_nothing_is_sent_to_a_private_address_in_production(
    settings, bamako, receiver, django_capture_on_commit_callbacks
):
    endpoint = webhook_endpoint_create(
        organisation=bamako, url=receiver.url.replace("http:", "https:"), events=ALL_EVENTS, by=None
    )
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = False
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_test_send(endpoint=endpoint)
    delivery.refresh_from_db()
    assert receiver.requests == []
    assert delivery.state == "pending" and "private address (127.0.0.1)" in delivery.last_error


@pytest.mark.django_db
def test_the_service_refuses_a_plain_http_endpoint_in_production(settings, bamako):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = False
    with pytest.raises(ValidationError) as error:
        webhook_endpoint_create(
            organisation=bamako, url="http://127.0.0.1:9/hooks", events=ALL_EVENTS, by=None
        )
    assert "https://" in error.value.message_dict["url"][0]


@pytest.mark.django_db
def test_a_redirect_is_not_followed_and_counts_as_a_failed_attempt(
    bamako, receiver, endpoint_for, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(bamako)
    receiver.statuses = [307]
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_test_send(endpoint=endpoint)
    delivery.refresh_from_db()
    assert len(receiver.requests) == 1
    assert (delivery.state, delivery.last_status_code) == ("pending", 307)
    assert webhook_deliver(delivery_id=delivery.pk).state == "not due"
    assert WebhookDelivery.objects.count() == 1
