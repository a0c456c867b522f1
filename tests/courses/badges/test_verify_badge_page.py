"""/verify/ checks a badge pasted or uploaded (JSON, PNG, SVG), without JavaScript: the
result in plain words; a wrong input told what is wrong; POST with CSRF, never cached,
counted against the lookup limit."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.services.certificates import certificate_revoke

pytestmark = pytest.mark.django_db
VERIFY = "/verify/credential/"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _download(client, certificate, owner, fmt):
    client.force_login(owner)
    response = client.get(reverse("learn:badge_download", args=[certificate.display_code, fmt]))
    client.logout()
    return response.content


def _jws(client, certificate, owner) -> str:
    return json.loads(_download(client, certificate, owner, "json"))["proof"]["jwt"]


def _tampered(jws: str, change) -> str:
    header, payload, signature = jws.split(".")
    claims = json.loads(_unb64(payload))
    change(claims)
    return ".".join([header, _b64(json.dumps(claims).encode()), signature])


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _words(response) -> str:
    """What a reader sees: the text without its tags."""
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split()))


def test_the_verification_page_offers_the_badge_form_and_is_never_cached(client):
    response = client.get("/verify/")

    html = response.content.decode()
    assert 'action="/verify/credential/"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(VERIFY)["Cache-Control"]


def test_a_pasted_badge_is_valid_and_says_whose_and_what(client, certified):
    _course, certificate, owner = certified
    jws = _jws(client, certificate, owner)

    response = client.post(VERIFY, {"credential": jws})

    assert response.status_code == 200
    text = _text(response)
    assert "This badge is genuine and valid" in text
    words = _words(response)
    assert "Issued to Aminata Diarra" in words
    assert "Achievement Social economy for cities" in words
    assert "Issued by GSEF Academy" in words
    assert "no-store" in response["Cache-Control"]
    # its "check another badge" form posts again: "no-referrer" would make browsers send
    # "Origin: null", which the CSRF check refuses
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("json", "application/json"), ("png", "image/png"), ("svg", "image/svg+xml")],
)
def test_an_uploaded_badge_file_is_valid(client, certified, fmt, content_type):
    _course, certificate, owner = certified
    data = _download(client, certificate, owner, fmt)

    upload = SimpleUploadedFile(f"my-badge.{fmt}", data, content_type=content_type)
    response = client.post(VERIFY, {"file": upload})

    assert "This badge is genuine and valid" in _text(response)


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c["credentialSubject"]["achievement"].update(name="Doctorate in economics"),
        lambda c: c.update(validFrom="2020-01-01T00:00:00Z"),
        lambda c: c["credentialSubject"]["achievement"].update(id="https://evil.example/a"),
    ],
    ids=["name", "date", "achievement"],
)
def test_a_tampered_badge_is_not_genuine_and_the_page_says_why(client, certified, change):
    _course, certificate, owner = certified
    tampered = _tampered(_jws(client, certificate, owner), change)

    response = client.post(VERIFY, {"credential": tampered})

    text = _text(response)
    assert "This badge is not genuine" in text
    assert "genuine and valid" not in text
    assert "signature" in text.lower()  # the reason, in words


def test_a_revoked_certificates_badge_says_revoked(client, certified, secretariat):
    _course, certificate, owner = certified
    jws = _jws(client, certificate, owner)
    certificate_revoke(certificate=certificate, by=secretariat, reason="Completed by mistake")

    response = client.post(VERIFY, {"credential": jws})

    assert "This badge was revoked" in _text(response)


def test_a_badge_past_its_validity_says_expired(client, make_certified):
    _course, certificate, owner = make_certified(validity_months=12)
    jws = _jws(client, certificate, owner)

    with time_machine.travel(timezone.now() + dt.timedelta(days=400)):
        response = client.post(VERIFY, {"credential": jws})

    assert "This badge has expired" in _text(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"credential": "hello, is this a badge?"}, "We found no badge in this text"),
        ({"credential": ""}, "Paste the text of a badge or choose a badge file"),
        (
            {"file": SimpleUploadedFile("cv.pdf", b"%PDF-1.7", content_type="application/pdf")},
            "is not a badge file",
        ),
        (
            {"file": SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\nbroken", "image/png")},
            "We found no badge in this file",
        ),
    ],
    ids=["garbage", "empty", "pdf", "broken-png"],
)
def test_wrong_input_gets_a_message_and_keeps_what_was_pasted(client, data, message):
    response = client.post(VERIFY, data)

    assert response.status_code == 400
    text = _text(response)
    assert message in text
    if data.get("credential"):
        assert data["credential"] in text


def test_an_oversize_upload_is_refused_with_its_size(client, settings):
    settings.BADGE_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * 4096, "image/png")

    response = client.post(VERIFY, {"file": upload})

    assert response.status_code == 400
    assert "a badge file is at most 1.0 KB" in _text(response).replace("\xa0", " ")


def test_paste_and_file_together_are_refused(client):
    upload = SimpleUploadedFile("b.json", b"{}", "application/json")

    response = client.post(VERIFY, {"credential": "a.b.c", "file": upload})

    assert response.status_code == 400
    assert "not both" in _text(response)


def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)

    assert client.post(VERIFY, {"credential": "a.b.c"}).status_code == 403


def test_badge_checks_count_against_the_lookup_limit(client, settings):
    settings.CERTIFICATE_VERIFY_RATE = 2

    statuses = [client.post(VERIFY, {"credential": "x"}).status_code for _ in range(3)]

    assert statuses == [400, 400, 429]
