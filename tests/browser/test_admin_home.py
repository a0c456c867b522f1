"""The admin home of each role, in Chromium at 390 and 1280 px.

A trainer, a Bamako coordinator and the secretariat log in to the admin; each finds
their own panel at the top of the home page (courses/admin_home.py), and at 390 px
neither the panel nor the progress report's table makes the page scroll sideways (the
tables scroll inside their own region). Screenshots: var/screenshots/admin-home/.
Wagtail's admin pages are Wagtail's own: screenshotted, not checked with axe.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import data
from tests.browser.support import Journey, admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PANELS = {"#gsef-trainer-section", "#gsef-coordinator-section", "#gsef-secretariat-section"}
PHONE = {"width": 390, "height": 844}
# How far the page itself scrolls sideways (a region scrolling inside it does not count).
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _fits_a_phone(page, what: str) -> None:
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    panel = page.locator(what)
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
    page.set_viewport_size(desktop)
    page.reload()  # the sidebar's layout after the resize is not the page as people see it


def test_each_role_finds_its_own_panel_on_the_admin_home(new_page, site):
    journey = Journey(new_page("en"), "admin-home", axe=False)
    people = [
        (
            "trainer",
            data.TRAINER_EMAIL,
            data.TRAINER_PASSWORD,
            "#gsef-trainer-section",
            "My courses",
        ),
        (
            "coordinator",
            site.data.coordinator_email,
            site.data.password,
            "#gsef-coordinator-section",
            "Members awaiting confirmation",
        ),
        (
            "secretariat",
            site.data.secretariat_email,
            site.data.password,
            "#gsef-secretariat-section",
            "Review queue",
        ),
    ]
    for role, email, password, panel, text in people:
        page = new_page("en")
        # Wagtail's sidebar slides when the width changes; screenshots want it still.
        page.emulate_media(reduced_motion="reduce")
        journey.page = page
        admin_login(page, email, password)
        page.goto("/admin/")
        expect(page.locator(panel)).to_contain_text(text)
        _fits_a_phone(page, panel)
        journey.step(f"{role}-home", axe=False)
        for other in PANELS - {panel}:
            expect(page.locator(other)).to_have_count(0)

        if role == "coordinator":
            page.goto("/admin/learning/")
            page.set_viewport_size(PHONE)
            assert page.evaluate(PAGE_OVERFLOW) <= 1, "the progress report scrolls sideways"
            journey.step("coordinator-progress-report", axe=False)
