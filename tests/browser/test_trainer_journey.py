"""A trainer writes a course in the Wagtail admin; the secretariat reviews and publishes it.

The secretariat has opened an empty draft course and named the trainer (a trainer holds
no rights on the catalogue itself: tests/courses/test_authoring.py). In a real browser,
the trainer writes the course, adds a module with a lesson and a quiz through the
StreamField editor, and submits both to the "Secretariat review" workflow; the
secretariat, logged in separately, approves both; the course is then in the public
catalogue with its module, and an anonymous visitor can open it.

Wagtail's admin pages are Wagtail's own: they are screenshotted, not checked with axe.
The public pages at the end are ours, and are.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, ModulePage
from tests.browser import data
from tests.browser.support import Journey, admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TITLE = "Buying from the social economy"
SUMMARY = "How city halls reserve and weigh public contracts for social economy enterprises."
MODULE = "What social procurement is"
LESSON = "Public buyers may reserve some contracts for social economy enterprises."
QUIZ = "Check your understanding"
QUESTION = "Who may bid for a reserved contract?"
ANSWERS = (
    ("Social economy enterprises", True, "Reserved contracts exist for them."),
    ("Any company with the lowest price", False, "Price alone is not the rule here."),
)


def add_list_item(page, list_name: str) -> None:
    """Press the last "Add" button of the StreamField list ``list_name`` (a ListBlock
    draws one between every two items and one at the end) and wait for the new item."""
    count = page.locator(f'input[name="{list_name}-count"]')
    before = int(count.input_value())
    add = count.locator("xpath=..").locator(
        ":scope > [data-streamfield-list-container] > [data-streamfield-list-add]"
    )
    for _attempt in range(3):  # the editor's scripts may still be wiring the new block up
        add.last.click()
        try:
            expect(count).to_have_value(str(before + 1), timeout=3_000)
            return
        except AssertionError:
            continue
    pytest.fail(f"the admin's editor did not add an item to {list_name}")


def submit_for_review(page) -> None:
    page.locator("footer").get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to Secretariat review").click()
    expect(page.locator(".messages")).to_contain_text("submitted")


def test_a_trainer_writes_a_course_the_secretariat_publishes_it(new_page, site):
    course = site.data.draft_course
    trainer_page = new_page("en")
    journey = Journey(trainer_page, "trainer")

    # 1. The trainer writes the course the secretariat opened for them.
    admin_login(trainer_page, data.TRAINER_EMAIL, data.TRAINER_PASSWORD)
    journey.step("admin-dashboard", axe=False)
    trainer_page.goto(f"/admin/pages/{course.pk}/edit/")
    trainer_page.fill("#id_title", TITLE)
    trainer_page.fill("#id_summary", SUMMARY)
    journey.step("course-editor", axe=False)
    submit_for_review(trainer_page)

    # 2. A module: a lesson, then a quiz, written in the StreamField editor.
    page = trainer_page
    page.goto(f"/admin/pages/add/courses/modulepage/{course.pk}/")
    page.fill("#id_title", MODULE)
    page.fill("#id_summary", "Reserved contracts and social clauses.")
    page.locator("button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Text", exact=True).click()
    page.locator("[data-contentpath='body'] [contenteditable=true]").first.click()
    page.keyboard.type(LESSON)
    page.locator("button[title='Insert a block']").last.click()
    page.get_by_role("option", name="Quiz", exact=True).click()
    quiz = "body-1-value"
    page.fill(f"#{quiz}-title", QUIZ)
    page.fill(f"#{quiz}-pass_mark", "100")
    question = f"{quiz}-questions-0-value"
    page.fill(f"#{question}-prompt", QUESTION)
    page.select_option(f"#{question}-kind", "single")
    # A question starts with one answer; a second one is added.
    add_list_item(page, f"{question}-options")
    for number, (text, correct, explanation) in enumerate(ANSWERS):
        option = f"{question}-options-{number}-value"
        page.fill(f"#{option}-text", text)
        page.locator(f"#{option}-correct").set_checked(correct)
        page.fill(f"#{option}-explanation", explanation)
    journey.step("module-editor", axe=False)
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(MODULE)
    submit_for_review(page)
    journey.step("module-submitted", axe=False)

    module = ModulePage.objects.child_of(course).get()
    assert not module.live and not CoursePage.objects.get(pk=course.pk).live
    assert module.get_latest_revision_as_object().quiz.value["pass_mark"] == 100
    for submitted in (CoursePage.objects.get(pk=course.pk), module):
        assert submitted.current_workflow_state is not None, f"{submitted} is not in review"

    # 3. The secretariat approves the course and its module; both go live.
    reviewer = new_page("en")
    journey.page = reviewer
    admin_login(reviewer, site.data.secretariat_email, site.data.password)
    journey.step("secretariat-dashboard", axe=False)
    for title in (TITLE, MODULE):
        approve(reviewer, title)
    journey.step("secretariat-approved", axe=False)
    assert CoursePage.objects.get(pk=course.pk).live
    assert ModulePage.objects.get(pk=module.pk).live

    # 4. Anyone finds the course in the public catalogue, with its module.
    visitor = new_page("en")
    journey.page = visitor
    visitor.goto("/en/courses/")
    card = visitor.locator(".course-card").filter(has_text=TITLE)
    expect(card).to_contain_text(SUMMARY)
    journey.step("catalogue")
    with visitor.expect_navigation():
        card.get_by_role("link", name=TITLE).click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator(".syllabus__title")).to_have_text([MODULE])
    journey.step("course")
    journey.assert_accessible()


def approve(page, title: str) -> None:
    """Approve ``title`` (with a comment) from the secretariat's "Awaiting your review"."""
    page.goto("/admin/")
    row = page.locator("tr").filter(has_text=title)
    row.locator(".w-dropdown__toggle").click()
    page.get_by_role("button", name="Approve with comment").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("textarea").fill("Clear and well sourced.")
    with page.expect_navigation():
        dialog.get_by_role("button", name="Approve").click()
