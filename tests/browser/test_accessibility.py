"""axe-core on the pages the journeys do not reach: the log-in and password-reset pages (as a
learner who forgot their password goes through them) and public pages seen logged out.

The journeys (test_learner_journey.py, test_trainer_journey.py) check every public and
learner page they visit; together with these, every page of templates/ a visitor or
learner can open is checked for WCAG 2.0/2.1/2.2 A and AA (support.AXE_TAGS).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from courses.models import ModulePage, WebinarPage
from tests.browser import data
from tests.browser.support import Journey, link_in, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NEW_PASSWORD = "una contraseña nueva 2026"


def test_a_learner_who_forgot_their_password_logs_in_with_a_new_one(new_page, site):
    lang = "es"
    page = new_page(lang)
    journey = Journey(page, "password-reset")

    page.goto(f"/{lang}/account/login/")
    journey.step("log-in")
    page.fill("#id_username", data.FORGETFUL_EMAIL)
    page.fill("#id_password", "not my password")
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Log in")).click()
    expect(page.locator(".form-errors")).to_be_visible()
    journey.step("log-in-refused")

    with page.expect_navigation():
        page.get_by_role("link", name=t(lang, "Forgot your password?")).click()
    journey.step("password-reset")
    page.fill("#id_email", data.FORGETFUL_EMAIL)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    journey.step("password-reset-sent")

    message = site.outbox.wait_for(data.FORGETFUL_EMAIL)
    page.goto(link_in(message, f"/{lang}/account/password-reset/"))
    expect(page.locator("h1")).to_have_text(t(lang, "Choose a new password"))
    journey.step("choose-a-new-password")
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Save my new password")).click()
    journey.step("password-changed")

    page.goto(f"/{lang}/account/login/")
    page.fill("#id_username", data.FORGETFUL_EMAIL)
    page.fill("#id_password", NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, "Log in")).click()
    expect(page.locator("h1")).to_have_text(t(lang, "My learning"))
    journey.step("dashboard")
    journey.assert_accessible()


def test_a_sign_up_form_with_mistakes_says_what_to_fix(new_page, site):
    page = new_page("fr")
    journey = Journey(page, "sign-up-mistakes")
    page.goto("/fr/account/sign-up/")
    page.fill("#id_email", "not an address")
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "different")
    with page.expect_navigation():
        page.get_by_role("button", name=t("fr", "Create my account")).click()
    expect(page.locator(".field--invalid")).not_to_have_count(0)
    # Each invalid field names its error message for screen readers.
    for field in page.locator(".field--invalid input, .field--invalid select").all():
        error = f"{field.get_attribute('id')}_error"
        assert error in (field.get_attribute("aria-describedby") or "").split()
        expect(page.locator(f"#{error}")).not_to_be_empty()
    journey.step("sign-up-with-mistakes")
    journey.assert_accessible()


def _intro(site, language: str = "fr"):
    return site.data.intro_courses[language]


def _modules(site):
    return list(ModulePage.objects.child_of(_intro(site)).live().order_by("path"))


# Public pages, seen logged out: (name, URL from the site).
PUBLIC_PAGES = [
    ("home", lambda site: "/en/"),
    ("home-korean", lambda site: "/ko/"),
    ("catalogue-spanish", lambda site: "/es/cursos/"),
    ("catalogue-no-results", lambda site: "/fr/cours/?q=zzzzzz"),
    ("course", lambda site: _intro(site).get_url()),
    ("module-open-preview", lambda site: _modules(site)[0].get_url()),
    ("module-for-enrolled-learners", lambda site: _modules(site)[1].get_url()),
    ("webinars", lambda site: "/en/webinars/"),
    ("webinar", lambda site: WebinarPage.objects.live().order_by("starts_at").last().get_url()),
    ("sign-up", lambda site: "/ko/account/sign-up/"),
    ("page-not-found", lambda site: "/en/no-such-page/"),
    # A valid certificate's verification page is checked in the learner's journey.
    ("certificate-check-form", lambda site: "/verify/"),
    ("certificate-code-malformed", lambda site: "/verify/?code=12345"),
    ("certificate-not-found", lambda site: "/verify/0000-0000-0000-0000-0000-0000-0000/"),
]


@pytest.mark.parametrize(("name", "url"), PUBLIC_PAGES, ids=[name for name, _url in PUBLIC_PAGES])
def test_public_page_has_no_accessibility_violations(new_page, site, name, url):
    page = new_page("en")
    journey = Journey(page, f"public/{name}")
    page.goto(url(site))
    journey.step(name)
    journey.assert_accessible()
