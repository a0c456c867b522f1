"""The certificate PDF renderer: one A4 landscape page, names in every script the members
write (Arabic shaped and right to left), labels in the certificate's language, a QR code
that scans to the verification address, host logos or names.

Pages are read back with pypdf (pages, text layer, fonts, images) and rendered to pixels
with pypdfium2 (PDFium ships in its wheel) for zxing-cpp to scan. No database.
"""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
from datetime import date
from decimal import Decimal

import pymupdf
import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.utils import translation
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTContainer
from PIL import Image, ImageDraw
from reportlab.pdfbase.ttfonts import TTFontFile

from courses.services import certificate_pdf
from courses.services.certificate_pdf import (
    FONT_DIR,
    CertificateDocument,
    HostLogo,
    Signatory,
    render_certificate_pdf,
)

URL = "https://academy.example.org/verify/K7QF-3M9T-X2PL-8WDN/"
ARABIC_NAME = "فاطمة الزهراء"


def _png_logo(colour=(11, 92, 171, 255)) -> bytes:
    image = Image.new("RGBA", (360, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).rounded_rectangle((0, 0, 120, 120), 24, fill=colour)
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def _document(**changes) -> CertificateDocument:
    document = CertificateDocument(
        kind="completion",
        language="en",
        learner_name="김민지",
        title="Social and solidarity economy: building local ecosystems",
        hours=Decimal("12"),
        minutes=None,
        completed_on=date(2027, 3, 1),
        hosts=(HostLogo("Seoul Social Economy Center", _png_logo()), HostLogo("RTES", None)),
        signatories=(("José Núñez", "Director, GSEF Academy"), ("Анна Петрова", "Secretary")),
        code="K7QF-3M9T-X2PL-8WDN",
        verification_url=URL,
        issuer="Global Social Economy Forum",
    )
    return dataclasses.replace(document, **changes)


def _page(document: CertificateDocument) -> pypdf.PageObject:
    reader = pypdf.PdfReader(io.BytesIO(render_certificate_pdf(document)))
    assert len(reader.pages) == 1
    return reader.pages[0]


def _text(document: CertificateDocument) -> str:
    return " ".join(_page(document).extract_text().split())


def _runs(page: pypdf.PageObject) -> list[tuple[str, str]]:
    """(text, BaseFont) of each piece of text on the page."""
    runs = []

    def visit(text, _cm, _tm, font, _size):
        if text.strip() and font:
            runs.append((text, str(font["/BaseFont"])))

    page.extract_text(visitor_text=visit)
    return runs


def _pixels(document: CertificateDocument, scale: float) -> Image.Image:
    pdf = pypdfium2.PdfDocument(render_certificate_pdf(document))
    try:
        return pdf[0].render(scale=scale).to_pil().convert("L")
    finally:
        pdf.close()


def test_certificate_is_one_a4_landscape_page():
    page = _page(_document())

    assert float(page.mediabox.width) == pytest.approx(842, abs=1)
    assert float(page.mediabox.height) == pytest.approx(595, abs=1)


@pytest.mark.parametrize("name", ["김민지", "José Núñez", "Анна Петрова", "Mary O'Neill"])
def test_learner_names_in_every_script_are_in_the_text_layer(name):
    text = _text(_document(learner_name=name))

    assert name in text
    assert "Social and solidarity economy: building local ecosystems" in text
    assert "K7QF-3M9T-X2PL-8WDN" in text


def test_decomposed_accents_are_drawn_as_composed_letters():
    decomposed = unicodedata.normalize("NFD", "José Núñez")

    assert "José Núñez" in _text(_document(learner_name=decomposed))


def test_signatories_hosts_and_address_are_printed():
    text = _text(_document())

    for printed in ("José Núñez", "Director, GSEF Academy", "Анна Петрова", "Secretary"):
        assert printed in text
    # The address on two lines, broken after a "/".
    assert "https://academy.example.org/verify/ K7QF-3M9T-X2PL-8WDN/" in text
    assert "Global Social Economy Forum" in text
    assert "GSEF Academy" in text


def _chars(data: bytes) -> list[LTChar]:
    """Every glyph on the page as pdfminer reads it (text, font, position), in stream order."""
    found = []

    def visit(item):
        if isinstance(item, LTChar):
            found.append(item)
        elif isinstance(item, LTContainer):
            for child in item:
                visit(child)

    for page in extract_pages(io.BytesIO(data)):
        visit(page)
    return found


def _extracted(data: bytes) -> dict[str, str]:
    """The page's text as two independent extractors (pdfminer.six, MuPDF) copy it out,
    compatibility forms folded (NFKC) as search and comparison do.
    """
    document = pymupdf.open(stream=data, filetype="pdf")
    try:
        mupdf = document.load_page(0).get_text()
    finally:
        document.close()
    texts = {"pdfminer": extract_text(io.BytesIO(data)), "mupdf": mupdf}
    return {tool: unicodedata.normalize("NFKC", text) for tool, text in texts.items()}


def test_arabic_name_is_shaped_and_drawn_right_to_left_in_an_arabic_font():
    chars = [
        char
        for char in _chars(render_certificate_pdf(_document(learner_name=ARABIC_NAME)))
        if _is_arabic(char.get_text())
    ]

    # Shaped: contextual presentation forms (initial ﻓ, medial ﻤ, final ﺔ …), never the
    # isolated base letters that an unshaped string would put on the page.
    drawn = "".join(char.get_text() for char in chars)
    assert "\ufed3" in drawn and "\ufee4" in drawn and "\ufe94" in drawn
    assert not any("\u0600" <= char <= "\u06ff" for char in drawn)
    # Read from right to left, the glyphs on the page spell the name.
    right_to_left = sorted(chars, key=lambda char: -char.x0)
    assert unicodedata.normalize("NFKC", "".join(c.get_text() for c in right_to_left)) == (
        ARABIC_NAME.replace(" ", "")
    )
    # Not tofu: an embedded Arabic face that has every one of those glyphs.
    assert all("NotoSansArabic" in char.fontname for char in chars)
    shipped = TTFontFile(str(FONT_DIR / "NotoSansArabic-Bold.ttf")).charToGlyph
    assert all(ord(char) in shipped for char in drawn)


@pytest.mark.parametrize("name", [ARABIC_NAME, "محمد بن عبد الله", "لمياء السالمي"])
def test_arabic_names_copy_out_in_reading_order_in_two_extractors(name):
    """pdftotext, MuPDF and pdfminer keep the content stream's order: the glyphs are drawn
    in reading order, each at its place on the right-to-left line."""
    extracted = _extracted(render_certificate_pdf(_document(learner_name=name)))

    for tool, text in extracted.items():
        assert name in text, tool
        assert name[::-1] not in text, tool


def _shown(chars: list[LTChar]) -> str:
    """The glyphs as the eye sees them, left to right: a character drawn from a mirrored
    font (rule L4) shows its mirror image."""
    mirror = {"(": ")", ")": "(", "[": "]", "]": "["}
    return "".join(
        mirror.get(char.get_text(), char.get_text())
        if "Mirrored" in char.fontname
        else char.get_text()
        for char in sorted(chars, key=lambda char: char.x0)
    )


@pytest.mark.parametrize(
    ("name", "shown_brackets"),
    [
        # Right-to-left paragraph: the brackets are mirrored, and still enclose the Latin.
        ("فاطمة الزهراء (Fatima Zahra)", "(Fatima Zahra)"),
        # Left-to-right paragraph, brackets around Arabic (rule N0): left to right as typed.
        ("Ahmed (أحمد) علي", "Ahmed ("),
        ("[ليلى] Leila", "[ليلى]"),
    ],
)
def test_brackets_in_mixed_arabic_and_latin_names_face_the_right_way(name, shown_brackets):
    chars = _chars(render_certificate_pdf(_document(learner_name=name)))
    # The name's line: the glyphs on the baseline of its first Arabic letter.
    baseline = next(char.matrix[5] for char in chars if _is_arabic(char.get_text()))
    line = [char for char in chars if abs(char.matrix[5] - baseline) < 1]

    shown = unicodedata.normalize("NFKC", _shown(line))
    brackets = [char for char in shown if char in "()[]"]
    assert brackets in (["(", ")"], ["[", "]"])
    if shown_brackets.isascii():
        assert shown_brackets in shown
    else:
        assert shown.index("[") < shown.index("]")
    # What is copied keeps the brackets as typed.
    assert sorted(char.get_text() for char in line if char.get_text() in "()[]") == sorted(
        char for char in name if char in "()[]"
    )


def _is_arabic(char: str) -> bool:
    return unicodedata.bidirectional(char) == "AL"


def test_every_font_is_an_embedded_subset():
    page = _page(_document(learner_name=ARABIC_NAME, signatories=(("김민지", "사무총장"),)))
    fonts = page["/Resources"]["/Font"]

    base_fonts = set()
    for reference in fonts.values():
        font = reference.get_object()
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
        base_fonts.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert base_fonts == {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSansArabic-Bold",
        "NanumSquareB",
        "NanumSquareR",
    }


def test_qr_code_scans_to_the_verification_url():
    image = _pixels(_document(learner_name=ARABIC_NAME), scale=2)

    codes = zxingcpp.read_barcodes(image)

    assert [(code.format, code.text) for code in codes] == [(zxingcpp.BarcodeFormat.QRCode, URL)]


def test_english_labels_and_date():
    text = _text(_document())

    assert "Certificate of completion" in text
    assert "This certifies that" in text
    assert "has completed the course" in text
    assert "12 hours of learning" in text
    assert "Completed on 1 March 2027" in text
    assert "Verify this certificate at" in text
    assert "Verification code" in text


def test_labels_go_through_gettext_in_the_certificates_language(monkeypatch):
    """Whatever language is active around the call, the certificate speaks its own."""
    monkeypatch.setattr(
        certificate_pdf, "gettext", lambda message: f"[{translation.get_language()}] {message}"
    )
    monkeypatch.setattr(
        certificate_pdf,
        "ngettext",
        lambda singular, plural, n: f"[{translation.get_language()}] {plural}",
    )

    with translation.override("ko"):
        text = _text(_document(language="fr", hours=Decimal("1.5")))

    assert "[fr] Certificate of completion" in text
    assert "[fr] This certifies that" in text
    assert "[fr] 1,5 hours of learning" in text
    assert "[fr] Completed on 1 mars 2027" in text
    assert "[fr] Verification code" in text
    assert "[ko]" not in text


def test_date_is_written_in_the_certificates_language():
    assert "2027년 3월 1일" in _text(_document(language="ko"))
    assert "1 de marzo de 2027" in _text(_document(language="es"))


def test_participation_certificate_gives_minutes_attended_and_no_hours():
    text = _text(
        _document(kind="participation", hours=Decimal("3"), minutes=95, title="Social procurement")
    )

    assert "Certificate of participation" in text
    assert "took part in the webinar" in text
    assert "Social procurement" in text
    assert "95 minutes attended" in text
    assert "Took part on 1 March 2027" in text
    assert "hours of learning" not in text


def test_hours_can_be_omitted_and_are_written_without_trailing_zeros():
    assert "hours of learning" not in _text(_document(hours=None))
    assert "1 hour of learning" in _text(_document(hours=Decimal("1.0")))
    assert "2.5 hours of learning" in _text(_document(hours=Decimal("2.50")))


def test_png_logo_is_embedded_and_a_host_without_logo_is_named():
    page = _page(_document())

    images = [
        xobject.get_object()
        for xobject in page["/Resources"]["/XObject"].values()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1
    assert images[0]["/SMask"]  # the logo's transparency is kept
    text = " ".join(page.extract_text().split())
    assert "RTES" in text
    assert "Seoul Social Economy Center" not in text  # shown by its logo


def test_the_same_logo_twice_is_embedded_once():
    logo = _png_logo()
    page = _page(_document(hosts=(HostLogo("A", logo), HostLogo("B", logo))))

    assert len(page["/Resources"]["/XObject"]) == 1


def test_unreadable_logo_prints_the_hosts_name():
    text = _text(_document(hosts=(HostLogo("Ville de Montréal", b"not an image"),)))

    assert "Ville de Montréal" in text


def test_jpeg_logo_is_embedded():
    output = io.BytesIO()
    Image.new("RGB", (300, 100), (184, 70, 27)).save(output, "JPEG")
    page = _page(_document(hosts=(HostLogo("Bamako", output.getvalue()),)))

    (image,) = page["/Resources"]["/XObject"].values()
    assert image.get_object()["/Subtype"] == "/Image"


def test_long_names_and_titles_are_fitted_inside_the_frame():
    title = (
        "Économie sociale et solidaire : construire des écosystèmes locaux avec les "
        "collectivités territoriales, les coopératives, les mutuelles et les associations"
    )
    document = _document(
        learner_name="Анна Петрова-Максимилиановна Александровская-Константинопольская",
        title=title,
        hosts=tuple(HostLogo(f"Organisation hôte numéro {n} du réseau", None) for n in range(3)),
        signatories=(
            (
                "María de los Ángeles Fernández Rodríguez",
                "Presidenta del consejo de administración",
            ),
            ("김민지", "사무총장"),
            (ARABIC_NAME, "المديرة التنفيذية"),
        ),
    )

    text = _text(document)
    image = _pixels(document, scale=1)

    assert " ".join(title.split()) in text  # wrapped, not cut
    assert "Александровская-Константинопольская" in text
    # Nothing drawn outside the frame (20 pt from each edge): the margins stay white.
    width, height = image.size
    for box in ((0, 0, 16, height), (width - 16, 0, width, height)):
        assert image.crop(box).getextrema() == (255, 255)
    for box in ((0, 0, width, 16), (0, height - 16, width, height)):
        assert image.crop(box).getextrema() == (255, 255)


def test_three_signatories_each_have_a_line_to_sign_on():
    signatories = (("A. Kim", "Chair"), ("B. Diallo", "Treasurer"), ("C. Roy", "Director"))
    page = _page(_document(signatories=signatories))

    text = " ".join(page.extract_text().split())
    segments = re.findall(
        rb"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S", page.get_contents().get_data()
    )
    # Signature lines: horizontal strokes in the lower third of the page, above the names.
    lines = [s for s in segments if s[1] == s[3] and float(s[1]) < 200]

    for name, title in signatories:
        assert name in text and title in text
    assert len(lines) == 3


def _signature_png() -> bytes:
    image = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(10, 100), (120, 20), (220, 90), (390, 30)], fill="navy", width=6)
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def test_each_signature_is_drawn_above_its_signatorys_name_and_title():
    document = _document(
        hosts=(),
        signatories=(
            Signatory("José Núñez", "Director, GSEF Academy", _signature_png()),
            Signatory("Анна Петрова", "Secretary", None),
        ),
    )
    pdf = pymupdf.open(stream=render_certificate_pdf(document), filetype="pdf")
    page = pdf.load_page(0)

    (image,) = page.get_image_info()  # one signature; the other signs on a bare line
    (name,) = page.search_for("José Núñez")
    (title,) = page.search_for("Director, GSEF Academy")
    signature = pymupdf.Rect(image["bbox"])
    pdf.close()
    # MuPDF's y grows downwards: the signature stands above the name, the title below it.
    assert signature.y1 < (name.y0 + name.y1) / 2 < name.y1 < title.y1
    assert signature.height > 20
    assert abs((signature.x0 + signature.x1) / 2 - (name.x0 + name.x1) / 2) < 2


def test_signature_and_logo_are_visible_on_the_rendered_page():
    document = _document(
        hosts=(HostLogo("Seoul", _png_logo(colour=(255, 0, 0, 255))),),
        signatories=(Signatory("José Núñez", "Director", _signature_png()),),
    )
    image = _pixels_rgb(document)

    colours = {colour for _count, colour in image.getcolors(maxcolors=1 << 20)}
    assert (255, 0, 0) in colours  # the logo's red
    assert (0, 0, 128) in colours  # the signature's navy ink


def _pixels_rgb(document: CertificateDocument) -> Image.Image:
    pdf = pypdfium2.PdfDocument(render_certificate_pdf(document))
    try:
        return pdf[0].render(scale=1).to_pil().convert("RGB")
    finally:
        pdf.close()


@pytest.mark.parametrize(
    "host", ["academy.example.org", "academy.global-social-economy-forum.example.org:8443"]
)
def test_verification_address_is_at_least_8_pt_and_its_code_is_never_broken(host):
    code = "K7QF-3M9T-X2PL-8WDN-A1B2-C3D4-E5F6"
    url = f"https://{host}/verify/{code}/"
    pdf = pymupdf.open(stream=render_certificate_pdf(_document(verification_url=url, code=code)))
    spans = [
        span
        for block in pdf.load_page(0).get_text("dict")["blocks"]
        for line in block.get("lines", ())
        for span in line["spans"]
    ]
    pdf.close()

    address = [span for span in spans if span["text"].strip() and span["text"].strip() in url]
    assert "".join(span["text"].strip() for span in address).endswith(url)
    assert all(span["size"] >= 8 for span in address)
    assert any(f"{code}/" in span["text"] for span in address)  # whole, on one line


def test_pdf_says_its_title_language_and_reading_direction():
    reader = pypdf.PdfReader(io.BytesIO(render_certificate_pdf(_document(language="ko"))))
    root = reader.trailer["/Root"]

    assert root["/Lang"] == "ko"
    assert reader.metadata.title.endswith(": 김민지")
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert root["/ViewerPreferences"]["/Direction"] == "/L2R"
