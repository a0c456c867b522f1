"""XLSX exports read well: a named sheet, a bold header row frozen in view with a filter
on every column, columns wide enough to read, and course titles in the viewer's
language. Each workbook is read back with openpyxl."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from courses.services.exports import PROGRESS_COLUMNS, xlsx_sheet_name
from courses.services.learning import enrolment_create
from lms.services import membership_create
from tests.courses import factories as pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(bamako):
    page = pages.course("Municipal SSE strategy")
    pages.module(page, "Why a strategy")
    pages.translate(page, "fr", title="Stratégie municipale d'ESS")
    for name in ("Aminata Keïta", "Moussa Traoré"):
        user = UserFactory(full_name=name)
        membership_create(user=user, organisation=bamako, confirmed=True)
        enrolment_create(user=user, course=page)
    return page


COURSE = list(PROGRESS_COLUMNS).index("course")


def _admin_language(user, language: str) -> None:
    """The admin speaks the language of the person's Wagtail profile."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _workbook(response):
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content))


def _check_layout(sheet, *, rows: int) -> None:
    header = next(sheet.iter_rows(min_row=1, max_row=1))
    assert all(cell.font.bold for cell in header)
    assert all(not cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "A2"
    last = header[-1].column_letter
    assert sheet.auto_filter.ref == f"A1:{last}{rows + 1}"
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in header]
    assert all(width and width >= 10 for width in widths), widths


def test_progress_xlsx_has_a_named_sheet_bold_frozen_filtered_header(
    client, bamako_coordinator, course
):
    client.force_login(bamako_coordinator)
    response = client.get(reverse("learning:progress") + "?export=xlsx")
    assert response.status_code == 200
    workbook = _workbook(response)
    assert workbook.sheetnames == ["Progress"]
    sheet = workbook["Progress"]
    _check_layout(sheet, rows=2)
    assert sheet.column_dimensions["A"].width == 28  # the learner's name


def test_progress_xlsx_gives_course_titles_in_the_viewers_language(
    client, bamako_coordinator, course
):
    _admin_language(bamako_coordinator, "fr")
    client.force_login(bamako_coordinator)
    sheet = _workbook(client.get(reverse("learning:progress") + "?export=xlsx")).worksheets[0]
    titles = {row[COURSE] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles == {"Stratégie municipale d'ESS"}


def test_a_course_without_the_viewers_language_keeps_its_original_title(
    client, bamako_coordinator, course
):
    _admin_language(bamako_coordinator, "ko")
    client.force_login(bamako_coordinator)
    sheet = _workbook(client.get(reverse("learning:progress") + "?export=xlsx")).worksheets[0]
    titles = {row[COURSE] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles == {"Municipal SSE strategy"}


def test_overview_xlsx_is_named_after_the_report(client, secretariat, course):
    client.force_login(secretariat)
    response = client.get(reverse("learning:overview") + "?export=xlsx")
    assert response.status_code == 200
    workbook = _workbook(response)
    assert workbook.sheetnames == ["Secretariat overview"]
    _check_layout(workbook.worksheets[0], rows=1)  # Bamako, the one member organisation


def test_a_sheet_name_is_one_excel_accepts():
    assert xlsx_sheet_name("Progress: Bamako / 2026 [all]?") == "Progress  Bamako   2026  all"
    assert len(xlsx_sheet_name("x" * 50)) == 31
    assert xlsx_sheet_name("") == "Sheet1"
