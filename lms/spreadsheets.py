"""What every spreadsheet the platform writes shares: cells that cannot run as formulas.

A name such as ``=HYPERLINK("http://evil.example","x")`` typed at sign-up would open as a
live formula in Excel or LibreOffice when a coordinator opens an export (CSV injection,
OWASP). So:

- a CSV cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  written with a single quote in front (``csv_safe``), and CSV files start with a UTF-8
  byte order mark so that Excel on Windows reads "Keïta" and Korean names correctly;
- an XLSX cell holding text is always a string cell, never a formula (``xlsx_cell``).

``guard_wagtail_exports`` applies the same to Wagtail's ``SpreadsheetExportMixin``, the
CSV/XLSX path of every admin listing and report (ours and Wagtail's own), once at start-up.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.encoding import force_str

#: Excel and LibreOffice read a CSV file as UTF-8 only when it starts with this.
CSV_BOM = "\ufeff"
CSV_BOM_BYTES = CSV_BOM.encode("utf-8")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """``value`` as CSV text that no spreadsheet will evaluate.

    Numbers stay numbers (a negative amount is not a formula); text beginning with a
    formula character gets a leading single quote, which spreadsheets show as text.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return force_str(value)
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = force_str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def xlsx_value(value):
    """``value`` as openpyxl can store it: aware datetimes as naive UTC (openpyxl refuses
    time zones; the heading says UTC where it matters), lazy strings as str."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value, dt.UTC)
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.time):
        return value
    # An empty text is an empty cell: nothing to write (a tenth of a report's cells).
    return force_str(value) or None


def xlsx_cell(worksheet, value):
    """What to append to a write-only sheet for ``value``: the value itself, or, for text
    that openpyxl would take for a formula (any str beginning with "="), a string cell.
    (Only those get a cell object here: openpyxl makes the others, once.)"""
    value = xlsx_value(value)
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(worksheet, value)
        cell.data_type = "s"
        return cell
    return value


def guard_wagtail_exports() -> None:
    """Make Wagtail's spreadsheet exports write safe CSV (quoted formula characters, a
    BOM) and string-only XLSX cells, for every view that uses the mixin."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_gsef_guarded", False):
        return
    original_stream_csv = SpreadsheetExportMixin.stream_csv
    original_preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = original_preprocess(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return csv_safe(value)
        return value

    def stream_csv(self, queryset):
        yield CSV_BOM_BYTES
        yield from original_stream_csv(self, queryset)

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin._gsef_guarded = True
