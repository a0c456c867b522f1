"""The badge in a real browser: a French official finishes the introductory course (the
learner journey), downloads the badge picture and the credential file from My learning,
and an employer, logged out, hands them to /verify/: the picture is genuine and valid;
the file with another course's name in it is not, and the page says why. The new pages
are screenshotted (var/screenshots/badge-fr/) and checked with axe-core; no JavaScript
is needed (the forms are plain HTML posts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from courses.badges.baking import extract
from tests.browser.support import Journey, Pointer, t
from tests.browser.test_learner_journey import FRENCH, PASSWORD, learner_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _download(page, ui, link) -> tuple[bytes, str]:
    with page.expect_download() as download:
        ui.click(link, navigates=False)
    return Path(download.value.path()).read_bytes(), download.value.suggested_filename


def test_a_learner_downloads_the_badge_and_an_employer_checks_it(new_page, site, unique, tmp_path):
    learner, lang = FRENCH, FRENCH.language
    page = new_page(lang, downloads=True)
    ui = Pointer(page)
    address = f"badge-{unique}@members.example"
    course = site.data.intro_courses[lang]
    # The learner journey has its own test for its pages: here it only gets us a certificate.
    learner_journey(
        page, ui, Journey(page, "badge-prelude", screenshots=False, axe=False),
        learner, course, site.outbox, address,
    )  # fmt: skip
    journey = Journey(page, f"badge-{lang}")

    # 1. Back in, My learning offers the badge beside the certificate.
    page.goto(f"/{lang}/account/login/")
    page.fill("#id_username", address)
    page.fill("#id_password", PASSWORD)
    ui.click(page.get_by_role("button", name=t(lang, "Log in")))
    expect(page.locator("h1")).to_have_text(t(lang, "My learning"))
    section = page.locator("section[aria-labelledby='certificates-title']")
    picture_link = section.get_by_role(
        "link", name=f"{t(lang, 'Download the badge picture (PNG)')} — {course.title}"
    )
    expect(picture_link).to_have_count(1)
    linkedin = section.get_by_role("link", name=f"{t(lang, 'Add to LinkedIn')} — {course.title}")
    assert linkedin.get_attribute("href").endswith("/badge/linkedin/")
    journey.step("dashboard-badge")

    png, png_name = _download(page, ui, picture_link)
    assert png_name.startswith("gsef-badge-") and png_name.endswith(".png")
    assert extract(png).count(".") == 2  # a compact JWS inside
    file_link = section.get_by_role(
        "link", name=f"{t(lang, 'Credential file (JSON)')} — {course.title}"
    )
    credential, _name = _download(page, ui, file_link)
    document = json.loads(credential)
    assert document["credentialSubject"]["achievement"]["name"] == course.title

    # 2. An employer, logged out, checks the picture at /verify/: genuine and valid.
    main_nav = page.get_by_role("navigation", name=t(lang, "Main"))
    ui.click(main_nav.get_by_role("button", name=t(lang, "Log out")))
    page.goto("/verify/")
    expect(page.locator("#verify-badge-title")).to_have_text(t(lang, "Check a digital badge"))
    journey.step("verify-form")
    (tmp_path / "badge.png").write_bytes(png)
    page.set_input_files("#id_file", str(tmp_path / "badge.png"))
    ui.click(page.get_by_role("button", name=t(lang, "Check this badge")))
    expect(page.locator("h1")).to_have_text(t(lang, "This badge is genuine and valid"))
    expect(page.locator(".verification__facts")).to_contain_text(course.title)
    journey.step("badge-valid")

    # 3. The credential file with another course's name pasted in: not genuine, and why.
    document["credentialSubject"]["achievement"]["name"] = "Master en finances publiques"
    page.fill("#id_credential", json.dumps(document))
    ui.click(page.get_by_role("button", name=t(lang, "Check this badge")))
    expect(page.locator("h1")).to_have_text(t(lang, "This badge is not genuine"))
    expect(page.locator(".verification__status")).to_contain_text("achievement.name")
    journey.step("badge-tampered")

    # 4. Something that is not a badge: the form says what is wrong.
    page.fill("#id_credential", "bonjour")
    ui.click(page.get_by_role("button", name=t(lang, "Check this badge")))
    expect(page.locator("#id_credential")).to_have_attribute(
        "aria-describedby", "id_credential_helptext id_credential_error"
    )
    journey.step("badge-wrong-input")
    journey.assert_accessible()
