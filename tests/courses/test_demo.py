"""The demo courses: substantive, valid, translated the Wagtail way, and safe to seed twice."""

import re

import pytest
from wagtail.models import Locale, Page, Revision

from courses import demo
from courses.blocks import ModuleBodyBlock
from courses.demo_content import COURSES
from courses.models import CourseIndexPage, CoursePage, ModulePage
from lms import demo as lms_demo

HANGUL = re.compile(r"[\uac00-\ud7a3]")
TRANSLATED_LANGUAGES = {"fr", "es", "ko"}


def _seed() -> list[str]:
    lms_demo.seed()
    return demo.seed()


def _english_courses():
    return CoursePage.objects.filter(locale=Locale.get_default()).order_by("path")


def _bodies():
    """Every module body in the content files: (where, raw blocks)."""
    for content in COURSES:
        for module in content.COURSE["modules"]:
            yield f"{module['slug']} (en)", module["body"]
        for language, translation in getattr(content, "TRANSLATIONS", {}).items():
            for module in translation["modules"]:
                yield f"{module['title']} ({language})", module["body"]


# --- the content files, without a database -------------------------------------------------


@pytest.mark.parametrize(("where", "body"), list(_bodies()), ids=lambda value: str(value)[:60])
def test_every_module_body_passes_the_editors_validation(where, body):
    block = ModuleBodyBlock()
    block.clean(block.to_python(body))


def test_translations_keep_the_structure_and_the_right_answers_of_the_original():
    for content in COURSES:
        english = content.COURSE["modules"]
        for language, translation in getattr(content, "TRANSLATIONS", {}).items():
            assert len(translation["modules"]) == len(english), (content.COURSE["slug"], language)
            for original, translated in zip(english, translation["modules"], strict=True):
                where = (original["slug"], language)
                assert [b["type"] for b in translated["body"]] == [
                    b["type"] for b in original["body"]
                ], where
                assert _answer_key(translated["body"]) == _answer_key(original["body"]), where


def _answer_key(body):
    return [
        [
            (
                question["value"]["kind"],
                [option["value"]["correct"] for option in question["value"]["options"]],
            )
            for question in block["value"]["questions"]
        ]
        for block in body
        if block["type"] == "quiz"
    ]


def test_every_quiz_question_and_answer_is_stored_with_an_id():
    """Answers are graded by these ids: an item stored without one gets a new id on each load."""
    for where, body in _bodies():
        for block in body:
            if block["type"] != "quiz":
                continue
            questions = block["value"]["questions"]
            ids = [question["id"] for question in questions]
            ids += [
                option["id"] for question in questions for option in question["value"]["options"]
            ]
            assert all(ids) and len(set(ids)) == len(ids), where


# --- seeding ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seeding_twice_changes_nothing_the_second_time():
    first_lines = _seed()
    pages, revisions = Page.objects.count(), Revision.objects.count()
    latest = dict(Page.objects.values_list("pk", "latest_revision_id"))

    second_lines = _seed()

    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert dict(Page.objects.values_list("pk", "latest_revision_id")) == latest
    assert first_lines[0].startswith("Demo courses: 6 courses")
    assert second_lines[0].endswith("(0 pages new).")


@pytest.mark.django_db
def test_demo_courses_are_complete_live_and_open_with_a_first_module_preview():
    _seed()
    courses = list(_english_courses())
    assert len(courses) >= 6
    with_quiz = total = 0
    for course in courses:
        assert course.live and course.summary and course.description
        assert 1 <= course.topics.count() <= 3, course.slug
        assert course.host_organisations.exists() and course.trainers.exists(), course.slug
        assert 1 <= course.signatories.count() <= 2, course.slug
        modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
        assert 3 <= len(modules) <= 8, course.slug
        assert modules[0].is_open_preview
        assert not any(module.is_open_preview for module in modules[1:])
        for module in modules:
            total += 1
            assert module.summary and module.estimated_minutes > 0
            quiz = module.quiz
            if quiz is None:
                continue
            with_quiz += 1
            assert 3 <= len(quiz.value["questions"]) <= 5, module.slug
            assert quiz.value["pass_mark"] == 70
            for question in quiz.value["questions"]:
                assert any(option["correct"] for option in question["options"]), module.slug
                assert all(option["explanation"] for option in question["options"]), module.slug
    assert with_quiz > total / 2


@pytest.mark.django_db
def test_demo_courses_cover_each_enrolment_case_and_deadline_policy():
    _seed()
    courses = list(_english_courses())
    assert {course.audience for course in courses} == set(CoursePage.Audience.values)
    named = next(c for c in courses if c.audience == CoursePage.Audience.NAMED)
    assert named.audience_organisations.exists()
    assert {course.deadline_policy for course in courses} == set(CoursePage.DeadlinePolicy.values)
    for course in courses:
        course.full_clean()  # the model's own rules (deadline after enrolment closes …)
    closed = [
        c for c in courses if c.enrolment_closes_at and c.enrolment_closes_at < c.first_published_at
    ]
    upcoming = [
        c for c in courses if c.enrolment_opens_at and c.enrolment_opens_at > c.first_published_at
    ]
    assert len(closed) == 1 and len(upcoming) == 1


@pytest.mark.django_db
def test_two_courses_are_live_in_french_spanish_and_korean_with_every_module():
    _seed()
    translated = 0
    for course in _english_courses():
        versions = {
            page.locale.language_code: page
            for page in CoursePage.objects.filter(translation_key=course.translation_key)
            .exclude(pk=course.pk)
            .select_related("locale")
        }
        if not versions:
            continue
        translated += 1
        assert set(versions) == TRANSLATED_LANGUAGES, course.slug
        assert HANGUL.search(versions["ko"].title)
        modules = list(ModulePage.objects.child_of(course))
        for language, version in versions.items():
            assert version.live and version.title != course.title, (course.slug, language)
            # Under the catalogue of its own language, which is a real translation.
            catalogue = version.get_parent().specific
            assert isinstance(catalogue, CourseIndexPage)
            assert catalogue.locale == version.locale and not catalogue.alias_of_id
            assert catalogue.get_parent().locale == version.locale
            assert {topic.locale_id for topic in version.topics.all()} <= {version.locale_id}
            assert version.topics.count() == course.topics.count()
            assert version.trainers.count() == course.trainers.count()
            translated_modules = ModulePage.objects.child_of(version).live()
            assert translated_modules.count() == len(modules)
            for module in modules:
                copy = module.get_translation(version.locale)
                assert copy.live and copy.title != module.title
                assert copy.get_parent().pk == version.pk
                assert copy.is_open_preview == module.is_open_preview
                if language == "ko":
                    assert HANGUL.search(copy.title)
                if module.quiz:
                    assert (
                        copy.quiz.value["questions"][0]["prompt"]
                        != (module.quiz.value["questions"][0]["prompt"])
                    )
    assert translated >= 2
