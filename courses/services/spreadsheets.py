"""Reading uploaded spreadsheets without trusting them.

A coordinator's enrolment spreadsheet and a video platform's attendance report come
from outside: a file may be anything, and a few kilobytes of XLSX (a zip archive of
XML) can unpack to gigabytes or to millions of cells. Everything here refuses such a
file with a sentence a coordinator can act on (a ``ValidationError``) before it costs
memory or time:

- ``read_upload`` reads an upload in chunks and stops at the size limit;
- ``spreadsheet_kind`` tells CSV from XLSX and names the formats we do not read
  (.ods, .xls) so that the person knows what to save the file as;
- ``xlsx_rows`` checks the archive's declared sizes, compression ratio and number of
  members, then streams every XML part and counts rows, cells and elements, and only
  then lets openpyxl (read-only) read the first sheet, within the rows and columns
  that hold values — the sheet's own ``<dimension>`` is never believed;
- ``csv_rows`` decodes and splits a CSV file.

Both readers yield ``(line, values)``: the line is the sheet's row number (the heading
is line 1), so the callers' per-row errors name the line the person sees.
"""

from __future__ import annotations

import csv
import io
import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
CHUNK_BYTES = 64 * 1024

#: All members of an XLSX archive together, unpacked, as the archive declares them.
#: zipfile stops reading a member at its declared size (and then fails its checksum),
#: so a member that lies about its size cannot unpack to more.
XLSX_MAX_UNPACKED_BYTES = 20 * MB
XLSX_MAX_MEMBER_BYTES = 10 * MB
#: Spreadsheet XML compresses about 5-20 times; a zip bomb a thousand times and more.
XLSX_MAX_RATIO = 100
#: Below this size a member's ratio does not matter (nothing small can hurt).
XLSX_RATIO_FROM_BYTES = 1 * MB
#: A workbook saved by Excel or LibreOffice has 10 to 30 members.
XLSX_MAX_MEMBERS = 200
#: XML elements allowed in a sheet, in the shared strings, and in any other part
#: (styles, workbook, relationships: openpyxl reads those into a whole tree).
XLSX_MAX_SHEET_ELEMENTS = 500_000
XLSX_MAX_STRINGS_ELEMENTS = 300_000
XLSX_MAX_OTHER_ELEMENTS = 50_000
#: Cells written in one row of a sheet, empty or not (16,384 is Excel's last column).
XLSX_MAX_CELLS_PER_ROW = 1_000
#: Rows written in a sheet, empty or not, per row the caller accepts; also the last
#: row that may hold a value (a list of 5,000 people ends above row 20,004).
XLSX_ROW_ELEMENTS_PER_ROW = 4
#: Excel's last row; a larger row number is a damaged or crafted file.
XLSX_LAST_ROW = 1_048_576

#: What reading a damaged or crafted archive, its XML or openpyxl's objects may raise
#: (SyntaxError covers xml.etree's ParseError; BadZipFile a member whose checksum fails
#: because it unpacks to more than it declares; the rest are what openpyxl and zipfile
#: raise for parts they do not understand).
_UNREADABLE = (
    DefusedXmlException,
    SyntaxError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    struct.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_WORKSHEET, _SST, _ROW, _CELL = (f"{_MAIN}{tag}" for tag in ("worksheet", "sst", "row", "c"))
_VALUES = frozenset((f"{_MAIN}v", f"{_MAIN}t"))


def _megabytes(size: int) -> str:
    return f"{size / MB:,.0f}"


def not_a_spreadsheet() -> ValidationError:
    return ValidationError(
        _(
            "This file is not a spreadsheet. Upload a CSV file or an Excel workbook (.xlsx); "
            "save an .ods or .xls file as one of those first."
        ),
        code="not_a_spreadsheet",
    )


def _damaged() -> ValidationError:
    return ValidationError(
        _(
            "This Excel workbook cannot be read: it is damaged or was not written by a "
            "spreadsheet program. Open it in Excel or LibreOffice, save it again as .xlsx "
            "or as CSV, and upload that."
        ),
        code="damaged",
    )


def _too_much() -> ValidationError:
    return ValidationError(
        _(
            "This workbook holds far more than a list of people (formatting, drawings or "
            "hidden data), more than we open. Save the sheet with the list as CSV and "
            "upload that."
        ),
        code="too_much",
    )


def too_many_rows(max_rows: int) -> ValidationError:
    return ValidationError(
        _("The file has more than %(max)s rows. Split it into several files.")
        % {"max": f"{max_rows:,}"},
        code="too_many_rows",
    )


# --- the upload ----------------------------------------------------------------------------------


def read_upload(file, *, max_bytes: int, too_big: str) -> bytes:
    """The upload's bytes, read in chunks; ``too_big`` is raised as soon as there are
    more than ``max_bytes`` (the declared size is checked first, when there is one)."""
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(too_big, code="too_big")
    if hasattr(file, "seek"):
        file.seek(0)
    data = bytearray()
    chunks: Iterable[bytes] = (
        file.chunks(CHUNK_BYTES)
        if hasattr(file, "chunks")
        else iter(lambda: file.read(CHUNK_BYTES), b"")
    )
    for chunk in chunks:
        data += chunk
        if len(data) > max_bytes:
            raise ValidationError(too_big, code="too_big")
    return bytes(data)


def spreadsheet_kind(data: bytes) -> str:
    """Either "xlsx" or "csv"; anything else is refused, naming what to save it as."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                opendocument = (
                    "mimetype" in names
                    and archive.getinfo("mimetype").file_size < 200
                    and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
                )
                if opendocument:
                    raise ValidationError(
                        _(
                            "This is an OpenDocument spreadsheet (.ods, e.g. from "
                            "LibreOffice), which cannot be read here. Save it as CSV or "
                            "as an Excel workbook (.xlsx) and upload that."
                        ),
                        code="ods",
                    )
        except _UNREADABLE:
            raise not_a_spreadsheet() from None
        if "[Content_Types].xml" not in names:
            raise not_a_spreadsheet()
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(
            _(
                "This is an older Excel file (.xls) or a workbook with a password, which "
                "cannot be read here. Save it as CSV or as an Excel workbook (.xlsx) without "
                "a password and upload that."
            ),
            code="xls",
        )
    if b"\x00" in data:
        raise not_a_spreadsheet()
    return "csv"


# --- CSV -----------------------------------------------------------------------------------------


def csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """Rows of a CSV file in UTF-8 (with or without BOM) or Windows' code page, with
    the delimiter (comma, semicolon or tab) that the first line uses most."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet programs on Windows still save CSV in the local code page.
        try:
            text = data.decode("cp1252", errors="strict")
        except UnicodeDecodeError:
            raise not_a_spreadsheet() from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise ValidationError(
            _("Line %(line)s of the file cannot be read as CSV (%(error)s): nothing was changed.")
            % {"line": reader.line_num, "error": error},
            code="bad_csv",
        ) from None


# --- XLSX ----------------------------------------------------------------------------------------


def _check_archive(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    members = archive.infolist()
    if len(members) > XLSX_MAX_MEMBERS:
        raise _too_much()
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    too_big = unpacked > XLSX_MAX_UNPACKED_BYTES or any(
        member.file_size > XLSX_MAX_MEMBER_BYTES for member in members
    )
    if too_big:
        raise ValidationError(
            _(
                "This workbook unpacks to %(size)s MB, far more than a list of people (at "
                "most %(max)s MB). Save the sheet with the list as CSV and upload that."
            )
            % {"size": _megabytes(unpacked), "max": _megabytes(XLSX_MAX_UNPACKED_BYTES)},
            code="too_big_unpacked",
        )
    bomb = (unpacked > XLSX_RATIO_FROM_BYTES and unpacked > XLSX_MAX_RATIO * max(packed, 1)) or any(
        member.file_size > XLSX_RATIO_FROM_BYTES
        and member.file_size > XLSX_MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if bomb:
        raise ValidationError(
            _(
                "This workbook is refused: it unpacks to more than %(ratio)s times its size, "
                "which spreadsheets never do and harmful files do. If it is your list, save "
                "it as CSV and upload that."
            )
            % {"ratio": XLSX_MAX_RATIO},
            code="compression_ratio",
        )
    return members


def _row_number(value: str | None, previous: int) -> int:
    if value is None:
        return previous + 1
    try:
        number = int(value)
    except ValueError:
        try:
            number = int(float(value))
        except ValueError:
            raise _damaged() from None
    if not 1 <= number <= XLSX_LAST_ROW:
        raise _damaged()
    return number


class _SheetScan:
    """What the scan of one worksheet found: the numbers of the rows that hold values."""

    def __init__(self) -> None:
        self.rows_with_values: set[int] = set()


def _scan_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, max_rows: int):
    """Stream one XML member, keeping at most one row in memory, and refuse it when it
    holds more than a spreadsheet of ``max_rows`` rows would. Returns a ``_SheetScan``
    for a worksheet, None otherwise."""
    with archive.open(member) as head:
        start = head.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"<"):
        return None  # an image or another binary part: openpyxl does not parse it as XML
    stack: list = []
    elements = 0
    limit = XLSX_MAX_OTHER_ELEMENTS
    scan: _SheetScan | None = None
    row_elements = 0
    row = 0
    cells_in_row = 0
    row_has_value = False
    with archive.open(member) as source:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if not stack:
                    if element.tag == _WORKSHEET:
                        scan = _SheetScan()
                        limit = XLSX_MAX_SHEET_ELEMENTS
                    elif element.tag == _SST:
                        limit = XLSX_MAX_STRINGS_ELEMENTS
                stack.append(element)
                elements += 1
                if elements > limit:
                    raise _too_much()
                if scan is not None and element.tag == _ROW:
                    row_elements += 1
                    if row_elements > XLSX_ROW_ELEMENTS_PER_ROW * (max_rows + 1):
                        raise too_many_rows(max_rows)
                    row = _row_number(element.get("r"), row)
                    cells_in_row = 0
                    row_has_value = False
                elif scan is not None and element.tag == _CELL:
                    cells_in_row += 1
                    if cells_in_row > XLSX_MAX_CELLS_PER_ROW:
                        raise ValidationError(
                            _(
                                "Row %(line)s of the sheet has more than %(max)s cells. Keep "
                                "only the columns of the list (e-mail, full name, course, "
                                "deadline, language) or save the sheet as CSV."
                            )
                            % {"line": row, "max": f"{XLSX_MAX_CELLS_PER_ROW:,}"},
                            code="too_many_cells",
                        )
                continue
            stack.pop()
            if scan is not None:
                if element.tag in _VALUES and element.text and element.text.strip():
                    row_has_value = True
                elif element.tag == _ROW and row_has_value:
                    if row > XLSX_ROW_ELEMENTS_PER_ROW * (max_rows + 1):
                        # openpyxl reads every row above the last one that holds a value.
                        raise ValidationError(
                            _(
                                "Row %(line)s of the sheet holds a value, far below a list of "
                                "at most %(max)s people. Delete what is below the list, or "
                                "save the sheet as CSV, and upload it again."
                            )
                            % {"line": f"{row:,}", "max": f"{max_rows:,}"},
                            code="far_row",
                        )
                    scan.rows_with_values.add(row)
                    if len(scan.rows_with_values) > max_rows + 1:
                        raise too_many_rows(max_rows)
            # Forget what has been read: the element's parent keeps no finished child.
            element.clear()
            if stack:
                stack[-1].remove(element)
    return scan


def xlsx_rows(data: bytes, *, max_rows: int, max_columns: int) -> Iterator[tuple[int, list]]:
    """The first sheet's rows that hold values, as ``(line, values)`` with at most
    ``max_columns`` values each (openpyxl's Python values: str, int, float, datetime…).
    Refuses a workbook with more than ``max_rows`` rows below the heading, and every
    workbook that would cost more to open than such a list."""
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _UNREADABLE:
        raise _damaged() from None
    with archive:
        members = _check_archive(archive)
        scans: dict[str, _SheetScan] = {}
        try:
            for member in members:
                if member.is_dir():
                    continue
                scan = _scan_member(archive, member, max_rows=max_rows)
                if scan is not None:
                    scans[member.filename] = scan
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except _UNREADABLE:
            raise _damaged() from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise ValidationError(
                _(
                    "This workbook has no sheet. Put the list on its first sheet, or save it "
                    "as CSV, and upload it again."
                ),
                code="no_sheet",
            )
        sheet = sheets[0]
        scan = scans.get(getattr(sheet, "_worksheet_path", ""))
        if scan is None:
            # Every worksheet in the archive passed the scan; only which one is first is
            # unknown (openpyxl's private path changed): read within the scan's bound.
            wanted = range(1, XLSX_ROW_ELEMENTS_PER_ROW * (max_rows + 1) + 1)
        elif scan.rows_with_values:
            wanted = scan.rows_with_values
        else:
            return
        try:
            # Explicit bounds: openpyxl would otherwise pad every row to the sheet's
            # declared <dimension>, which may claim 16,384 columns and a million rows.
            rows = sheet.iter_rows(
                min_row=1,
                max_row=max(wanted),
                min_col=1,
                max_col=max_columns,
                values_only=True,
            )
            for line, values in enumerate(rows, start=1):
                if line in wanted:
                    yield line, list(values)
        except _UNREADABLE:
            raise _damaged() from None
    finally:
        workbook.close()
