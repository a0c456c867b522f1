"""The library and the discussion in a real browser.

A Korean visitor searches the library for part of a word, 경제, keeps case studies only,
and opens the Seoul case whose title holds 사회적경제; a learner from Seoul finds two cases
linked from a module of the introduction course and asks about the module in its
discussion (sending the form empty once: the errors are said); a learner from Bamako,
in French, answers; the trainer marks that reply as the answer; each learner gets the
other's reply by e-mail, in their own language. Every page is screenshotted
(var/screenshots/knowledge-*/) and checked with axe-core.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale

from cms.library.choices import Kind
from cms.library.models import LibraryIndexPage
from courses.discussion.models import Thread
from courses.services.learning import enrolment_create
from lms.demo import DEMO_PASSWORD
from lms.models import User
from tests.browser import data_round
from tests.browser.support import Journey, Pointer, link_in, t, text_of
from tests.browser.test_programme_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

QUESTION = "서울시는 사회적경제 기본조례를 어떻게 준비했나요?"
QUESTION_BODY = "조례 초안을 만들 때 시민사회와 어떻게 협의했는지 궁금합니다."
REPLY = "À Bamako, nous avons commencé par un forum avec les coopératives."
THANKS = "감사합니다! 포럼 자료를 공유해 주실 수 있나요?"


@pytest.fixture(scope="module")
def round_data(site, django_db_blocker):
    """The round's demo, and two learners of the introduction course, from Seoul and from
    Bamako (committed: the live server reads them)."""

    def make():
        found = data_round.seed_round()
        return found, *_learners(uuid.uuid4().hex[:8], found.intro)

    return data_round.committed(django_db_blocker, make)


def test_a_korean_visitor_searches_the_library(new_page, round_data):
    lang = "ko"
    page = new_page(lang)
    ui = Pointer(page)
    journey = Journey(page, f"knowledge-library-{lang}")

    index = LibraryIndexPage.objects.live().get(locale__language_code=lang)
    page.goto(index.get_url())
    expect(page.locator("h1")).to_have_text(index.title)
    journey.step("library")
    ui.fill(page.locator("#id_q"), "경제")
    page.locator("summary.filters__summary").click()  # "More filters"
    page.locator("#id_kind").select_option(Kind.CASE_STUDY.value)
    ui.click(page.get_by_role("button", name=t(lang, "Show items")))
    expect(page.locator("#id_q")).to_have_value("경제")
    titles = page.locator(".course-card__title").all_inner_texts()
    cases = [title for title in titles if "사회적경제" in title]
    assert cases, f"searching 경제 found {titles}"
    journey.step("library-results")
    ui.click(page.locator(".course-card__title").get_by_role("link", name=cases[0]))
    expect(page.locator("h1")).to_have_text(cases[0])
    journey.step("library-item")
    journey.assert_accessible()


def _learners(unique: str, course):
    seoul = data_round.member(
        f"seoul-{unique}@members.example",
        name="박서연",
        organisation="Seoul",
        language="ko",
        time_zone="Asia/Seoul",
    )
    bamako = data_round.member(
        f"bamako-{unique}@members.example",
        name="Mariam Traoré",
        organisation="Bamako",
        language="fr",
        time_zone="Africa/Bamako",
    )
    for person in (seoul, bamako):
        enrolment_create(user=person, course=course, now=timezone.now())
    return seoul, bamako


def test_two_cities_discuss_a_module_and_the_trainer_marks_the_answer(new_page, site, round_data):
    found, seoul, bamako = round_data
    korean, french = (Locale.objects.get(language_code=code) for code in ("ko", "fr"))
    module_ko = found.related_module.get_translation(korean)
    intro_ko = found.intro.get_translation(korean)
    intro_fr = found.intro.get_translation(french)

    # 1. Seoul: the module links two cases, and its discussion.
    page = new_page("ko")
    ui = Pointer(page)
    journey = Journey(page, "knowledge-discussion")
    log_in(page, ui, "ko", seoul.email, data_round.PASSWORD)
    page.goto(module_ko.get_url())
    expect(page.locator("h1")).to_have_text(module_ko.title)
    expect(page.locator(".related-cases .course-card__title")).to_have_count(2)
    journey.step("module-related-cases")
    ui.click(page.locator(".module-discussion a"))
    expect(page.locator("h1")).to_contain_text(module_ko.title)
    journey.step("discussion-list")

    # The form sent empty: the errors are said; then the question.
    post_thread = page.get_by_role("button", name=t("ko", "Post the thread"))
    ui.click(post_thread)
    expect(page.locator(".field--title.field--invalid")).to_be_visible()
    journey.step("new-thread-errors")
    ui.fill(page.locator("#id_title"), QUESTION)
    ui.fill(page.locator("#id_body"), QUESTION_BODY)
    ui.click(post_thread)
    expect(page.locator("h1")).to_have_text(QUESTION)
    journey.step("thread")
    thread = Thread.objects.get(title=QUESTION, author=seoul)
    assert thread.module_key == found.related_module.translation_key

    # 2. Bamako answers, in French.
    other = new_page("fr")
    other_ui = Pointer(other)
    log_in(other, other_ui, "fr", bamako.email, data_round.PASSWORD)
    other.goto(f"/fr/discussion/threads/{thread.pk}/")
    expect(other.locator("h1")).to_have_text(QUESTION)
    other_ui.fill(other.locator("#id_body"), REPLY)
    other_ui.click(other.get_by_role("button", name=t("fr", "Post the reply")))
    expect(other.locator(".discussion-post").last).to_contain_text(REPLY)

    # Seoul's e-mail: in Korean (the course's Korean title, a /ko/ link to the reply).
    message = site.outbox.wait_for(seoul.email, matching=lambda m: REPLY in text_of(m))
    assert intro_ko.title in text_of(message)
    link = link_in(message, rf"/ko/discussion/threads/{thread.pk}/")
    page.goto(link)
    expect(page.locator(".discussion-post").last).to_contain_text(REPLY)

    # 3. The trainer marks Bamako's reply as the answer.
    trainer = User.objects.get(email=data_round.TRAINER_EMAIL)
    lang = trainer.preferred_language  # the site greets them in it after logging in
    trainer_page = new_page(lang)
    trainer_ui = Pointer(trainer_page)
    log_in(trainer_page, trainer_ui, lang, trainer.email, DEMO_PASSWORD)
    trainer_page.goto(f"/{lang}/discussion/threads/{thread.pk}/")
    mark = trainer_page.get_by_role(
        "button",
        name=re.compile("^" + re.escape(f"{t(lang, 'Mark as the answer')} ({bamako.full_name},")),
    )
    trainer_ui.click(mark)
    expect(trainer_page.locator(".discussion-post--answer")).to_contain_text(REPLY)
    thread.refresh_from_db()
    assert thread.answer is not None and thread.answer.body == REPLY

    # 4. Seoul sees the answer and thanks; Bamako's e-mail comes in French.
    page.goto(f"/ko/discussion/threads/{thread.pk}/")
    expect(page.locator(".discussion-post--answer")).to_contain_text(REPLY)
    ui.fill(page.locator("#id_body"), THANKS)
    ui.click(page.get_by_role("button", name=t("ko", "Post the reply")))
    expect(page.locator(".discussion-post").last).to_contain_text(THANKS)
    journey.step("thread-answered")
    message = site.outbox.wait_for(bamako.email, matching=lambda m: THANKS in text_of(m))
    assert intro_fr.title in text_of(message)
    link_in(message, rf"/fr/discussion/threads/{thread.pk}/")

    journey.assert_accessible()
