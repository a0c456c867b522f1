"""Public media on S3-compatible storage (``MEDIA_STORAGE_BUCKET``), as a site with more
than one web machine runs: an image and a document uploaded through the Wagtail admin
land in the bucket, the image's rendition is read from the bucket's address, and the
document is served by Wagtail's view (collection privacy applies). The storage settings
are those lms/settings.py builds from the environment; the S3 server is moto's, over
real HTTP."""

from __future__ import annotations

import io
import runpy
import socket
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BUCKET = "gsef-media"
SETTINGS_FILE = Path(__file__).resolve().parents[2] / "lms" / "settings.py"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def media_bucket(monkeypatch):
    """moto's S3 server with a media bucket, and the project's settings as the
    environment variables of a production machine make them."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    environment = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "MEDIA_STORAGE_BUCKET": BUCKET,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    project = runpy.run_path(str(SETTINGS_FILE))
    yield endpoint, client, project
    server.stop()


def _png() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (320, 200), (20, 110, 60)).save(out, "PNG")
    return out.getvalue()


def test_settings_without_a_media_bucket_keep_media_on_local_disk(monkeypatch):
    monkeypatch.delenv("MEDIA_STORAGE_BUCKET", raising=False)
    project = runpy.run_path(str(SETTINGS_FILE))

    assert project["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert "WAGTAILDOCS_SERVE_METHOD" not in project


def test_images_and_documents_uploaded_in_the_admin_live_in_the_media_bucket(
    client, settings, media_bucket
):
    endpoint, s3_client, project = media_bucket
    default = project["STORAGES"]["default"]
    assert default["OPTIONS"]["endpoint_url"] == endpoint
    editor = UserFactory(is_superuser=True)
    client.force_login(editor)
    root = Collection.get_first_root_node()

    with override_settings(
        STORAGES={**settings.STORAGES, "default": default},
        WAGTAILDOCS_SERVE_METHOD=project["WAGTAILDOCS_SERVE_METHOD"],
    ):
        response = client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Cooperative meeting",
                "file": SimpleUploadedFile("meeting.png", _png(), "image/png"),
                "collection": root.pk,
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        response = client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Reading guide",
                "file": SimpleUploadedFile("guide.pdf", PDF, "application/pdf"),
                "collection": root.pk,
            },
        )
        assert response.status_code == 302, response.context["form"].errors

        image = get_image_model().objects.get()
        rendition = image.get_rendition("fill-120x80")
        document = get_document_model().objects.get()

        keys = {item["Key"] for item in s3_client.list_objects_v2(Bucket=BUCKET)["Contents"]}
        assert f"media/{image.file.name}" in keys
        assert f"media/{rendition.file.name}" in keys
        assert f"media/{document.file.name}" in keys

        # The rendition is read from the bucket's own address, by anyone, unsigned.
        assert rendition.url.startswith(f"{endpoint}/{BUCKET}/media/images/")
        assert "Signature" not in rendition.url
        with urllib.request.urlopen(rendition.url) as fetched:  # noqa: S310 (moto over http)
            assert PILImage.open(io.BytesIO(fetched.read())).size == (120, 80)

        # The document goes through Wagtail's serve view, never a redirect to the bucket.
        served = client.get(document.url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content) == PDF
