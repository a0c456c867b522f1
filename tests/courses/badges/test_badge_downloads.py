"""The learner's badge: downloads (credential JSON, baked PNG, baked SVG) and LinkedIn, to
the certificate's learner only; a revoked certificate has none, and says why."""

from __future__ import annotations

import base64
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from defusedxml import ElementTree
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from courses.services.certificates import certificate_revoke
from courses.services.certificates.common import verification_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OB = "{https://purl.imsglobal.org/ob/v3p0}"


def _claims(jws: str) -> dict:
    payload = jws.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _url(certificate, fmt):
    return reverse("learn:badge_download", args=[certificate.display_code, fmt])


def test_the_learner_downloads_the_credential_as_json(client, certified):
    _course, certificate, owner = certified
    client.force_login(owner)

    response = client.get(_url(certificate, "json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="gsef-badge-{certificate.display_code}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    assert "OpenBadgeCredential" in document["type"]
    claims = _claims(document["proof"]["jwt"])
    assert claims["credentialSubject"]["achievement"]["name"] == "Social economy for cities"
    assert "aminata@bamako.example" not in response.content.decode()  # a hashed identity


def test_the_baked_png_carries_the_same_signed_credential(client, certified):
    _course, certificate, owner = certified
    client.force_login(owner)
    jws = json.loads(client.get(_url(certificate, "json")).content)["proof"]["jwt"]

    response = client.get(_url(certificate, "png"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith(f'gsef-badge-{certificate.display_code}.png"')
    image = Image.open(io.BytesIO(response.content))
    image.load()
    assert image.size == (512, 512)
    assert image.text["openbadgecredential"] == jws


def test_the_baked_svg_carries_the_same_signed_credential(client, certified):
    _course, certificate, owner = certified
    client.force_login(owner)
    jws = json.loads(client.get(_url(certificate, "json")).content)["proof"]["jwt"]

    response = client.get(_url(certificate, "svg"))

    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    root = ElementTree.fromstring(response.content)
    assert root.find(f"{OB}credential").get("verify") == jws


def test_add_to_linkedin_opens_the_certification_form_with_the_verification_page(client, certified):
    _course, certificate, owner = certified
    client.force_login(owner)

    response = client.get(reverse("learn:badge_linkedin", args=[certificate.display_code]))

    assert response.status_code == 302
    parts = urlsplit(response["Location"])
    assert parts.netloc == "www.linkedin.com"
    query = parse_qs(parts.query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == ["Social economy for cities"]
    assert query["certUrl"] == [verification_url(certificate.code)]
    assert query["certId"] == [certificate.display_code]
    issued = timezone.localdate(certificate.issued_at)
    assert query["issueYear"] == [str(issued.year)]
    assert query["issueMonth"] == [str(issued.month)]


@pytest.mark.parametrize("who", ["peer", "bamako_coordinator", "seoul_coordinator", "secretariat"])
@pytest.mark.parametrize("fmt", ["json", "png", "svg"])
def test_nobody_but_the_learner_gets_the_badge(client, certified, who, fmt, request):
    _course, certificate, _owner = certified
    person = UserFactory() if who == "peer" else request.getfixturevalue(who)
    client.force_login(person)

    assert client.get(_url(certificate, fmt)).status_code == 404
    linkedin = client.get(reverse("learn:badge_linkedin", args=[certificate.display_code]))
    assert linkedin.status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, certified):
    _course, certificate, _owner = certified

    response = client.get(_url(certificate, "png"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_an_unknown_format_or_code_is_not_found(client, certified):
    _course, certificate, owner = certified
    client.force_login(owner)

    assert client.get(_url(certificate, "gif")).status_code == 404
    assert client.get(reverse("learn:badge_download", args=["NOPE", "png"])).status_code == 404


def test_a_revoked_certificate_has_no_badge_and_the_learner_is_told_why(
    client, certified, secretariat
):
    _course, certificate, owner = certified
    certificate_revoke(certificate=certificate, by=secretariat, reason="Completed by mistake")
    client.force_login(owner)

    for fmt in ("json", "png", "svg"):
        response = client.get(_url(certificate, fmt))
        assert response.status_code == 410
        assert "Completed by mistake" in response.content.decode()
        assert response["Content-Type"].startswith("text/html")
    dashboard = client.get(reverse("learn:dashboard")).content.decode()
    assert _url(certificate, "png") not in dashboard


def test_my_learning_offers_the_badge_downloads_and_linkedin(client, certified):
    _course, certificate, owner = certified
    client.force_login(owner)

    html = client.get(reverse("learn:dashboard")).content.decode()

    for fmt in ("json", "png", "svg"):
        assert _url(certificate, fmt) in html
    assert reverse("learn:badge_linkedin", args=[certificate.display_code]) in html


def test_the_courses_uploaded_picture_is_the_baked_badge(client, certified):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from courses.badges.models import CourseBadge

    course, certificate, owner = certified
    picture = get_image_model().objects.create(
        title="Badge", file=get_test_image_file("badge.png", size=(800, 800), colour="red")
    )
    CourseBadge.objects.create(course_key=course.translation_key, image=picture)
    client.force_login(owner)

    png = client.get(_url(certificate, "png")).content
    svg = client.get(_url(certificate, "svg")).content

    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.size == (512, 512)
    assert image.convert("RGB").getpixel((256, 256)) == (255, 0, 0)
    assert "openbadgecredential" in image.text
    root = ElementTree.fromstring(svg)
    embedded = root.find("{http://www.w3.org/2000/svg}image").get("href")
    assert embedded.startswith("data:image/png;base64,")
    assert root.find(f"{OB}credential").get("verify") == image.text["openbadgecredential"]


def test_a_download_costs_a_few_queries_once_the_credential_is_issued(
    client, certified, django_assert_max_num_queries
):
    _course, certificate, owner = certified
    client.force_login(owner)
    client.get(_url(certificate, "png"))  # issues the credential, draws the picture

    # session and user, the certificate (with its correction), the credential, the
    # course's badge settings: nothing per picture or per download
    with django_assert_max_num_queries(6):
        assert client.get(_url(certificate, "png")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(_url(certificate, "json")).status_code == 200
