"""A new official's journey in a real browser, in French and in Korean, and once more
with the keyboard alone.

Sign up, confirm the address from the link in the e-mail the worker sent, find the
introductory course by searching the catalogue, enrol, work through every module (the
first quiz failed once, then passed), register for the course's webinar, find the
course completed on the dashboard, download the certificate the worker issued, and open
its verification page at the address its QR code holds. Every page is screenshotted at
390 and 1280 px (var/screenshots/learner-<language>/) and checked with axe-core.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pypdfium2 as pdfium
import pytest
import zxingcpp
from playwright.sync_api import expect
from pypdf import PdfReader

from courses.models import Enrolment, ModulePage, QuizAttempt, WebinarRegistration
from courses.selectors.certificates import certificate_by_code
from tests.browser import data
from tests.browser.support import Journey, KeyboardOnly, Pointer, link_in, t

# Plain django_db: the site's data is committed once by the `site` fixture (conftest).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "un jardin partagé 2026"


@dataclass(frozen=True)
class Learner:
    language: str
    name: str
    organisation: str  # as the sign-up form lists it
    time_zone: str  # as the sign-up form lists it: the members' cities, in their language
    search: str  # what they type in the catalogue's search box
    webinar: str  # the course's webinar, held in their language


FRENCH = Learner(
    language="fr",
    name="Awa Sangaré",
    organisation="District of Bamako",
    time_zone="Bamako, Dakar, Abidjan",
    search="économie solidaire",
    webinar=data.INTRO_WEBINARS["fr"][0],
)
KOREAN = Learner(
    language="ko",
    name="김지민",
    organisation="Seoul Metropolitan Government",
    time_zone="서울",
    search="사회연대경제",
    webinar=data.INTRO_WEBINARS["ko"][0],
)


# --- the journey -----------------------------------------------------------------------------


def learner_journey(page, ui, journey: Journey, learner: Learner, course, outbox, address) -> None:
    lang = learner.language
    main_nav = page.get_by_role("navigation", name=t(lang, "Main"))

    page.goto(f"/{lang}/")
    journey.step("home")
    check_language(page, lang)
    if ui.keyboard_only:
        ui.use_skip_link(t(lang, "Skip to main content"))

    # 1. Sign up in the learner's language.
    ui.click(main_nav.get_by_role("link", name=t(lang, "Sign up")))
    expect(page.locator("h1")).to_have_text(t(lang, "Sign up"))
    journey.step("sign-up")
    check_language(page, lang)
    ui.fill(page.locator("#id_email"), address)
    ui.fill(page.locator("#id_full_name"), learner.name)
    ui.select(page.locator("#id_organisation"), learner.organisation)
    expect(page.locator("#id_preferred_language")).to_have_value(lang)
    ui.select(page.locator("#id_time_zone"), learner.time_zone)
    ui.fill(page.locator("#id_password1"), PASSWORD)
    ui.fill(page.locator("#id_password2"), PASSWORD)
    ui.click(page.get_by_role("button", name=t(lang, "Create my account")))
    expect(page).to_have_url(re.compile(f"/{lang}/account/sign-up/check-your-inbox/$"))
    journey.step("check-your-inbox")
    check_language(page, lang)

    # 2. Confirm the address with the link from the e-mail the worker sent.
    message = outbox.wait_for(address)
    assert message["Subject"].strip() == t(lang, "Confirm your e-mail address for GSEF Academy")
    page.goto(link_in(message, f"/{lang}/account/verify/"))
    expect(page.locator("h1")).to_have_text(t(lang, "Confirm your e-mail address"))
    journey.step("confirm-address")
    check_language(page, lang)
    ui.click(page.get_by_role("button", name=t(lang, "Confirm my address")))
    expect(page.locator(".message--success")).to_have_text(
        t(lang, "Thank you: your e-mail address is confirmed.")
    )
    expect(page.locator("h1")).to_have_text(t(lang, "My learning"))

    # 3. Find the course by searching the catalogue.
    ui.click(main_nav.get_by_role("link", name=t(lang, "Courses")))
    journey.step("catalogue")
    check_language(page, lang)
    ui.fill(page.locator("#id_q"), learner.search)
    ui.click(page.get_by_role("button", name=t(lang, "Show courses")))
    titles = page.locator(".course-card__title").all_inner_texts()
    assert course.title in titles, f"searching {learner.search!r} found {titles}"
    journey.step("search-results")
    check_language(page, lang)
    ui.click(page.locator(".course-card__title").get_by_role("link", name=course.title))

    # 4. Enrol.
    expect(page.locator("h1")).to_have_text(course.title)
    journey.step("course")
    check_language(page, lang)
    ui.click(page.get_by_role("button", name=t(lang, "Enrol in this course")))
    expect(page.locator(".message--success")).to_have_text(
        t(lang, "You are enrolled. Start with the first module.")
    )
    journey.step("enrolled")
    ui.click(page.get_by_role("link", name=t(lang, "Start the first module")))

    # 5. Every module; the first quiz is failed once, then passed.
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    assert len(modules) >= 3
    for number, module in enumerate(modules, start=1):
        first = number == 1
        expect(page.locator("h1")).to_have_text(module.title)
        assert module.quiz is not None, "every module of the introductory course has a quiz"
        journey.step(f"module-{number}", screenshot=first)
        check_language(page, lang)
        if first and ui.keyboard_only:
            # A long page: the skip link saves a keyboard user the whole header.
            ui.use_skip_link(t(lang, "Skip to main content"))
        if first:
            answer_quiz(ui, page, module, right=False)
            ui.click(page.get_by_role("button", name=t(lang, "Submit my answers")))
            expect(page.locator(".quiz__result--failed")).to_be_visible()
            journey.step("quiz-failed")
            check_language(page, lang)
        answer_quiz(ui, page, module, right=True)
        again = "Submit my answers again" if first else "Submit my answers"
        ui.click(page.get_by_role("button", name=t(lang, again)))
        expect(page.locator(".quiz__result--passed")).to_be_visible()
        journey.step(f"module-{number}-passed", screenshot=first)
        if number < len(modules):
            ui.click(page.locator("a.module-nav__link--next"))
    expect(page.locator(".message--success").last).to_have_text(
        t(lang, "You have completed the course!")
    )

    # 6. Register for the course's webinar, from the course page.
    ui.click(page.locator(".breadcrumb").get_by_role("link", name=course.title))
    journey.step("course-completed")
    check_language(page, lang)
    ui.click(page.locator(".course__webinars").get_by_role("link", name=learner.webinar))
    expect(page.locator("h1")).to_have_text(learner.webinar)
    journey.step("webinar")
    check_language(page, lang)
    ui.click(page.get_by_role("button", name=t(lang, "Register")))
    expect(page.locator(".course-action__message")).to_have_text(t(lang, "You are registered."))
    journey.step("webinar-registered")

    # 7. The dashboard: the course is completed, the webinar is coming.
    ui.click(main_nav.get_by_role("link", name=t(lang, "My learning")))
    expect(page.locator("h1")).to_have_text(t(lang, "My learning"))
    completed = page.locator("section[aria-labelledby='completed-title']")
    expect(completed.get_by_role("link", name=course.title)).to_be_visible()
    in_progress = page.locator("section[aria-labelledby='in-progress-title']")
    expect(in_progress.get_by_role("link", name=course.title)).to_have_count(0)
    webinars = page.locator("section[aria-labelledby='webinars-title']")
    expect(webinars.get_by_role("link", name=learner.webinar)).to_be_visible()
    journey.step("dashboard")
    check_language(page, lang)

    # 8. The profile.
    ui.click(main_nav.get_by_role("link", name=t(lang, "Profile")))
    expect(page.locator("#id_full_name")).to_have_value(learner.name)
    journey.step("profile")
    check_language(page, lang)

    # 9. The certificate.
    get_the_certificate_and_open_its_verification_page(page, ui, journey, learner, course)


def get_the_certificate_and_open_its_verification_page(page, ui, journey, learner, course):
    """The worker issued the certificate when the course was completed: it is on the
    dashboard. Download the PDF (the learner's name and the code in its text layer), read
    its QR code, and open the verification page at the QR's address, logged out, as an
    employer would: it says the certificate is valid, in the visitor's language."""
    lang = learner.language
    main_nav = page.get_by_role("navigation", name=t(lang, "Main"))
    ui.click(main_nav.get_by_role("link", name=t(lang, "My learning")))
    section = page.locator("section[aria-labelledby='certificates-title']")
    download_link = section.get_by_role("link", name=re.compile(t(lang, "Download the PDF")))
    for _attempt in range(30):  # the worker may still be rendering it
        if download_link.count():
            break
        page.wait_for_timeout(1000)
        page.reload()
    expect(download_link).to_have_count(1)
    expect(section.get_by_role("heading", name=course.title)).to_be_visible()
    journey.step("dashboard-certificate")
    check_language(page, lang)

    with page.expect_download() as download:
        ui.click(download_link, navigates=False)
    pdf = Path(download.value.path()).read_bytes()
    name = download.value.suggested_filename
    assert re.fullmatch(r"certificate-[0-9A-Z-]+\.pdf", name), name
    code = name.removeprefix("certificate-").removesuffix(".pdf")
    certificate = certificate_by_code(code)
    assert certificate.user.full_name == learner.name
    assert certificate.title == course.title
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert learner.name in text and code in text
    assert t(lang, "Certificate of completion") in text

    # The QR code's address, opened logged out (its host is the site's configured one).
    bitmap = pdfium.PdfDocument(pdf)[0].render(scale=2).to_pil()
    (qr,) = zxingcpp.read_barcodes(bitmap)
    path = urlsplit(qr.text).path
    assert path == f"/verify/{code}/"
    ui.click(main_nav.get_by_role("button", name=t(lang, "Log out")))
    page.goto(path)
    expect(page.locator("h1")).to_have_text(t(lang, "This certificate is valid"))
    expect(page.locator(".verification__facts")).to_contain_text(learner.name)
    expect(page.locator(".verification__facts")).to_contain_text(code)
    journey.step("certificate-verification")
    check_language(page, lang)


def answer_quiz(ui, page, module: ModulePage, *, right: bool) -> None:
    """Tick the right answers (read from the module: the page never shows them), or a
    wrong one for every question."""
    for question in module.quiz.value["questions"].bound_blocks:
        options = question.value["options"].bound_blocks
        correct = {option.id for option in options if option.value["correct"]}
        wrong = [option.id for option in options if not option.value["correct"]]
        chosen = correct if right else {wrong[0]}
        for option in options:
            box = page.locator(f'[id="q-{question.id}-{option.id}"]')
            if question.value["kind"] == "single":
                if option.id in chosen:
                    ui.choose(box)
            elif box.is_checked() != (option.id in chosen):
                ui.toggle(box)


# Text that is not a word in any language: numbers, percentages, punctuation.
NO_WORDS = re.compile(r"^[\W\d_]*$")
# The home page keeps the platform's name in every language (courses/demo.py).
NAMES = {"GSEF Academy"}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KEY_TEXTS = """() => {
  const found = [];
  const add = (kind, el) => {
    const text = el.innerText.trim();
    // Content marked as another language (the language switcher's names) is not UI text.
    if (text && !el.closest('[lang]:not(html)')) found.push(`${kind}: ${text}`);
  };
  document.querySelectorAll('main h1, main h2').forEach((el) => add('heading', el));
  document.querySelectorAll('.site-nav a, .site-nav button, main button, .skip-link')
    .forEach((el) => add('control', el));
  found.push(`title: ${document.title}`);
  return found;
}"""


def check_language(page, language: str) -> None:
    """The page is in ``language``; in Korean, no key heading or control is left in English."""
    assert page.locator("html").get_attribute("lang") == language
    if language != "ko":
        return
    leftovers = []
    for found in page.evaluate(KEY_TEXTS):
        text = found.split(": ", 1)[1]
        if not (HANGUL.search(text) or NO_WORDS.match(text) or text in NAMES):
            leftovers.append(found)
    assert not leftovers, f"{page.url} has text that is not Korean: {leftovers}"


# --- the runs --------------------------------------------------------------------------------


def _run(new_page, site, learner: Learner, *, keyboard: bool, unique: str):
    page = new_page(learner.language, downloads=True)
    ui = KeyboardOnly(page) if keyboard else Pointer(page)
    name = f"learner-{learner.language}" + ("-keyboard" if keyboard else "")
    # The keyboard run visits the same pages as the pointer run: it checks reachability
    # and focus, not axe or screenshots again.
    journey = Journey(page, name, screenshots=not keyboard, axe=not keyboard)
    address = f"{name}-{unique}@members.example"
    course = site.data.intro_courses[learner.language]

    learner_journey(page, ui, journey, learner, course, site.outbox, address)

    enrolment = Enrolment.objects.get(user__email=address)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert QuizAttempt.objects.filter(enrolment=enrolment, passed=False).count() == 1
    assert WebinarRegistration.objects.filter(
        user__email=address, status=WebinarRegistration.Status.REGISTERED
    ).exists()
    journey.assert_accessible()
    return ui


def test_a_french_official_signs_up_learns_and_completes_a_course(new_page, site, unique):
    _run(new_page, site, FRENCH, keyboard=False, unique=unique)


def test_a_korean_official_signs_up_learns_and_completes_a_course(new_page, site, unique):
    _run(new_page, site, KOREAN, keyboard=False, unique=unique)


def test_the_whole_learner_journey_works_with_the_keyboard_alone(new_page, site, unique):
    ui = _run(new_page, site, FRENCH, keyboard=True, unique=unique)
    assert not ui.unseen_focus, (
        "These elements show no focus indicator when Tab reaches them:\n  "
        + "\n  ".join(ui.unseen_focus)
    )
    assert ui.presses > 50  # it really went by keyboard
