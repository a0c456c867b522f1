"""The certificate PDF: one A4 landscape page drawn from a ``CertificateDocument``.

A pure function of its input: no database, no storage, no request. Labels and the date
follow ``document.language``; names and titles may be in any script the members write
(Hangul, accented Latin, Cyrillic, Arabic). The fonts ship in ``courses/certificate_fonts``
(see the README there) and are embedded as subsets, so every reader shows the same page.

Text (fonts, Arabic shaping and bidi order, wrapping and fitting) is ``text.py``; the hosts'
logos, the signatures and the QR code are ``images.py``; this module holds the document,
its labels and the page.

What the file says about itself: ``/Title`` (shown as the window title,
``DisplayDocTitle``), ``/Lang`` and the reading ``/Direction`` of the certificate's
language. It is not a tagged PDF (no ``/StructTreeRoot``, so not PDF/UA): ReportLab's
canvas writes no structure tree, and its ``/MarkInfo`` alone would claim tags that are
not there. The text layer is in reading order instead (see ``text.py``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.utils import formats, translation
from django.utils.translation import gettext, ngettext
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from courses.services.certificate_pdf.images import draw_logo, draw_qr, image_of, logo_of
from courses.services.certificate_pdf.text import (  # noqa: F401 (FONT_DIR: callers' API)
    FONT_DIR,
    INK,
    draw_block,
    draw_text,
    font_chain,
    text_block,
    url_block,
)

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 54

# The site's palette (cms/static/cms/css/site.css, --color-*); INK comes with the text.
MUTED = HexColor("#4a5565")
LINE = HexColor("#c9d1dc")
BRAND = HexColor("#0b5cab")
BRAND_DARK = HexColor("#083f77")
ACCENT = HexColor("#b8461b")
PAPER = HexColor("#ffffff")

URL_SIZE = 8  # the verification address: never smaller
SIGNATURE_HEIGHT = 34  # at most; between the signature line and the body


@dataclass(frozen=True)
class HostLogo:
    """A host organisation: its logo (PNG or JPEG bytes), or ``None`` to print its name."""

    name: str
    logo: bytes | None


class Signatory(NamedTuple):
    """Who signs: name, title, and a scan of the signature (PNG or JPEG bytes) or None for
    a line to sign on. A plain ``(name, title)`` pair is read as one without a scan.
    """

    name: str
    title: str
    signature: bytes | None = None


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on one certificate, already decided and in the learner's language."""

    kind: str  # "completion", "participation" or "programme"
    language: str
    learner_name: str
    title: str
    hours: Decimal | None
    minutes: int | None
    completed_on: date
    hosts: tuple[HostLogo, ...]
    signatories: tuple[Signatory | tuple[str, str], ...]
    code: str
    verification_url: str
    issuer: str
    # A programme certificate's courses, in the programme's order (titles as printed).
    courses: tuple[str, ...] = ()


# --- labels ------------------------------------------------------------------------------------


def _long_date(value: date) -> str:
    # Imported here: the selectors package loads the page models, and the renderer must
    # stay importable (and cheap) without them, for the benchmark and the Celery worker.
    from courses.selectors.catalogue import LONG_DATE_FORMATS

    return formats.date_format(
        value, LONG_DATE_FORMATS.get(translation.get_language(), "DATE_FORMAT")
    )


def _hours_text(hours: Decimal) -> str:
    whole = hours == hours.to_integral_value()
    shown = hours.quantize(Decimal(1)) if whole else hours.normalize()
    # Plural rules count whole numbers; any fraction reads as plural ("1.5 hours").
    count = int(shown) if whole else 2
    return ngettext("%(hours)s hour of learning", "%(hours)s hours of learning", count) % {
        "hours": formats.number_format(shown)
    }


@dataclass(frozen=True)
class _Labels:
    heading: str
    certifies: str
    achievement: str
    details: tuple[str, ...]
    hosted_by: str
    verify_at: str
    code: str
    courses: str = ""


def _labels(document: CertificateDocument) -> _Labels:
    """Every printed word that is not the learner's, in the active language."""
    on = {"date": _long_date(document.completed_on)}
    if document.kind == "participation":
        heading = gettext("Certificate of participation")
        # Translators: on a certificate, between the learner's name and the webinar's title.
        achievement = gettext("took part in the webinar")
        details = []
        if document.minutes is not None:
            details.append(
                ngettext(
                    "%(minutes)s minute attended", "%(minutes)s minutes attended", document.minutes
                )
                % {"minutes": formats.number_format(document.minutes)}
            )
        # Translators: on a certificate; the date is written out ("1 March 2027").
        details.append(gettext("Took part on %(date)s") % on)
    elif document.kind == "programme":
        heading = gettext("Programme certificate")
        # Translators: on a certificate, between the learner's name and the programme's title.
        achievement = gettext("has completed the programme")
        details = [_hours_text(document.hours)] if document.hours is not None else []
        details.append(gettext("Completed on %(date)s") % on)
    else:
        heading = gettext("Certificate of completion")
        # Translators: on a certificate, between the learner's name and the course's title.
        achievement = gettext("has completed the course")
        details = [_hours_text(document.hours)] if document.hours is not None else []
        # Translators: on a certificate; the date is written out ("1 March 2027").
        details.append(gettext("Completed on %(date)s") % on)
    return _Labels(
        heading=heading,
        # Translators: on a certificate, above the learner's name.
        certifies=gettext("This certifies that"),
        achievement=achievement,
        details=tuple(details),
        # Translators: on a certificate, above the logos of the organisations hosting the course.
        hosted_by=gettext("Hosted by"),
        # Translators: on a certificate, above its address on the web, beside the QR code.
        verify_at=gettext("Verify this certificate at"),
        code=gettext("Verification code"),
        # Translators: on a programme certificate, before the list of its courses.
        courses=(
            gettext("Courses: %(courses)s") % {"courses": "  ·  ".join(document.courses)}
            if document.courses
            else ""
        ),
    )


# --- the page ----------------------------------------------------------------------------------


def _draw_frame(canvas: Canvas) -> None:
    canvas.setStrokeColor(BRAND_DARK)
    canvas.setLineWidth(2.5)
    canvas.rect(20, 20, PAGE_WIDTH - 40, PAGE_HEIGHT - 40)
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.6)
    canvas.rect(27, 27, PAGE_WIDTH - 54, PAGE_HEIGHT - 54)
    # A brand-dark band along the top of the inner frame, starting in the accent colour.
    canvas.setFillColor(BRAND_DARK)
    canvas.rect(27, PAGE_HEIGHT - 35, PAGE_WIDTH - 54, 8, stroke=0, fill=1)
    canvas.setFillColor(ACCENT)
    canvas.rect(27, PAGE_HEIGHT - 35, 120, 8, stroke=0, fill=1)


def _draw_identity(canvas: Canvas, issuer: str) -> None:
    """The GSEF wordmark: "GSEF" reversed out of a brand-dark block, the forum's name and
    "GSEF Academy" beside it.
    """
    top = PAGE_HEIGHT - MARGIN - 4
    canvas.setFillColor(BRAND_DARK)
    canvas.roundRect(MARGIN, top - 34, 74, 34, 4, stroke=0, fill=1)
    canvas.setFillColor(PAPER)
    text = canvas.beginText(MARGIN + 9, top - 24.5)
    text.setFont(font_chain("bold")[0].name, 19)
    text.setCharSpace(1.6)
    text.textOut("GSEF")
    text.setCharSpace(0)  # character spacing outlives the text object in PDF
    canvas.drawText(text)
    draw_text(canvas, issuer, MARGIN + 84, top - 13, 11.5, bold=True, width=220, min_size=8)
    # Part of the wordmark, so never translated.
    draw_text(canvas, "GSEF Academy", MARGIN + 84, top - 29, 10.5, colour=BRAND)


def _draw_hosts(canvas: Canvas, hosts: tuple[HostLogo, ...], label: str) -> None:
    """Host logos (or names) right-aligned along the top, under a small label."""
    if not hosts:
        return
    right = PAGE_WIDTH - MARGIN
    top = PAGE_HEIGHT - MARGIN - 4
    height = 38
    box_width = min(140, (PAGE_WIDTH / 2 - 40) / len(hosts) - 16)
    draw_text(canvas, label, right, top - 6, 8, colour=MUTED, align="right")
    x = right
    for host in reversed(hosts):
        logo = logo_of(host)
        if logo is not None:
            drawn_width = min(box_width, height * logo.width / logo.height)
            drawn_height = drawn_width * logo.height / logo.width
            draw_logo(
                canvas,
                logo,
                x - drawn_width,
                top - 14 - height + (height - drawn_height) / 2,
                drawn_width,
                drawn_height,
            )
            x -= drawn_width + 18
        else:
            name = text_block(
                host.name, 11, bold=True, width=box_width, min_size=7, max_lines=3, leading=1.2
            )
            # Centred on the logos' middle line, from the first line's capitals to the last
            # line's baseline.
            baseline = top - 14 - height / 2 + (name.depth - name.size * 0.72) / 2
            draw_block(canvas, name, x, baseline, align="right")
            x -= name.width + 18


def _draw_signatories(canvas: Canvas, rows: tuple, right: float) -> None:
    """Up to three signature blocks (the scanned signature on a line, the name and the title
    under it), centred in the space left of the verification block.
    """
    if not rows:
        return
    signatories = [Signatory(*row) for row in rows[:3]]
    gap = 24
    width = min(180, (right - MARGIN - gap * (len(signatories) - 1)) / len(signatories))
    total = width * len(signatories) + gap * (len(signatories) - 1)
    x = MARGIN + (right - MARGIN - total) / 2
    line_y = MARGIN + 46
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.75)
    for name, title, signature in signatories:
        canvas.line(x, line_y, x + width, line_y)
        centre = x + width / 2
        image = image_of(signature)
        if image is not None:
            # Standing on the line, below the body's lowest baseline (MARGIN + 86).
            drawn_width = min(width, SIGNATURE_HEIGHT * image.width / image.height)
            drawn_height = drawn_width * image.height / image.width
            draw_logo(
                canvas, image, centre - drawn_width / 2, line_y + 1, drawn_width, drawn_height
            )
        name_block = text_block(name, 10.5, bold=True, width=width, min_size=8.5, max_lines=2)
        y = draw_block(canvas, name_block, centre, line_y - 14, align="centre")
        title_block = text_block(title, 8.5, width=width, min_size=7, max_lines=2, leading=1.2)
        draw_block(canvas, title_block, centre, y - 12, colour=MUTED, align="centre")
        x += width + gap


def _draw_verification(canvas: Canvas, document: CertificateDocument, labels: _Labels) -> float:
    """The QR code in the bottom-right corner, the code and the address to its left.

    Returns the left edge of the block.
    """
    qr_size = 92
    qr_x = PAGE_WIDTH - MARGIN - qr_size + 8  # its quiet zone may reach into the margin
    qr_y = MARGIN - 12
    draw_qr(canvas, document.verification_url, qr_x, qr_y, qr_size)
    canvas.linkURL(document.verification_url, (qr_x, qr_y, qr_x + qr_size, qr_y + qr_size))

    right = qr_x - 2
    width = 210
    blocks = (
        (text_block(labels.code, 7.5, width=width, min_size=6), MUTED, 0),
        (text_block(document.code, 12, bold=True, width=width, min_size=8), INK, 15),
        (text_block(labels.verify_at, 7.5, width=width, min_size=6), MUTED, 20),
        # Legible (8 pt) and typed from paper: wrapped only after a "/", never in the code.
        (url_block(document.verification_url, URL_SIZE, width=width), BRAND, 11),
    )
    y = qr_y + qr_size - 20
    for block, colour, gap in blocks:
        y = draw_block(canvas, block, right, y - gap, colour=colour, align="right")
    return right - max(block.width for block, _colour, _gap in blocks)


def _draw_body(canvas: Canvas, document: CertificateDocument, labels: _Labels) -> None:
    """The heading, the learner's name and what they did, centred on the page between the
    header and the signatures, however many lines the name and the title take.
    """
    wide = PAGE_WIDTH - 2 * MARGIN - 80
    name = text_block(
        document.learner_name, 36, bold=True, width=wide, min_size=20, max_lines=2, leading=1.15
    )
    # (block, colour, distance from the previous baseline to this one)
    blocks = (
        (text_block(labels.heading, 30, bold=True, width=wide, min_size=18), BRAND_DARK, 0),
        (text_block(labels.certifies, 13, width=wide, min_size=9), MUTED, 50),
        (name, INK, 14 + name.size),
        (text_block(labels.achievement, 13, width=wide, min_size=9), MUTED, 32),
        (
            text_block(
                document.title,
                21,
                bold=True,
                width=wide - 40,
                min_size=12,
                max_lines=3,
                leading=1.2,
            ),
            BRAND,
            33,
        ),
        (text_block("  ·  ".join(labels.details), 12, width=wide - 40, min_size=8), INK, 32),
    )
    if labels.courses:
        blocks = (
            *blocks,
            (
                text_block(labels.courses, 10, width=wide - 40, min_size=7, max_lines=3),
                MUTED,
                20,
            ),
        )
    height = sum(gap + block.depth for block, _colour, gap in blocks)
    band_top, band_bottom = PAGE_HEIGHT - 120, MARGIN + 86
    first_cap = blocks[0][0].size * 0.72
    y = (band_top + band_bottom + height - first_cap) / 2
    centre = PAGE_WIDTH / 2
    for index, (block, colour, gap) in enumerate(blocks):
        y = draw_block(canvas, block, centre, y - gap, colour=colour, align="centre")
        if index == 0:
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(2)
            canvas.line(centre - 28, y - 15, centre + 28, y - 15)


def _is_bidi(language: str) -> bool:
    try:
        return translation.get_language_info(language)["bidi"]
    except KeyError:
        return False


def render_certificate_pdf(document: CertificateDocument) -> bytes:
    """The certificate as a one-page A4 landscape PDF, labels in ``document.language``."""
    with translation.override(document.language):
        labels = _labels(document)
    output = io.BytesIO()
    canvas = Canvas(
        output,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageCompression=1,
        lang=document.language,
        # Not Helvetica: every font in the file is one of ours, embedded.
        initialFontName=font_chain("regular")[0].name,
    )
    canvas.setTitle(f"{labels.heading}: {document.learner_name}")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    canvas.setViewerPreference("Direction", "R2L" if _is_bidi(document.language) else "L2R")
    canvas.setAuthor(document.issuer)
    canvas.setSubject(document.title)
    canvas.setCreator("GSEF Academy")
    _draw_frame(canvas)
    _draw_identity(canvas, document.issuer)
    _draw_hosts(canvas, document.hosts, labels.hosted_by)
    _draw_body(canvas, document, labels)
    left = _draw_verification(canvas, document, labels)
    _draw_signatories(canvas, document.signatories, left - 30)
    canvas.showPage()
    canvas.save()
    return output.getvalue()
