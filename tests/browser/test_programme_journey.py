"""Programmes, cohorts and the evaluation in a real browser.

A visitor finds the demo programme in the programme list; an official logs in, reads on
the municipal strategy course's page that the introduction comes first, joins the
programme and finds it in My learning; joins the introduction's cohort from the course
page and opens the cohort's page (schedule, live sessions); completes the course and is
offered the end-of-course questionnaire, sends it once with nothing answered (the errors
are said), then answered, and finds the thank-you page; logged out, the impact survey's
one-click link opens the survey. Every page is screenshotted (var/screenshots/programme-en/)
and checked with axe-core.
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from courses.evaluation.models import Purpose, Response
from courses.evaluation.notifications import survey_token
from courses.models import Enrolment, ModulePage, ProgrammeEnrolment
from tests.browser import data_round
from tests.browser.support import Journey, Pointer, t
from tests.browser.test_learner_journey import answer_quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANG = "en"


@pytest.fixture(scope="module")
def round_data(site, django_db_blocker):
    """The round's demo, and an official of Bamako (committed: the live server reads them)."""

    def make():
        address = f"programme-{uuid.uuid4().hex[:8]}@members.example"
        learner = data_round.member(
            address, name="Fatoumata Keita", organisation="Bamako", language=LANG,
            time_zone="Africa/Bamako",
        )  # fmt: skip
        return data_round.seed_round(), learner

    return data_round.committed(django_db_blocker, make)


def log_in(page, ui, lang: str, email: str, password: str) -> None:
    page.goto(f"/{lang}/account/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    ui.click(page.get_by_role("button", name=t(lang, "Log in")))
    expect(page.locator("h1")).to_have_text(t(lang, "My learning"))


def answer_questionnaire(page) -> None:
    """The highest rating, the first option of every choice, a sentence in every text box."""
    for question in page.locator("fieldset.quiz__question").all():
        radios = question.locator("input[type=radio]")
        if radios.count():
            radios.last.check()
        boxes = question.locator("input[type=checkbox]")
        if boxes.count():
            boxes.first.check()
    for box in page.locator("form.quiz__form textarea").all():
        box.fill("The city cases were the most useful part.")


def test_a_learner_joins_a_programme_and_a_cohort_and_evaluates_the_course(new_page, round_data):
    found, learner = round_data
    address = learner.email
    page = new_page(LANG)
    ui = Pointer(page)
    journey = Journey(page, f"programme-{LANG}")
    main_nav = page.get_by_role("navigation", name=t(LANG, "Main"))
    programme_title = found.programme.title

    # 1. A visitor: the programme list, then the programme.
    page.goto(found.programme.get_parent().specific.get_url())
    expect(page.locator("h1")).to_have_text(found.programme.get_parent().title)
    journey.step("programmes")
    ui.click(page.locator("main").get_by_role("link", name=programme_title).first)
    expect(page.locator("h1")).to_have_text(programme_title)
    expect(page.locator(".syllabus__title")).to_have_count(4)
    expect(page.get_by_role("link", name=t(LANG, "Log in to join"))).to_be_visible()
    journey.step("programme")

    # 2. An official logs in; the strategy course says the introduction comes first.
    log_in(page, ui, LANG, address, data_round.PASSWORD)
    page.goto(found.strategy.get_url())
    expect(page.locator("h1")).to_have_text(found.strategy.title)
    expect(page.locator(".course-facts__prerequisites")).to_contain_text(found.intro.title)
    expect(page.locator(".course-action__refusal")).to_contain_text(found.intro.title)
    expect(page.get_by_role("button", name=t(LANG, "Enrol in this course"))).to_have_count(0)
    journey.step("course-prerequisite")

    # 3. Joining the programme; My learning lists it.
    page.goto(found.programme.get_url())
    ui.click(page.get_by_role("button", name=t(LANG, "Join this programme")))
    expect(
        page.get_by_role("button", name=t(LANG, "Stop following this programme"))
    ).to_be_visible()
    journey.step("programme-joined")
    assert ProgrammeEnrolment.objects.filter(user=learner, status="active").count() == 1
    ui.click(main_nav.get_by_role("link", name=t(LANG, "My learning")))
    programmes = page.locator("section[aria-labelledby='programmes-title']")
    expect(programmes.get_by_role("link", name=programme_title)).to_be_visible()
    journey.step("dashboard-programme")

    # 4. The introduction's cohort, joined from the course page; its own page.
    cohort = found.cohort
    page.goto(found.intro.get_url())
    join = t(LANG, "Join “%(name)s”") % {"name": cohort.name}
    ui.click(page.get_by_role("button", name=join))
    # Joining leads to the cohort's page: its schedule and its live sessions.
    expect(page.locator("h1")).to_have_text(cohort.name)
    schedule = page.locator("section[aria-labelledby='schedule-title']")
    modules = list(ModulePage.objects.child_of(found.intro).live().order_by("path"))
    for module in modules:
        expect(schedule).to_contain_text(module.title)
    sessions = page.locator("section[aria-labelledby='sessions-title']")
    assert cohort.webinars.live().exists(), "the demo cohort has live sessions"
    for webinar in cohort.webinars.live():
        expect(sessions.get_by_role("link", name=webinar.title)).to_be_visible()
    journey.step("cohort")
    # The course page shows the cohort and its dates.
    ui.click(page.get_by_role("link", name=t(LANG, "Go to the course")))
    panel = page.locator("section[aria-labelledby='cohort-panel-title']")
    expect(panel.locator("h2")).to_have_text(t(LANG, "Your cohort"))
    expect(panel.get_by_role("link", name=cohort.name)).to_be_visible()
    journey.step("course-cohort")

    # 5. Every module's quiz passed: the course is completed, the questionnaire offered.
    for module in modules:
        page.goto(module.get_url())
        expect(page.locator("h1")).to_have_text(module.title)
        answer_quiz(ui, page, module, right=True)
        ui.click(page.get_by_role("button", name=t(LANG, "Submit my answers")))
        expect(page.locator(".quiz__result--passed")).to_be_visible()
    offer = page.get_by_role("link", name=t(LANG, "Tell us how the course went"))
    expect(offer).to_be_visible()
    journey.step("course-completed")
    ui.click(offer)
    expect(page.get_by_role("button", name=t(LANG, "Send my answers"))).to_be_visible()
    journey.step("questionnaire")

    # Sent with nothing answered: the errors at the top and on the questions.
    ui.click(page.get_by_role("button", name=t(LANG, "Send my answers")))
    expect(page.locator("#evaluation-errors")).to_be_visible()
    expect(page.locator(".quiz__question--wrong").first).to_be_visible()
    journey.step("questionnaire-errors")
    answer_questionnaire(page)
    ui.click(page.get_by_role("button", name=t(LANG, "Send my answers")))
    expect(page.locator(".message--success")).to_contain_text(
        t(LANG, "Thank you: your answers are recorded.")
    )
    enrolment = Enrolment.objects.get(user=learner, course_key=found.intro.translation_key)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert Response.objects.filter(enrolment=enrolment, purpose=Purpose.END_OF_COURSE).exists()
    page.goto(f"/{LANG}/evaluation/courses/{found.intro.pk}/")
    expect(page.locator("h1")).to_have_text(t(LANG, "Thank you for your answers"))
    journey.step("questionnaire-thanks")

    # 6. Logged out, the impact survey's one-click link opens the survey.
    ui.click(main_nav.get_by_role("button", name=t(LANG, "Log out")))
    page.goto(f"/{LANG}/evaluation/survey/{survey_token(enrolment_id=enrolment.pk)}/")
    expect(page).to_have_url(re.compile(r"/evaluation/survey/"))
    expect(page.get_by_role("button", name=t(LANG, "Send my answers"))).to_be_visible()
    expect(main_nav.get_by_role("link", name=t(LANG, "Log in"))).to_be_visible()
    journey.step("impact-survey")

    journey.assert_accessible()
