import pytest

from lms.celery import app as celery_app
from lms.services import heartbeat_record

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_database_and_broker_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_checks_the_configured_broker(client, settings):
    # In CI this is the real Redis; on the embedded defaults, the filesystem broker.
    assert celery_app.conf.broker_url == settings.CELERY_BROKER_URL
    assert client.get("/health/").json()["broker"] == "ok"


def test_health_is_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        **response.json(),
        "status": "unavailable",
        "database": "ok",
        "broker": "unreachable",
    }


def test_health_reports_the_last_beat_heartbeat(client):
    assert client.get("/health/").json()["last_heartbeat"] is None
    beat = heartbeat_record(source="beat")
    assert client.get("/health/").json()["last_heartbeat"] == beat.seen_at.isoformat()


def test_health_needs_no_https_redirect_for_load_balancers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code == 200
    assert client.get("/en/").status_code == 301


def test_health_refuses_writes(client):
    assert client.post("/health/").status_code == 405
