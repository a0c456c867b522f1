"""The public site on a phone and in a browser that knows its time zone.

Screenshot: var/screenshots/public-site/catalogue-390.png (the catalogue's first screen on a
phone, filters folded).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import SCREENSHOTS, Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_catalogue_shows_courses_on_the_first_screen(new_page, site):
    page = new_page("es")
    page.set_viewport_size(PHONE)
    page.goto("/es/cursos/")
    expect(page.locator("details.filters__more")).not_to_have_attribute("open", "")
    expect(page.locator("#id_topic")).to_be_hidden()
    first_card = page.locator(".course-grid > li").first.bounding_box()
    assert first_card is not None and first_card["y"] < PHONE["height"], first_card
    (SCREENSHOTS / "public-site").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "public-site" / "catalogue-390.png"))
    # The folded filters open with a tap, and keep a filter in use open after searching.
    page.locator("summary.filters__summary").click()
    expect(page.locator("#id_topic")).to_be_visible()
    page.check("#id_open_now")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    expect(page.locator("details.filters__more")).to_have_attribute("open", "")
    journey = Journey(page, "public-site/catalogue-filtered", screenshots=False)
    journey.step("catalogue-filtered")
    journey.assert_accessible()


def test_sign_up_selects_the_browsers_time_zone(browser, site):
    context = browser.new_context(
        base_url=site.url, locale="es-MX", timezone_id="America/Mexico_City"
    )
    try:
        page = context.new_page()
        page.goto("/es/account/sign-up/")
        expect(page.locator("#id_time_zone")).to_have_value("America/Mexico_City")
    finally:
        context.close()
