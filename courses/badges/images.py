"""The badge picture of a course: the one the Secretariat uploaded, or GSEF's default.

A course's ``CourseBadge.image`` (a Wagtail image) wins; without one, a default in the
site's identity is drawn: a brand-blue disc with an accent ring, the course's name
wrapped on up to four lines, "GSEF Academy" and the hours. The SVG comes from a template
(templates/courses/badges/default_badge.svg), the PNG is drawn with Pillow in the
certificate's fonts (Noto Sans, Noto Sans Arabic, NanumSquare for Korean).

Pictures are stable (the same inputs give the same bytes, so a badge downloaded twice
bakes to the same file) and cached in the shared cache under a key made of everything
they depend on: a new upload or a renamed course is a new key, never a stale picture.
"""

from __future__ import annotations

import base64
import hashlib
import io
import textwrap
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

SIZE = 512
FONT_DIR = Path(__file__).resolve().parent.parent / "certificate_fonts"
BRAND = "#0b5cab"
BRAND_DEEP = "#062c54"
ACCENT = "#b8461b"
PAPER = "#ffffff"
CACHE_SECONDS = 7 * 24 * 3600
VERSION = 2  # bump when the drawing changes, so cached pictures are redrawn


@dataclass(frozen=True)
class BadgeFace:
    """What a badge picture shows."""

    title: str
    hours: Decimal | None = None
    image_id: int | None = None  # the uploaded Wagtail image, if any
    image_stamp: str = ""  # changes when the uploaded file changes

    @property
    def cache_key(self) -> str:
        digest = hashlib.sha256(
            f"{VERSION}|{self.title}|{self.hours}|{self.image_id}|{self.image_stamp}".encode()
        ).hexdigest()[:32]
        return f"badges:image:{digest}"


def hours_label(hours: Decimal | None) -> str:
    if hours is None:
        return ""
    value = f"{hours.normalize():f}" if isinstance(hours, Decimal) else str(hours)
    return _("%(hours)s hours") % {"hours": value}


def _lines(title: str, width: int = 18, most: int = 4) -> list[str]:
    lines = textwrap.wrap(" ".join(title.split()), width=width) or [""]
    if len(lines) > most:
        rest = textwrap.shorten(" ".join(lines[most - 1 :]), width, placeholder="…")
        lines = [*lines[: most - 1], rest]
    return lines


# SVG ----------------------------------------------------------------------------------


def default_svg(face: BadgeFace) -> str:
    lines = _lines(face.title)
    first = 250 - (len(lines) - 1) * 17
    return render_to_string(
        "courses/badges/default_badge.svg",
        {
            "lines": [(first + 34 * index, line) for index, line in enumerate(lines)],
            "hours": hours_label(face.hours),
            "title": face.title,
        },
    ).strip()


def _uploaded_svg(face: BadgeFace, png: bytes) -> str:
    encoded = base64.b64encode(png).decode("ascii")
    return render_to_string(
        "courses/badges/uploaded_badge.svg", {"data": encoded, "title": face.title}
    ).strip()


# PNG ----------------------------------------------------------------------------------


def _script_font(text: str, bold: bool) -> Path:
    for char in text:
        name = unicodedata.name(char, "")
        if name.startswith(("HANGUL", "CJK")):
            return FONT_DIR / ("NanumSquareB.ttf" if bold else "NanumSquareR.ttf")
        if name.startswith("ARABIC"):
            return FONT_DIR / ("NotoSansArabic-Bold.ttf" if bold else "NotoSansArabic-Regular.ttf")
    return FONT_DIR / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")


def _font(text: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_script_font(text, bold)), size)


def default_png(face: BadgeFace) -> bytes:
    image = Image.new("RGB", (SIZE, SIZE), PAPER)
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=ACCENT)
    draw.ellipse((24, 24, SIZE - 24, SIZE - 24), fill=BRAND)
    draw.ellipse((40, 40, SIZE - 40, SIZE - 40), outline=PAPER, width=3)
    middle = SIZE // 2
    academy = _font("GSEF Academy", 30, bold=True)
    draw.text((middle, 130), "GSEF Academy", font=academy, fill=PAPER, anchor="mm")
    lines = _lines(face.title)
    first = 250 - (len(lines) - 1) * 17
    for index, line in enumerate(lines):
        font = _font(line, 28, bold=True)
        draw.text((middle, first + 34 * index), line, font=font, fill=PAPER, anchor="mm")
    label = hours_label(face.hours)
    if label:
        draw.rounded_rectangle((166, 360, 346, 404), radius=22, fill=BRAND_DEEP)
        draw.text((middle, 382), label, font=_font(label, 24), fill=PAPER, anchor="mm")
    out = io.BytesIO()
    # zlib's default level: 33 ms and 25 KB, where optimize=True takes 98 ms for 24 KB.
    image.save(out, format="PNG")
    return out.getvalue()


def _uploaded_png(image_id: int) -> bytes | None:
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return None
    rendition = image.get_rendition(f"fill-{SIZE}x{SIZE}|format-png")
    with rendition.file.open("rb") as handle:
        return handle.read()


# What the views call ------------------------------------------------------------------


def badge_png(face: BadgeFace) -> bytes:
    """The badge's PNG (uploaded or default), from the cache when it was drawn before."""
    key = f"{face.cache_key}:png"
    png = cache.get(key)
    if png is None:
        png = (_uploaded_png(face.image_id) if face.image_id else None) or default_png(face)
        cache.set(key, png, CACHE_SECONDS)
    return png


def badge_svg(face: BadgeFace) -> str:
    """The badge's SVG: the default drawing, or the uploaded picture inside an SVG."""
    if not face.image_id:
        return default_svg(face)
    key = f"{face.cache_key}:svg"
    svg = cache.get(key)
    if svg is None:
        svg = _uploaded_svg(face, badge_png(face))
        cache.set(key, svg, CACHE_SECONDS)
    return svg
