"""The OpenAPI 3.1 document validates, the documentation page shows every operation, and
the token screens keep coordinators to their own organisation's tokens."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from courses.api.models import ApiToken
from courses.api.services import api_token_create
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document, cls=OpenAPIV31SpecValidator)
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    paths = set(document["paths"])
    assert {
        "/api/v1/courses",
        "/api/v1/members",
        "/api/v1/members/invitations",
        "/api/v1/enrolments",
        "/api/v1/enrolments/{enrolment_id}/withdraw",
        "/api/v1/completions",
        "/api/v1/certificates",
        "/api/v1/certificates/{code}/pdf",
        "/api/v1/webinar-registrations",
    } <= paths
    for operations in document["paths"].values():
        for operation in operations.values():
            assert "application/problem+json" in operation["responses"]["401"]["content"]
            assert "application/problem+json" in operation["responses"]["429"]["content"]
            # The web server's own refusal of an over-long request line, as it sends it.
            assert "text/html" in operation["responses"]["414"]["content"]


def test_the_documentation_page_lists_every_operation_without_scripts(client):
    response = client.get(reverse("api_documentation"))
    assert response.status_code == 200
    html = response.content.decode()
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}" in html
    assert "Idempotency-Key" in html and "curl" in html and "problem+json" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "style=" not in html
    assert html.count("<h1") == 1 and "<main" in html


def test_a_coordinator_lists_only_their_organisations_tokens(
    client, bamako, seoul, bamako_coordinator, seoul_coordinator
):
    api_token_create(
        organisation=bamako, name="Bamako HR", scope="read", created_by=bamako_coordinator
    )
    api_token_create(
        organisation=seoul, name="Seoul LMS", scope="read", created_by=seoul_coordinator
    )
    client.force_login(bamako_coordinator)
    response = client.get(reverse("api_tokens:index"))
    assert response.status_code == 200
    assert "Bamako HR" in response.content.decode()
    assert "Seoul LMS" not in response.content.decode()
    seoul_token = ApiToken.objects.get(name="Seoul LMS")
    assert client.get(reverse("api_tokens:edit", args=[seoul_token.pk])).status_code == 404


def test_a_coordinator_creates_a_token_shown_once_and_it_works(client, bamako, bamako_coordinator):
    client.force_login(bamako_coordinator)
    form = client.get(reverse("api_tokens:add"))
    assert form.status_code == 200
    response = client.post(
        reverse("api_tokens:add"),
        {"organisation": bamako.pk, "name": "HR system", "scope": "enrol", "expires_at": ""},
    )
    assert response.status_code == 200, response.content[:500]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    value = re.search(r"gsef_[0-9a-f]{12}_[\w-]+", response.content.decode()).group(0)
    token = ApiToken.objects.get(name="HR system")
    assert value not in token.secret_hash and token.secret_hash != value
    assert (token.expires_at - token.created_at) == dt.timedelta(days=365)
    assert ApiClient(value).get("/api/v1/courses").status_code == 200
    listing = client.get(reverse("api_tokens:index")).content.decode()
    assert value not in listing


def test_a_coordinator_cannot_create_a_token_for_another_organisation(
    client, seoul, bamako_coordinator
):
    client.force_login(bamako_coordinator)
    client.post(
        reverse("api_tokens:add"), {"organisation": seoul.pk, "name": "Sneaky", "scope": "enrol"}
    )
    assert not ApiToken.objects.filter(name="Sneaky").exists()


def test_revoking_in_the_admin_refuses_the_next_call(client, bamako, bamako_coordinator):
    created = api_token_create(
        organisation=bamako, name="HR", scope="read", created_by=bamako_coordinator
    )
    client.force_login(bamako_coordinator)
    response = client.post(
        reverse("api_tokens:edit", args=[created.token.pk]), {"name": "HR", "revoke": "on"}
    )
    assert response.status_code == 302
    created.token.refresh_from_db()
    assert created.token.revoked_at is not None and created.token.revoked_by == bamako_coordinator
    assert ApiClient(created.value).get("/api/v1/courses").status_code == 401


def test_learners_and_trainers_have_no_token_screen(client, bamako_learner, trainer):
    for person in (bamako_learner, trainer):
        client.force_login(person)
        assert client.get(reverse("api_tokens:index")).status_code in (302, 403)
    client.logout()
    assert client.get(reverse("api_tokens:index")).status_code == 302


def test_the_secretariat_sees_every_organisations_tokens(
    client, bamako, seoul, bamako_coordinator, seoul_coordinator, secretariat
):
    api_token_create(
        organisation=bamako, name="Bamako HR", scope="read", created_by=bamako_coordinator
    )
    api_token_create(
        organisation=seoul, name="Seoul LMS", scope="read", created_by=seoul_coordinator
    )
    client.force_login(secretariat)
    html = client.get(reverse("api_tokens:index")).content.decode()
    assert "Bamako HR" in html and "Seoul LMS" in html
