"""Bamako's coordinator enrols officials from a spreadsheet and downloads their progress.

In a real browser: log in to the admin, upload docs/samples/bamako-enrolments.csv on
"Enrol learners", read the three refused rows (with their line numbers) on the result
page, open the progress report and download its CSV export, then read the file that
the browser saved. The people the spreadsheet invited get their invitation through
the worker. Wagtail's admin pages are screenshotted, not checked with axe.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from courses.models import Enrolment
from lms.models import Organisation
from tests.browser.support import Journey, admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "bamako-enrolments.csv"
# The sample's three bad rows: (line in the file, address as written).
BAD_ROWS = {
    19: "yacouba.samake.bamako.example",  # not an e-mail address
    20: "djeneba.ballo@bamako.example",  # no such course
    21: "lassina.berthe@bamako.example",  # a date that is not YYYY-MM-DD
}


def test_a_coordinator_imports_a_spreadsheet_and_exports_the_progress_report(new_page, site):
    page = new_page("fr", downloads=True)
    journey = Journey(page, "coordinator")
    admin_login(page, site.data.coordinator_email, site.data.password)
    journey.step("admin-dashboard", axe=False)

    # 1. Upload the spreadsheet on "Enrol learners".
    page.goto("/admin/learning/enrol/")
    journey.step("enrol-learners", axe=False)
    upload = page.locator("form[enctype='multipart/form-data']")
    upload.locator("input[type=file]").set_input_files(SAMPLE)
    with page.expect_navigation():
        upload.locator("button[type=submit]").click()

    # 2. The result: one row per line of the file; the three bad ones say why.
    results = page.locator("section[aria-labelledby='report-heading'] tbody tr")
    expect(results).to_have_count(20)
    refused = results.filter(has=page.locator("strong"))
    expect(refused).to_have_count(3)
    for line, address in BAD_ROWS.items():
        row = refused.filter(has_text=address)
        expect(row.locator("td").first).to_have_text(str(line))
        assert row.locator("td").last.inner_text().strip(), f"no reason given for line {line}"
    journey.step("import-result", axe=False)

    # People without an account were invited, through the worker.
    site.outbox.wait_for("awa.konate@bamako.example")

    # 3. The progress report, and its CSV export as the browser downloads it.
    page.goto("/admin/learning/")
    journey.step("progress-report", axe=False)
    export = page.locator(".gsef-report-exports a[href*='export=csv']")
    with page.expect_download() as download:
        export.click()
    assert re.fullmatch(r"gsef-progress-\d{4}-\d{2}-\d{2}\.csv", download.value.suggested_filename)
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    heading, records = rows[0], rows[1:]
    assert len(heading) >= 10, heading

    bamako = Organisation.objects.get(short_name="Bamako")
    expected = set(
        Enrolment.objects.filter(organisation=bamako).values_list("user__email", flat=True)
    )
    exported = {cell for record in records for cell in record if "@" in cell}
    assert expected <= exported, f"missing from the export: {expected - exported}"
    assert "awa.konate@bamako.example" in exported
    assert not {"djeneba.ballo@bamako.example", "lassina.berthe@bamako.example"} & exported
    assert len(records) == Enrolment.objects.filter(organisation=bamako).count()
    journey.assert_accessible()
