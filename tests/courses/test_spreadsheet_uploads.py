"""Uploaded spreadsheets are read without trusting them: crafted workbooks (zip bombs,
sheets that claim a million rows and 16,384 columns, members that lie about their size,
damaged XML, no sheet) are refused with a sentence in bounded memory, and formats we do
not read are named with what to save them as. Every crafted file is made here."""

import io
import re
import struct
import tracemalloc
import zipfile
from random import Random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from courses.services import spreadsheets
from courses.services.imports import EnrolmentRow, parse_enrolment_spreadsheet

#: Peak Python memory allowed while refusing or reading one crafted file.
MEMORY_BOUND = 50 * 1024 * 1024

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _workbook_bytes(*rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows or (["email", "full name", "course"], ["a@x.example", "A B", "Course"]):
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def _xlsx(replace: dict[str, bytes] | None = None, *, drop: tuple[str, ...] = ()) -> bytes:
    """A workbook saved by openpyxl with some members replaced (or added) or dropped."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop or info.filename in replace:
                continue
            target.writestr(info.filename, source.read(info.filename))
        for name, content in replace.items():
            target.writestr(name, content)
    return out.getvalue()


def _sheet_xml(sheet_data: str, *, dimension: str = "A1:C2") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
        f"<sheetData>{sheet_data}</sheetData></worksheet>"
    ).encode()


def _inline(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADING_ROW = (
    '<row r="1">'
    + _inline("A1", "email")
    + _inline("B1", "full name")
    + _inline("C1", "course")
    + "</row>"
)


def _upload(data: bytes, name: str = "people.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _parse_measured(data: bytes, name: str = "people.xlsx"):
    """Parse the upload and return it with the peak of Python memory it took."""
    tracemalloc.start()
    try:
        parsed = parse_enrolment_spreadsheet(_upload(data, name))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return parsed, peak


def _lying_about_size(data: bytes, member: str, declared: int) -> bytes:
    """``data`` with ``member``'s uncompressed size in the central directory set to
    ``declared`` (what a crafted archive does to get past a size check)."""
    archive = bytearray(data)
    name = member.encode()
    at = archive.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", archive, at + 28)[0]
        if archive[at + 46 : at + 46 + name_length] == name:
            struct.pack_into("<I", archive, at + 24, declared)
            return bytes(archive)
        at = archive.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{member} is not in the archive")


# --- the crafted workbooks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bomb",
    [
        # About 70 KB of deflated spaces that unpack to 64 MB.
        pytest.param(
            _xlsx({SHEET: _sheet_xml(HEADING_ROW + " " * (64 * 1024 * 1024))}), id="64 MB"
        ),
        # A few KB whose sheet declares 1.2 GB: the shape of the reviewer's 1.6 KB file.
        pytest.param(_lying_about_size(_xlsx(), SHEET, 1_200_000_000), id="1.2 GB declared"),
    ],
)
def test_a_zip_bomb_workbook_is_refused_before_anything_is_unpacked(bomb):
    assert len(bomb) < 100 * 1024

    parsed, peak = _parse_measured(bomb)

    assert parsed.rows == []
    assert "far more than a list of people (at most 20 MB)" in " ".join(parsed.errors)
    assert "CSV" in " ".join(parsed.errors)
    assert peak < MEMORY_BOUND


def test_a_workbook_that_unpacks_to_more_than_a_hundred_times_its_size_is_refused():
    # 8.8 MB of empty cells fit in about 20 KB: under the size caps, far over the ratio.
    cells = '<c r="A2"/>' * 800_000
    bomb = _xlsx({SHEET: _sheet_xml(HEADING_ROW + f'<row r="2">{cells}</row>')})

    parsed, peak = _parse_measured(bomb)

    assert "more than 100 times its size" in " ".join(parsed.errors)
    assert peak < MEMORY_BOUND


def test_a_workbook_with_too_many_members_is_refused():
    members = {f"xl/media/image{number}.png": b"\x89PNG" for number in range(250)}

    parsed = parse_enrolment_spreadsheet(_upload(_xlsx(members)))

    assert "far more than a list of people" in " ".join(parsed.errors)


def test_a_member_that_unpacks_to_more_than_it_declares_is_refused_in_bounded_memory():
    # The central directory says 2 KB; the data unpacks to 8 MB. zipfile stops at the
    # declared size and the checksum fails: the workbook is refused as damaged.
    honest = _xlsx({SHEET: _sheet_xml(HEADING_ROW + " " * (8 * 1024 * 1024))})
    crafted = _lying_about_size(honest, SHEET, 2048)

    parsed, peak = _parse_measured(crafted)

    assert parsed.rows == []
    assert "damaged" in " ".join(parsed.errors)
    assert peak < MEMORY_BOUND


def test_a_sheet_that_claims_every_row_and_column_is_read_in_bounded_memory():
    # The dimension claims A1:XFD1048576 and row 2 has a cell in column 16,384:
    # openpyxl alone would pad a million rows to 16,384 cells each.
    sheet_data = (
        HEADING_ROW
        + '<row r="2">'
        + _inline("A2", "a@x.example")
        + _inline("B2", "A B")
        + _inline("C2", "Course")
        + _inline("XFD2", "far away")
        + "</row>"
    )
    crafted = _xlsx({SHEET: _sheet_xml(sheet_data, dimension="A1:XFD1048576")})

    parsed, peak = _parse_measured(crafted)

    assert parsed.errors == []
    assert parsed.rows == [EnrolmentRow(2, "a@x.example", "A B", "Course")]
    assert peak < MEMORY_BOUND


def test_a_value_in_the_sheets_last_row_is_refused_in_bounded_memory():
    sheet_data = HEADING_ROW + '<row r="1048576">' + _inline("XFD1048576", "x") + "</row>"
    crafted = _xlsx({SHEET: _sheet_xml(sheet_data, dimension="A1:XFD1048576")})

    parsed, peak = _parse_measured(crafted)

    assert parsed.errors == [
        "Row 1,048,576 of the sheet holds a value, far below a list of at most 5,000 "
        "people. Delete what is below the list, or save the sheet as CSV, and upload it again."
    ]
    assert peak < MEMORY_BOUND


def test_a_row_with_thousands_of_cells_is_refused_with_its_line():
    cells = "".join(f'<c r="R2C{number}"><v>{number * 7919}</v></c>' for number in range(2000))
    crafted = _xlsx({SHEET: _sheet_xml(HEADING_ROW + f'<row r="2">{cells}</row>')})

    parsed = parse_enrolment_spreadsheet(_upload(crafted))

    assert parsed.errors == [
        "Row 2 of the sheet has more than 1,000 cells. Keep only the columns of the list "
        "(e-mail, full name, course, deadline, language) or save the sheet as CSV."
    ]


def test_a_sheet_of_countless_empty_rows_is_refused():
    crafted = _xlsx({SHEET: _sheet_xml(HEADING_ROW + '<row r="2"/>' * 25_000)})

    parsed, peak = _parse_measured(crafted)

    assert "more than 5,000 rows" in " ".join(parsed.errors)
    assert peak < MEMORY_BOUND


def test_a_sheet_with_more_rows_than_allowed_is_refused_while_it_is_read():
    rows = "".join(
        f'<row r="{line}">{_inline(f"A{line}", f"p{line}@x.example")}'
        f"{_inline(f'C{line}', 'Course')}</row>"
        for line in range(2, 5_003)
    )
    crafted = _xlsx({SHEET: _sheet_xml(HEADING_ROW + rows)})

    parsed = parse_enrolment_spreadsheet(_upload(crafted))

    assert parsed.rows == []
    assert "more than 5,000 rows" in " ".join(parsed.errors)


def test_a_styles_part_with_countless_elements_is_refused():
    styles = (
        f'<styleSheet xmlns="{MAIN}"><cellXfs count="60000">'
        + "".join(f'<xf numFmtId="{n % 164}" fontId="{n * 7919 % 997}"/>' for n in range(60_000))
        + "</cellXfs></styleSheet>"
    ).encode()

    parsed = parse_enrolment_spreadsheet(_upload(_xlsx({"xl/styles.xml": styles})))

    assert "far more than a list of people" in " ".join(parsed.errors)


# --- damaged workbooks and other formats ----------------------------------------------------------


@pytest.mark.parametrize(
    "sheet",
    [
        b"<worksheet><sheetData><row><c>",  # cut short
        b"<worksheet xmlns='x'><sheetData></worksheet>",  # tags that do not match
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet>&a;</worksheet>',  # entities
    ],
)
def test_a_sheet_of_malformed_xml_is_refused_as_damaged(sheet):
    parsed = parse_enrolment_spreadsheet(_upload(_xlsx({SHEET: sheet})))

    assert parsed.rows == []
    assert parsed.errors == [
        "This Excel workbook cannot be read: it is damaged or was not written by a "
        "spreadsheet program. Open it in Excel or LibreOffice, save it again as .xlsx "
        "or as CSV, and upload that."
    ]


def test_a_workbook_without_sheets_is_refused_clearly():
    workbook = (
        f'<workbook xmlns="{MAIN}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        "<sheets/></workbook>"
    ).encode()

    parsed = parse_enrolment_spreadsheet(
        _upload(_xlsx({"xl/workbook.xml": workbook}, drop=(SHEET,)))
    )

    assert parsed.errors == [
        "This workbook has no sheet. Put the list on its first sheet, or save it as CSV, "
        "and upload it again."
    ]


def test_an_ods_file_is_refused_with_the_formats_to_save_it_as():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")

    parsed = parse_enrolment_spreadsheet(_upload(data.getvalue(), "people.ods"))

    message = " ".join(parsed.errors)
    assert "OpenDocument spreadsheet (.ods" in message
    assert "Save it as CSV or as an Excel workbook (.xlsx)" in message


def test_an_xls_file_is_refused_with_the_formats_to_save_it_as():
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

    parsed = parse_enrolment_spreadsheet(_upload(ole2, "people.xls"))

    assert "older Excel file (.xls)" in " ".join(parsed.errors)
    assert "CSV" in " ".join(parsed.errors)


def test_a_file_that_is_no_spreadsheet_names_the_formats_accepted():
    parsed = parse_enrolment_spreadsheet(_upload(b"\x89PNG\r\n\x1a\n\x00\x00", "photo.csv"))

    assert parsed.errors == [
        "This file is not a spreadsheet. Upload a CSV file or an Excel workbook (.xlsx); "
        "save an .ods or .xls file as one of those first."
    ]


@pytest.mark.filterwarnings("ignore::UserWarning")  # openpyxl on the parts it skips
def test_no_damaged_workbook_gives_anything_but_rows_or_a_sentence():
    # Seeded mutations of every part of a real workbook (XML cut, doubled, rewritten):
    # each is read or refused with a sentence, none raises (a 500 on the page).
    random = Random(14)
    original = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    members = {name: original.read(name) for name in original.namelist()}
    names = sorted(members)
    for _ in range(200):
        target = random.choice(names)
        content = bytearray(members[target])
        for _ in range(random.randint(1, 4)):
            at = random.randrange(len(content))
            if random.random() < 0.5:
                content[at] = random.choice(b'<>/"= 0123456789:&;')
            else:
                del content[at : at + random.randint(1, 10)]
        damaged = _xlsx({target: bytes(content)})
        # Flip bytes of the archive itself too (its checksums and compressed data).
        flipped = bytearray(damaged)
        flipped[random.randrange(len(flipped))] = random.randrange(256)

        for data in (damaged, bytes(flipped)):
            parsed = parse_enrolment_spreadsheet(_upload(data))
            assert parsed.rows or parsed.errors


def test_a_csv_line_that_cannot_be_read_is_named():
    data = b"email,course\na@x.example,Course\n" + b'"' + b"x" * 200_000 + b'",Course\n'

    parsed = parse_enrolment_spreadsheet(_upload(data, "people.csv"))

    assert parsed.rows == []
    assert parsed.errors[0].startswith("Line 3 of the file cannot be read as CSV")


# --- what still works ---------------------------------------------------------------------


def test_rows_keep_the_line_numbers_of_the_sheet_across_blank_rows():
    data = _workbook_bytes(
        ["email", "full name", "course"],
        ["a@x.example", "A", "Course"],
        [],
        [None, None, None],
        ["b@x.example", "B", "Course"],
    )

    parsed = parse_enrolment_spreadsheet(_upload(data))

    assert parsed.errors == []
    assert [(row.line, row.email) for row in parsed.rows] == [
        (2, "a@x.example"),
        (5, "b@x.example"),
    ]


def test_a_full_workbook_of_five_thousand_rows_is_read():
    rows = [["email", "full name", "course", "deadline"]] + [
        [f"person{number}@x.example", f"Person {number}", "Course", "2027-03-31"]
        for number in range(5000)
    ]

    parsed, peak = _parse_measured(_workbook_bytes(*rows))

    assert parsed.errors == []
    assert len(parsed.rows) == 5000
    assert parsed.rows[-1].line == 5001
    assert peak < MEMORY_BOUND


def test_an_upload_is_read_in_chunks_and_refused_past_its_limit():
    class Endless:
        """A file with no declared size that never ends, counting what is read."""

        read_bytes = 0

        def read(self, size=-1):
            self.read_bytes += size
            return b"x" * size

    endless = Endless()

    with pytest.raises(spreadsheets.ValidationError) as error:
        spreadsheets.read_upload(endless, max_bytes=1024 * 1024, too_big="Too big.")

    assert error.value.messages == ["Too big."]
    assert endless.read_bytes <= 1024 * 1024 + spreadsheets.CHUNK_BYTES


# --- the page ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_coordinator_sees_the_sentence_when_a_crafted_workbook_is_refused(
    client, bamako, bamako_coordinator
):
    client.force_login(bamako_coordinator)
    bomb = _xlsx({SHEET: _sheet_xml(HEADING_ROW + " " * (64 * 1024 * 1024))})

    response = client.post(
        reverse("learning:enrol_upload"),
        {"organisation": bamako.pk, "spreadsheet": _upload(bomb)},
    )

    assert response.status_code == 400
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "This workbook unpacks to 64 MB, far more than a list of people" in text
