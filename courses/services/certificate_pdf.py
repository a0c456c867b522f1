"""The certificate PDF: one A4 landscape page drawn from a ``CertificateDocument``.

A pure function of its input: no database, no storage, no request. Labels and the date
follow ``document.language``; names and titles may be in any script the members write
(Hangul, accented Latin, Cyrillic, Arabic). The fonts ship in ``courses/certificate_fonts``
(see the README there) and are embedded as subsets, so every reader shows the same page.

ReportLab draws one glyph per character and does no shaping of its own unless the
optional uharfbuzz and rlbidi are installed (rlbidi is not on PyPI, and shaped glyphs
without a character of their own reach the text layer as private-use characters). So
Arabic runs are shaped here with arabic-reshaper (contextual forms and the lam-alef
ligatures, as Unicode presentation forms that Noto Sans Arabic maps) and put in visual
order with python-bidi; the logical text goes into the PDF as ``/ActualText`` so that
copying a name gives the name back. Vowel signs (harakat) are dropped: without mark
positioning they would land beside their letters, and names are written without them.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import logging
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import arabic_reshaper
import segno
from bidi import get_display
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext
from PIL import Image, UnidentifiedImageError
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

logger = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent.parent / "certificate_fonts"

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 54

# The site's palette (cms/static/cms/css/site.css, --color-*).
INK = HexColor("#1b2430")
MUTED = HexColor("#4a5565")
LINE = HexColor("#c9d1dc")
BRAND = HexColor("#0b5cab")
BRAND_DARK = HexColor("#083f77")
ACCENT = HexColor("#b8461b")
PAPER = HexColor("#ffffff")

# Per style, the fonts tried in order for each character: Noto Sans for Latin, Greek
# and Cyrillic, Noto Sans Arabic for Arabic presentation forms, NanumSquare for Hangul
# (and the 4,888 KS X 1001 Hanja).
FONT_FILES = {
    "regular": (
        ("GSEF-NotoSans", "NotoSans-Regular.ttf"),
        ("GSEF-NotoSansArabic", "NotoSansArabic-Regular.ttf"),
        ("GSEF-NanumSquare", "NanumSquareR.ttf"),
    ),
    "bold": (
        ("GSEF-NotoSans-Bold", "NotoSans-Bold.ttf"),
        ("GSEF-NotoSansArabic-Bold", "NotoSansArabic-Bold.ttf"),
        ("GSEF-NanumSquare-Bold", "NanumSquareB.ttf"),
    ),
}

# Bigger logos are scaled down once. A logo is drawn at most 140 x 38 pt, so this is
# still over 300 dpi either way.
LOGO_MAX_PIXELS = (600, 200)
LOGO_CACHE_SIZE = 64


@dataclass(frozen=True)
class HostLogo:
    """A host organisation: its logo (PNG or JPEG bytes), or ``None`` to print its name."""

    name: str
    logo: bytes | None


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on one certificate, already decided and in the learner's language."""

    kind: str  # "completion" or "participation"
    language: str
    learner_name: str
    title: str
    hours: Decimal | None
    minutes: int | None
    completed_on: date
    hosts: tuple[HostLogo, ...]
    signatories: tuple[tuple[str, str], ...]
    code: str
    verification_url: str
    issuer: str


# --- fonts and text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Font:
    name: str
    chars: frozenset[int]


@functools.cache
def _font_chain(style: str) -> tuple[_Font, ...]:
    """The registered fonts of ``style``, parsed once per process."""
    chain = []
    for name, filename in FONT_FILES[style]:
        font = TTFont(name, FONT_DIR / filename)
        pdfmetrics.registerFont(font)
        chain.append(_Font(name=name, chars=frozenset(font.face.charToGlyph)))
    return tuple(chain)


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


@dataclass(frozen=True)
class _Line:
    """One line of text ready to draw: font runs in visual order, left to right."""

    runs: tuple[tuple[str, str], ...]  # (font name, text)
    unit_width: float  # width at 1 pt
    logical: str | None  # the text in reading order when it differs from the runs

    def width(self, size: float) -> float:
        return self.unit_width * size


@functools.lru_cache(maxsize=4096)
def _line(text: str, bold: bool = False) -> _Line:
    """Shape, order and split ``text`` into runs of the first font that has each character.

    Spaces, digits, punctuation and combining marks stay in the font of the run they are
    in when it has them, so "김민지 (GSEF)" is two runs, not five.
    """
    chain = _font_chain("bold" if bold else "regular")
    logical = None
    visual = text
    if any(_is_rtl(char) for char in text):
        visual = get_display(arabic_reshaper.reshape(text))
        logical = text
    runs: list[list] = []
    current: _Font | None = None
    for char in visual:
        code = ord(char)
        if current is None or code not in current.chars or char.isalpha():
            current = next((font for font in chain if code in font.chars), current or chain[0])
        if runs and runs[-1][0] == current.name:
            runs[-1][1].append(char)
        else:
            runs.append([current.name, [char]])
    joined = tuple((name, "".join(chars)) for name, chars in runs)
    width = sum(pdfmetrics.stringWidth(part, name, 1) for name, part in joined)
    return _Line(runs=joined, unit_width=width, logical=logical)


def _clean(text: str) -> str:
    """NFC (so "é" is one glyph, not e + a floating accent) on one line of single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _wrap(text: str, bold: bool, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is cut between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _line(candidate, bold).width(size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while _line(current, bold).width(size) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and _line(current[:cut], bold).width(size) > width:
                cut -= 1
            # An address breaks after a slash or a hyphen where it can.
            breaks = [current.rfind(mark, 0, cut) for mark in "/-"]
            cut = max(breaks) + 1 if max(breaks) > 0 else cut
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _fit(
    text: str, *, bold: bool, size: float, min_size: float, width: float, max_lines: int
) -> tuple[list[_Line], float]:
    """Lines and size for ``text``: the largest size (down to ``min_size``) at which it fits
    in ``max_lines`` lines of ``width``; at ``min_size`` the last line ends in an ellipsis.
    """
    text = _clean(text)
    one_line = _line(text, bold)
    # A single line that is a little too wide is shrunk before it is wrapped.
    if one_line.width(size) <= width or one_line.width(size * 0.8) <= width:
        size = min(size, width / one_line.unit_width) if one_line.unit_width else size
        if size >= min_size:
            return [one_line], size
    current = size
    while True:
        lines = _wrap(text, bold, current, width)
        if len(lines) <= max_lines:
            return [_line(line, bold) for line in lines], current
        if current <= min_size:
            break
        current = max(min_size, current - 1)
    kept = lines[:max_lines]
    last = kept[-1]
    while last and _line(last + "…", bold).width(current) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + "…"
    return [_line(line, bold) for line in kept], current


def _actual_text(text: str) -> str:
    encoded = text.encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <FEFF{encoded}>>> BDC"


def _draw(
    canvas: Canvas, line: _Line, x: float, y: float, size: float, *, align: str = "left"
) -> None:
    """Draw ``line`` with its baseline at ``y``; ``x`` is its left, centre or right edge."""
    width = line.width(size)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    if line.logical is not None:
        canvas.addLiteral(_actual_text(line.logical))
    text = canvas.beginText(x, y)
    for font_name, part in line.runs:
        text.setFont(font_name, size)
        text.textOut(part)
    canvas.drawText(text)
    if line.logical is not None:
        canvas.addLiteral("EMC")


@dataclass(frozen=True)
class _Block:
    """Text fitted to a width: its lines, the size they are drawn at, the line spacing."""

    lines: tuple[_Line, ...]
    size: float
    leading: float

    @property
    def depth(self) -> float:
        """From the first baseline to the last."""
        return (len(self.lines) - 1) * self.size * self.leading

    @property
    def width(self) -> float:
        return max(line.width(self.size) for line in self.lines)


def _block(
    text: str,
    size: float,
    *,
    bold: bool = False,
    width: float | None = None,
    min_size: float | None = None,
    max_lines: int = 1,
    leading: float = 1.25,
) -> _Block:
    """``text`` at ``size``; with ``width``, shrunk (down to ``min_size``) and wrapped (up to
    ``max_lines``) to fit it.
    """
    if width is None:
        return _Block((_line(_clean(text), bold),), size, leading)
    lines, fitted = _fit(
        text, bold=bold, size=size, min_size=min_size or size, width=width, max_lines=max_lines
    )
    return _Block(tuple(lines), fitted, leading)


def _draw_block(
    canvas: Canvas, block: _Block, x: float, y: float, *, colour=INK, align: str = "left"
) -> float:
    """Draw ``block`` from baseline ``y`` downwards; returns the baseline of its last line."""
    canvas.setFillColor(colour)
    step = block.size * block.leading
    for index, line in enumerate(block.lines):
        _draw(canvas, line, x, y - index * step, block.size, align=align)
    return y - block.depth


def _draw_text(
    canvas: Canvas, text: str, x: float, y: float, size: float, *, colour=INK, align="left", **fit
) -> float:
    """``_block`` then ``_draw_block``."""
    return _draw_block(canvas, _block(text, size, **fit), x, y, colour=colour, align=align)


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
    )


# --- logos and the QR code -------------------------------------------------------------------


@dataclass(frozen=True)
class _Logo:
    """A logo ready to embed: its image XObject (and soft mask) built once per process."""

    name: str
    width: int
    height: int
    xobject: PDFImageXObject
    smask: PDFImageXObject | None


@functools.lru_cache(maxsize=LOGO_CACHE_SIZE)
def _prepared_logo(digest: str, data: bytes) -> _Logo | None:
    """The logo decoded, scaled down and compressed once per process, keyed by its content.

    Building the image XObject (RGB pixels, alpha channel, Flate) is most of what
    ``Canvas.drawImage`` costs; done for every certificate it took a third of the time.
    """
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        logger.warning("Certificate logo %s unreadable: the host's name is printed", digest[:12])
        return None
    if image.mode not in ("RGB", "RGBA", "L"):
        has_alpha = image.mode in ("LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    if image.width > LOGO_MAX_PIXELS[0] or image.height > LOGO_MAX_PIXELS[1]:
        image.thumbnail(LOGO_MAX_PIXELS, Image.Resampling.LANCZOS)
    name = f"logo-{digest[:24]}"
    xobject = PDFImageXObject(name, ImageReader(image), mask="auto")
    smask = getattr(xobject, "_smask", None)
    if smask is not None:
        smask.name = f"{name}-alpha"
        del xobject._smask
    return _Logo(name, image.width, image.height, xobject, smask)


def _logo(host: HostLogo) -> _Logo | None:
    if not host.logo:
        return None
    return _prepared_logo(hashlib.sha256(host.logo).hexdigest(), host.logo)


def _draw_logo(canvas: Canvas, logo: _Logo, x: float, y: float, width: float, height: float):
    """What ``Canvas.drawImage`` does once it has the image XObject.

    It uses the canvas's private document and page resources, as drawImage does (read in
    reportlab 4.2 to 5.1); test_certificate_pdf.py checks the logo is embedded once.
    """
    document = canvas._doc
    registered = document.getXObjectName(logo.name)
    if registered not in document.idToObject:
        xobject = copy.copy(logo.xobject)
        if logo.smask is not None:
            xobject.smask = document.Reference(
                copy.copy(logo.smask), document.getXObjectName(logo.smask.name)
            )
        document.Reference(xobject, registered)
    canvas._currentPageHasImages = 1
    canvas._formsinuse.append(logo.name)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas.addLiteral(f"/{registered} Do")
    canvas.restoreState()


def _qr_runs(url: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code of ``url``: its size in modules and its dark modules as
    (row, first column, length) runs.
    """
    matrix = segno.make_qr(url, error="m", boost_error=False).matrix
    runs = []
    for row_index, row in enumerate(matrix):
        start = None
        for column, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row_index, start, column - start))
                start = None
    return len(matrix), runs


def _draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """A vector QR code of ``url`` filling the square at (``x``, ``y``) of side ``size``,
    its four-module quiet zone included.

    One path in module units (whole numbers: short to write, and no seams between
    modules when a reader fills it).
    """
    modules, runs = _qr_runs(url)
    module = size / (modules + 8)
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.translate(x + 4 * module, y + size - 4 * module)
    canvas.scale(module, -module)
    canvas.addLiteral(
        "\n".join(f"{start} {row} {length} 1 re" for row, start, length in runs) + "\nf"
    )
    canvas.restoreState()


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
    text.setFont(_font_chain("bold")[0].name, 19)
    text.setCharSpace(1.6)
    text.textOut("GSEF")
    text.setCharSpace(0)  # character spacing outlives the text object in PDF
    canvas.drawText(text)
    _draw_text(canvas, issuer, MARGIN + 84, top - 13, 11.5, bold=True, width=220, min_size=8)
    # Part of the wordmark, so never translated.
    _draw_text(canvas, "GSEF Academy", MARGIN + 84, top - 29, 10.5, colour=BRAND)


def _draw_hosts(canvas: Canvas, hosts: tuple[HostLogo, ...], label: str) -> None:
    """Host logos (or names) right-aligned along the top, under a small label."""
    if not hosts:
        return
    right = PAGE_WIDTH - MARGIN
    top = PAGE_HEIGHT - MARGIN - 4
    height = 38
    box_width = min(140, (PAGE_WIDTH / 2 - 40) / len(hosts) - 16)
    _draw_text(canvas, label, right, top - 6, 8, colour=MUTED, align="right")
    x = right
    for host in reversed(hosts):
        logo = _logo(host)
        if logo is not None:
            drawn_width = min(box_width, height * logo.width / logo.height)
            drawn_height = drawn_width * logo.height / logo.width
            _draw_logo(
                canvas,
                logo,
                x - drawn_width,
                top - 14 - height + (height - drawn_height) / 2,
                drawn_width,
                drawn_height,
            )
            x -= drawn_width + 18
        else:
            name = _block(
                host.name, 11, bold=True, width=box_width, min_size=7, max_lines=3, leading=1.2
            )
            # Centred on the logos' middle line, from the first line's capitals to the last
            # line's baseline.
            baseline = top - 14 - height / 2 + (name.depth - name.size * 0.72) / 2
            _draw_block(canvas, name, x, baseline, align="right")
            x -= name.width + 18


def _draw_signatories(
    canvas: Canvas, signatories: tuple[tuple[str, str], ...], right: float
) -> None:
    """Up to three signature blocks (a line to sign on, the name, the title), centred in the
    space left of the verification block.
    """
    if not signatories:
        return
    signatories = signatories[:3]
    gap = 24
    width = min(180, (right - MARGIN - gap * (len(signatories) - 1)) / len(signatories))
    total = width * len(signatories) + gap * (len(signatories) - 1)
    x = MARGIN + (right - MARGIN - total) / 2
    line_y = MARGIN + 50
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.75)
    for name, title in signatories:
        canvas.line(x, line_y, x + width, line_y)
        centre = x + width / 2
        name_block = _block(name, 10.5, bold=True, width=width, min_size=8.5, max_lines=2)
        y = _draw_block(canvas, name_block, centre, line_y - 14, align="centre")
        title_block = _block(title, 8.5, width=width, min_size=7, max_lines=2, leading=1.2)
        _draw_block(canvas, title_block, centre, y - 12, colour=MUTED, align="centre")
        x += width + gap


def _draw_verification(canvas: Canvas, document: CertificateDocument, labels: _Labels) -> float:
    """The QR code in the bottom-right corner, the code and the address to its left.

    Returns the left edge of the block.
    """
    qr_size = 92
    qr_x = PAGE_WIDTH - MARGIN - qr_size + 8  # its quiet zone may reach into the margin
    qr_y = MARGIN - 12
    _draw_qr(canvas, document.verification_url, qr_x, qr_y, qr_size)
    canvas.linkURL(document.verification_url, (qr_x, qr_y, qr_x + qr_size, qr_y + qr_size))

    right = qr_x - 2
    width = 210
    blocks = (
        (_block(labels.code, 7.5, width=width, min_size=6), MUTED, 0),
        (_block(document.code, 12, bold=True, width=width, min_size=8), INK, 15),
        (_block(labels.verify_at, 7.5, width=width, min_size=6), MUTED, 20),
        # The address wraps between characters rather than shrinking out of sight.
        (_block(document.verification_url, 8, width=width, min_size=6, max_lines=3), BRAND, 11),
    )
    y = qr_y + qr_size - 20
    for block, colour, gap in blocks:
        y = _draw_block(canvas, block, right, y - gap, colour=colour, align="right")
    return right - max(block.width for block, _colour, _gap in blocks)


def _draw_body(canvas: Canvas, document: CertificateDocument, labels: _Labels) -> None:
    """The heading, the learner's name and what they did, centred on the page between the
    header and the signatures, however many lines the name and the title take.
    """
    wide = PAGE_WIDTH - 2 * MARGIN - 80
    name = _block(
        document.learner_name, 36, bold=True, width=wide, min_size=20, max_lines=2, leading=1.15
    )
    # (block, colour, distance from the previous baseline to this one)
    blocks = (
        (_block(labels.heading, 30, bold=True, width=wide, min_size=18), BRAND_DARK, 0),
        (_block(labels.certifies, 13, width=wide, min_size=9), MUTED, 50),
        (name, INK, 14 + name.size),
        (_block(labels.achievement, 13, width=wide, min_size=9), MUTED, 32),
        (
            _block(
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
        (_block("  ·  ".join(labels.details), 12, width=wide - 40, min_size=8), INK, 32),
    )
    height = sum(gap + block.depth for block, _colour, gap in blocks)
    band_top, band_bottom = PAGE_HEIGHT - 120, MARGIN + 86
    first_cap = blocks[0][0].size * 0.72
    y = (band_top + band_bottom + height - first_cap) / 2
    centre = PAGE_WIDTH / 2
    for index, (block, colour, gap) in enumerate(blocks):
        y = _draw_block(canvas, block, centre, y - gap, colour=colour, align="centre")
        if index == 0:
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(2)
            canvas.line(centre - 28, y - 15, centre + 28, y - 15)


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
        initialFontName=_font_chain("regular")[0].name,
    )
    canvas.setTitle(f"{labels.heading}: {document.learner_name}")
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
