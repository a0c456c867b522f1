"""Certificates on S3-compatible storage, as in production (``PRIVATE_STORAGE_BUCKET``):
the PDF is written to a private bucket, served through the view that checks who asks,
and absent from any public address. The S3 server is moto's, over real HTTP."""

from __future__ import annotations

import socket
import urllib.request

import boto3
import pytest
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer

from courses.models import Certificate
from courses.services.certificates import code_display
from courses.services.learning import enrolment_create, module_complete
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BUCKET = "gsef-private"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3(monkeypatch):
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


def test_a_certificate_pdf_lives_in_the_private_bucket_and_is_served_only_by_the_view(
    client, settings, s3, bamako, seoul_coordinator, django_capture_on_commit_callbacks
):
    endpoint, s3_client = s3
    private = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": endpoint,
            "region_name": "us-east-1",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": True,
            "location": "private",
        },
    }
    with override_settings(STORAGES={**settings.STORAGES, "private": private}):
        course = factories.course("Stored in a bucket")
        module = factories.module(course)
        learner = UserFactory(full_name="Awa Sangaré")
        membership_create(user=learner, organisation=bamako, confirmed=True)
        with django_capture_on_commit_callbacks(execute=True):
            enrolment = enrolment_create(user=learner, course=course)
        with django_capture_on_commit_callbacks(execute=True):
            module_complete(enrolment=enrolment, module=module)
        certificate = Certificate.objects.get()

        key = f"private/{certificate.pdf.name}"
        stored = s3_client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        assert stored.startswith(b"%PDF")
        grants = s3_client.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        assert not any(grant["Grantee"].get("URI", "").endswith("/AllUsers") for grant in grants)
        # No public address: the object's plain URL is refused without a signature.
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{endpoint}/{BUCKET}/{key}")  # noqa: S310
        assert refused.value.code == 403

        url = reverse("learn:certificate_pdf", args=[code_display(certificate.code)])
        client.force_login(learner)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == stored
        client.force_login(seoul_coordinator)
        assert client.get(url).status_code == 404
