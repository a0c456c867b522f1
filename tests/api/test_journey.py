"""The issue's "done means", with the test client: Bamako's coordinator creates a token,
enrols an official twice with the same Idempotency-Key (one enrolment), the official
completes the course, and the API lists the certificate and returns its PDF."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from courses.models import Enrolment
from courses.services.learning import module_complete
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_token_enrols_once_with_one_key_and_fetches_the_certificate_pdf(
    enrol_token, bamako_learner, course, django_capture_on_commit_callbacks
):
    api = ApiClient(enrol_token)
    body = {
        "learner_email": bamako_learner.email.upper(),
        "course_key": str(course.translation_key),
    }

    with django_capture_on_commit_callbacks(execute=True):
        first = api.post("/api/v1/enrolments", body, HTTP_IDEMPOTENCY_KEY="hr-0042")
    second = api.post("/api/v1/enrolments", body, HTTP_IDEMPOTENCY_KEY="hr-0042")

    assert first.status_code == 201, first.content
    assert second.status_code == 201
    assert second.json() == first.json()
    assert Enrolment.objects.filter(user=bamako_learner).count() == 1
    enrolment = Enrolment.objects.get(user=bamako_learner)
    assert first.json()["id"] == enrolment.pk
    assert enrolment.source == Enrolment.Source.COORDINATOR

    module = course.get_children().specific().first()
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=module)

    completions = api.get("/api/v1/completions").json()["items"]
    assert [c["id"] for c in completions] == [enrolment.pk]
    certificates = api.get("/api/v1/certificates").json()["items"]
    assert len(certificates) == 1
    assert certificates[0]["pdf_ready"] is True

    pdf = api.get(f"/api/v1/certificates/{certificates[0]['code']}/pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")

    credential = api.get(urlsplit(certificates[0]["credential_url"]).path)
    assert credential.status_code == 200, credential.content[:300]
    body = credential.json()
    assert "OpenBadgeCredential" in body["type"]
    assert body["proof"]["jwt"].count(".") == 2
