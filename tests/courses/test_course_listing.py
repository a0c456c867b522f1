"""The course listing (read model) follows publication, and lists read it in one query."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from courses.models import CourseListing, ModulePage
from courses.selectors import catalogue_context, catalogue_courses
from courses.selectors.catalogue import paginate_once
from courses.services.listing import course_listing_rebuild
from tests.courses import factories
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def titles(language: str, **params) -> list[str]:
    index = factories.catalogue(language)
    request = RequestFactory().get(index.url, params)
    request.user = AnonymousUser()
    with translation.override(language):
        return [row.title for row in catalogue_context(request=request, index=index)["courses"]]


def test_a_french_translation_is_listed_in_the_french_catalogue_only():
    english = factories.course("Social finance")
    factories.translate(english, "fr", title="La finance solidaire")

    assert titles("fr") == ["La finance solidaire"]
    assert titles("en") == ["Social finance"]
    assert titles("es") == ["Social finance"]  # no Spanish page: the original


def test_a_change_published_in_french_reaches_the_french_catalogue_at_once():
    english = factories.course("Social finance")
    french = factories.translate(english, "fr", title="La finance solidaire")

    french.title = "Finance solidaire pour les villes"
    french.save_revision().publish()

    assert titles("fr") == ["Finance solidaire pour les villes"]
    assert titles("en") == ["Social finance"]


def test_a_translation_added_appears_in_every_languages_row():
    english = factories.course("Social finance")
    assert CourseListing.objects.get(language="ko").available_languages == ["en"]

    factories.translate(english, "ko", title="사회적 금융")

    rows = CourseListing.objects.filter(translation_key=english.translation_key)
    assert {row.language: row.title for row in rows} == {
        "en": "Social finance",
        "fr": "Social finance",
        "es": "Social finance",
        "ko": "사회적 금융",
    }
    assert {tuple(row.available_languages) for row in rows} == {("en", "ko")}


def test_unpublishing_removes_the_course_and_unpublishing_a_translation_falls_back():
    english = factories.course("Social finance")
    french = factories.translate(english, "fr", title="La finance solidaire")

    french.unpublish()
    assert titles("fr") == ["Social finance"]
    assert CourseListing.objects.get(language="en").available_languages == ["en"]

    english.unpublish()
    assert titles("en") == titles("fr") == []
    assert not CourseListing.objects.exists()


def test_deleting_a_translation_rewrites_the_course_rows(django_capture_on_commit_callbacks):
    english = factories.course("Social finance")
    french = factories.translate(english, "fr", title="La finance solidaire")

    with django_capture_on_commit_callbacks(execute=True):
        french.delete()

    assert titles("fr") == ["Social finance"]
    assert CourseListing.objects.filter(translation_key=english.translation_key).count() == 4


def test_a_course_in_a_private_section_leaves_the_lists():
    course = factories.course("Members only")
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    assert titles("en") == []


def test_a_hosts_new_name_reaches_the_cards():
    host = OrganisationFactory(name="Seoul")
    factories.course("Social finance", hosts=(host,))
    host.name = "Seoul Metropolitan Government"
    host.save()
    assert CourseListing.objects.get(language="en").host_names == [host.name]


def test_the_rebuild_command_writes_the_rows_the_signals_wrote():
    english = factories.course("Social finance", topic_slugs=("cooperatives",))
    factories.translate(english, "fr", title="La finance solidaire")
    fields = ("language", "page_id", "title", "url", "available_languages", "topic_slugs")
    before = sorted(CourseListing.objects.values_list(*fields))
    CourseListing.objects.all().delete()

    call_command("rebuild_course_listing", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert sorted(CourseListing.objects.values_list(*fields)) == before
    assert course_listing_rebuild() == 4  # safe to repeat


def test_a_catalogue_page_is_read_and_counted_in_one_query(django_assert_num_queries):
    for n in range(15):
        factories.course(f"Course {n}")
    rows = catalogue_courses(language="en")

    with django_assert_num_queries(1):
        page = paginate_once(rows, per_page=12, number="2")
    assert (page.number, len(page.object_list), page.paginator.count) == (2, 3, 15)
    assert page.paginator.num_pages == 2


def test_a_module_knows_whether_it_has_a_quiz_without_reading_its_body():
    course = factories.course("Social finance")
    plain = factories.module(course)
    quiz = factories.module(course, body=factories.quiz_body())

    flags = dict(
        ModulePage.objects.filter(pk__in=[plain.pk, quiz.pk]).values_list("pk", "has_quiz")
    )
    assert flags == {plain.pk: False, quiz.pk: True}

    quiz.body = []
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    assert quiz.has_quiz is False


def test_the_catalogue_reads_the_listing_in_the_same_queries_for_3_or_30_courses():
    def count() -> int:
        index = factories.catalogue("en")
        request = RequestFactory().get(index.url, {"topic": "cooperatives", "open_now": "on"})
        request.user = AnonymousUser()
        with CaptureQueriesContext(connection) as captured:
            context = catalogue_context(request=request, index=index)
            for row in context["courses"]:
                _read = (row.url, row.topic_names, row.host_names, row.available_languages)
        return len(captured)

    for n in range(3):
        factories.course(f"Course {n}", topic_slugs=("cooperatives",))
    few = count()
    for n in range(27):
        factories.course(f"More {n}", topic_slugs=("cooperatives",))
    assert count() == few <= 3  # the form's topics and hosts, then one page of rows
