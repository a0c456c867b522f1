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

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.utils import translation
from PIL import Image, ImageDraw
from reportlab.pdfbase.ttfonts import TTFontFile

from courses.services import certificate_pdf
from courses.services.certificate_pdf import (
    FONT_DIR,
    CertificateDocument,
    HostLogo,
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

    for printed in ("José Núñez", "Director, GSEF Academy", "Анна Петрова", "Secretary", URL):
        assert printed in text
    assert "Global Social Economy Forum" in text
    assert "GSEF Academy" in text


def test_arabic_name_is_shaped_right_to_left_in_an_arabic_font():
    page = _page(_document(learner_name=ARABIC_NAME))
    arabic = [(text, font) for text, font in _runs(page) if any(_is_arabic(c) for c in text)]

    assert len(arabic) == 1
    drawn, font = arabic[0]
    # Shaped: contextual presentation forms (initial ﻓ, medial ﻤ, final ﺔ …), never the
    # isolated base letters that an unshaped string would put on the page.
    assert "\ufed3" in drawn and "\ufee4" in drawn and "\ufe94" in drawn
    assert not any("\u0600" <= char <= "\u06ff" for char in drawn)
    # In reading order once read back: drawn left to right in visual order, so pypdf's
    # right-to-left reordering gives the name, not the name reversed.
    assert unicodedata.normalize("NFKC", drawn) == ARABIC_NAME
    # Not tofu: an embedded Arabic face that has every one of those glyphs.
    assert "NotoSansArabic" in font
    shipped = TTFontFile(str(FONT_DIR / "NotoSansArabic-Bold.ttf")).charToGlyph
    assert all(ord(char) in shipped for char in drawn if not char.isspace())


def test_arabic_name_is_copied_as_the_name_typed():
    """The text layer carries the logical text (/ActualText), for copying and screen readers."""
    data = render_certificate_pdf(_document(learner_name=ARABIC_NAME))
    content = pypdf.PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()

    assert b"/ActualText <FEFF" + ARABIC_NAME.encode("utf-16-be").hex().upper().encode() in content


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
