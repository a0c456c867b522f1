"""Fixtures for the organisation API: tokens of each kind for Bamako and Seoul, a client
that sends one, and a course Bamako's learner can complete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from courses.api.models import ApiToken
from courses.api.services import api_token_create
from tests.courses import factories


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def make_token(organisation, creator, *, scope="enrol", **fields) -> str:
    created = api_token_create(
        organisation=organisation, name=f"{scope} system", scope=scope, created_by=creator
    )
    if fields:
        ApiToken.objects.filter(pk=created.token.pk).update(**fields)
    return created.value


@pytest.fixture
def enrol_token(bamako, bamako_coordinator) -> str:
    return make_token(bamako, bamako_coordinator, scope="enrol")


@pytest.fixture
def read_token(bamako, bamako_coordinator) -> str:
    return make_token(bamako, bamako_coordinator, scope="read")


@pytest.fixture
def seoul_token(seoul, seoul_coordinator) -> str:
    return make_token(seoul, seoul_coordinator, scope="enrol")


@pytest.fixture
def revoked_token(bamako, bamako_coordinator) -> str:
    return make_token(bamako, bamako_coordinator, revoked_at=timezone.now())


@pytest.fixture
def expired_token(bamako, bamako_coordinator) -> str:
    return make_token(
        bamako, bamako_coordinator, expires_at=timezone.now() - dt.timedelta(seconds=1)
    )


def bearer(token: str | None) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}


class ApiClient:
    """The test client with a token and JSON bodies."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.token = token

    def get(self, path, data=None, **headers):
        return self.client.get(path, data, **bearer(self.token), **headers)

    def post(self, path, data=None, **headers):
        return self.client.post(
            path, data or {}, content_type="application/json", **bearer(self.token), **headers
        )


@pytest.fixture
def api(enrol_token) -> ApiClient:
    return ApiClient(enrol_token)


@pytest.fixture
def course(seoul, bamako):
    page = factories.course("The social economy in cities", hosts=(seoul,), effort_hours=12)
    page.signatories.create(name="Laurence Kwark", title="Secretary General, GSEF")
    page.save()
    factories.module(page, "Why it matters")
    return page
