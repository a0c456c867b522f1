"""Where each page type may go in the tree, and what a course refuses to save."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from cms.models import HomePage, StandardPage
from courses.models import (
    CourseIndexPage,
    CoursePage,
    ModulePage,
    ProgrammeIndexPage,
    WebinarIndexPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def catalogue():
    return CourseIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def course(catalogue):
    course = CoursePage(title="Cooperatives 101", slug="cooperatives-101", summary="The basics.")
    catalogue.add_child(instance=course)
    return course


@pytest.fixture
def module(course):
    module = ModulePage(title="What a cooperative is", slug="what-a-cooperative-is")
    course.add_child(instance=module)
    return module


def test_a_course_can_only_go_in_the_catalogue(home, catalogue, course, module):
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert CoursePage.can_exist_under(catalogue)
    assert not CoursePage.can_exist_under(home)
    assert not CoursePage.can_exist_under(course)
    assert not CoursePage.can_exist_under(module)
    assert CoursePage.can_create_at(catalogue)
    assert not CoursePage.can_create_at(home)


def test_a_module_can_only_go_in_a_course(home, catalogue, course):
    assert ModulePage.allowed_parent_page_models() == [CoursePage]
    assert ModulePage.can_create_at(course)
    assert not ModulePage.can_create_at(catalogue)
    assert not ModulePage.can_create_at(home)


def test_nothing_goes_under_a_module(module):
    assert ModulePage.allowed_subpage_models() == []
    for page_type in (ModulePage, CoursePage, CourseIndexPage, StandardPage):
        assert not page_type.can_create_at(module)


def test_the_catalogue_can_only_go_under_the_home_page(home, catalogue, course):
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert CourseIndexPage.can_exist_under(home)
    assert not CourseIndexPage.can_exist_under(course)
    assert not CourseIndexPage.can_exist_under(Page.objects.get(depth=1))
    # One catalogue per home page, and the home page already has it.
    assert not CourseIndexPage.can_create_at(home)


def test_the_home_page_offers_the_catalogue_the_webinar_and_programme_lists_and_standard_pages():
    # HomePage names no courses type: those say cms.HomePage in their parent_page_types.
    offered = set(HomePage.creatable_subpage_models())
    assert StandardPage in offered
    assert {model for model in offered if model._meta.app_label == "courses"} == {
        CourseIndexPage,
        WebinarIndexPage,
        ProgrammeIndexPage,
    }


def test_standard_pages_go_under_the_home_page_or_each_other(home, catalogue):
    assert StandardPage.can_create_at(home)
    about = StandardPage(title="About", slug="about")
    home.add_child(instance=about)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(catalogue)
    assert StandardPage.allowed_subpage_models() == [StandardPage]


def _errors(course) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        course.clean()
    return caught.value.message_dict


def test_enrolment_cannot_close_before_it_opens(course):
    course.enrolment_opens_at = timezone.now()
    course.enrolment_closes_at = course.enrolment_opens_at - dt.timedelta(days=1)
    assert _errors(course)["enrolment_closes_at"] == ["Enrolment must close after it opens."]


def test_a_fixed_deadline_cannot_be_before_enrolment_opens(course):
    course.enrolment_opens_at = timezone.now()
    course.deadline_policy = CoursePage.DeadlinePolicy.FIXED
    course.deadline_date = course.enrolment_opens_at.date() - dt.timedelta(days=1)
    assert _errors(course)["deadline_date"] == [
        "The deadline is before enrolment opens: nobody could finish in time."
    ]


def test_a_fixed_deadline_cannot_be_before_enrolment_closes(course):
    course.enrolment_opens_at = timezone.now()
    course.enrolment_closes_at = course.enrolment_opens_at + dt.timedelta(days=30)
    course.deadline_policy = CoursePage.DeadlinePolicy.FIXED
    course.deadline_date = course.enrolment_opens_at.date() + dt.timedelta(days=10)
    assert _errors(course)["deadline_date"] == [
        "The deadline is before enrolment closes: people who enrol late would be overdue at once."
    ]


def test_a_fixed_deadline_needs_a_date(course):
    course.deadline_policy = CoursePage.DeadlinePolicy.FIXED
    assert _errors(course)["deadline_date"] == ["Choose the deadline date."]


def test_a_relative_deadline_needs_a_number_of_days(course):
    course.deadline_policy = CoursePage.DeadlinePolicy.RELATIVE
    assert _errors(course)["deadline_days"] == ["Say how many days learners have after they enrol."]


def test_a_pass_mark_above_100_is_refused(course):
    course.completion_min_quiz_score = 101
    assert _errors(course)["completion_min_quiz_score"] == [
        "A score is a percentage between 0 and 100."
    ]


def test_a_negative_pass_mark_is_refused_by_the_field(course):
    course.completion_min_quiz_score = -1
    with pytest.raises(ValidationError) as caught:
        course.full_clean()
    assert "completion_min_quiz_score" in caught.value.message_dict


def test_a_sensible_course_is_accepted(course):
    course.enrolment_opens_at = timezone.now()
    course.enrolment_closes_at = course.enrolment_opens_at + dt.timedelta(days=30)
    course.deadline_policy = CoursePage.DeadlinePolicy.FIXED
    course.deadline_date = course.enrolment_closes_at.date() + dt.timedelta(days=60)
    course.completion_min_quiz_score = 70
    course.full_clean()


def test_a_cover_image_needs_alternative_text(course, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    course.cover_image = Image.objects.create(title="Cooperative", file=get_test_image_file())
    course.cover_alt = "   "
    assert _errors(course)["cover_alt"] == [
        "Describe the cover image for people who cannot see it."
    ]
    course.cover_alt = "Members of a workers' cooperative at their general assembly"
    course.clean()


def test_every_seeded_topic_exists_in_every_language_under_one_slug():
    from courses.models import Topic

    rows = Topic.objects.filter(slug="cooperatives").select_related("locale")
    names = {row.locale.language_code: row.name for row in rows}
    assert names == {
        "en": "Cooperatives",
        "fr": "Coopératives",
        "es": "Cooperativas",
        "ko": "협동조합",
    }
    assert len({row.translation_key for row in rows}) == 1
    for language in ("en", "fr", "es", "ko"):
        assert Topic.objects.filter(locale__language_code=language).count() >= 10
