"""The badge picture of a course: GSEF's default drawing (PNG and SVG), stable and cached,
and LinkedIn's add-certification link."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from defusedxml import ElementTree
from PIL import Image

from courses.badges import images
from courses.badges.linkedin import linkedin_add_url

SVG = "{http://www.w3.org/2000/svg}"


def test_the_default_png_is_a_512_pixel_picture_in_the_brand_colour():
    face = images.BadgeFace(title="Social economy for local governments", hours=Decimal("12.0"))

    png = images.default_png(face)

    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (512, 512)
    assert image.getpixel((256, 60)) == (0x0B, 0x5C, 0xAB)  # inside the brand disc


def test_the_default_png_is_the_same_bytes_each_time_and_differs_per_course():
    face = images.BadgeFace(title="Cooperatives 101", hours=Decimal("3"))

    assert images.default_png(face) == images.default_png(face)
    assert images.default_png(face) != images.default_png(
        images.BadgeFace(title="Cooperatives 102", hours=Decimal("3"))
    )


@pytest.mark.parametrize("title", ["사회적경제 입문", "الاقتصاد الاجتماعي والتضامني", "A" * 300])
def test_the_default_png_draws_every_script_and_any_length(title):
    image = Image.open(io.BytesIO(images.default_png(images.BadgeFace(title=title))))

    assert image.size == (512, 512)


def test_the_default_svg_names_the_course_the_academy_and_the_hours():
    face = images.BadgeFace(title="Finance & <solidarity> for cities", hours=Decimal("7.5"))

    root = ElementTree.fromstring(images.default_svg(face).encode())

    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts[0] == "GSEF Academy"
    assert " ".join(texts[1:-1]) == "Finance & <solidarity> for cities"
    assert texts[-1] == "7.5 hours"
    assert root.find(f"{SVG}title").text == "Finance & <solidarity> for cities · GSEF Academy"


def test_the_picture_is_cached_under_what_it_depends_on(monkeypatch):
    face = images.BadgeFace(title="Cached course", hours=None)
    drawn = []
    monkeypatch.setattr(images, "default_png", lambda f: drawn.append(f) or b"png")

    assert images.badge_png(face) == b"png"
    assert images.badge_png(face) == b"png"
    assert images.badge_png(images.BadgeFace(title="Cached course", hours=Decimal(1))) == b"png"

    assert len(drawn) == 2  # once per face, not per download


def test_linkedin_link_fills_in_the_certification_form(settings):
    settings.LINKEDIN_ORGANIZATION_ID = ""

    url = linkedin_add_url(
        name="Social economy: an introduction",
        organisation="Global Social Economy Forum",
        issued_on=dt.date(2026, 3, 9),
        verification_url="https://academy.example/verify/K7QF-3M9T/",
        code="K7QF-3M9T",
        expires_on=dt.date(2028, 3, 9),
    )

    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    assert parse_qs(parts.query) == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": ["Social economy: an introduction"],
        "organizationName": ["Global Social Economy Forum"],
        "issueYear": ["2026"],
        "issueMonth": ["3"],
        "expirationYear": ["2028"],
        "expirationMonth": ["3"],
        "certUrl": ["https://academy.example/verify/K7QF-3M9T/"],
        "certId": ["K7QF-3M9T"],
    }


def test_linkedin_link_names_the_organisation_page_when_configured(settings):
    settings.LINKEDIN_ORGANIZATION_ID = "1234567"

    query = parse_qs(
        urlsplit(
            linkedin_add_url(
                name="X",
                organisation="GSEF",
                issued_on=dt.date(2026, 12, 1),
                verification_url="https://a.example/verify/A/",
                code="A",
            )
        ).query
    )

    assert query["organizationId"] == ["1234567"]
    assert "organizationName" not in query
    assert "expirationYear" not in query
