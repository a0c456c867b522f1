"""Modules link library items through the "related cases" block; the course page lists
the items its modules link, in the visitor's language, and is purged when one changes."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.selectors.related_cases import course_related_cases
from tests.courses import factories as courses
from tests.library import factories

pytestmark = pytest.mark.django_db


def related_cases(*items, title=""):
    return [
        {
            "type": "related_cases",
            "value": {"title": title, "items": [item.pk for item in items]},
        }
    ]


@pytest.fixture
def linked():
    seoul = factories.item("Seoul social economy")
    factories.translate(seoul, "ko", title="서울시 사회적경제")
    bamako = factories.item("Bamako cooperatives", city="Bamako", country="ML", region="africa")
    factories.item("Unlinked toolkit", kind="toolkit")
    course = courses.course("Social economy policies")
    module = courses.module(
        course, "Learning from cities", is_open_preview=True, body=related_cases(seoul, bamako)
    )
    courses.module(course, "Another module")
    return course, module


def test_the_course_page_lists_the_cases_its_modules_link(client, linked):
    course, _module = linked
    html = client.get(course.url).content.decode()
    assert "Cases from the library" in html
    assert "Seoul social economy" in html and "Bamako cooperatives" in html
    assert "Unlinked toolkit" not in html


def test_the_cases_are_shown_in_the_visitors_language_when_translated(linked):
    course, _module = linked
    titles = [item.title for item in course_related_cases(course=course, language="ko")]
    assert titles == ["Bamako cooperatives", "서울시 사회적경제"]


def test_the_module_page_shows_its_related_cases_block(client, linked):
    _course, module = linked
    html = client.get(module.url).content.decode()
    assert "Related cases" in html
    assert "Seoul social economy" in html and "Bamako cooperatives" in html


def test_an_unpublished_case_is_no_longer_listed(client, linked):
    course, _module = linked
    factories.index().get_children().get(title="Bamako cooperatives").unpublish()
    titles = [item.title for item in course_related_cases(course=course, language="en")]
    assert titles == ["Seoul social economy"]


def test_related_cases_cost_one_query_without_links_two_with_then_none_until_a_change(linked):
    course = courses.course("No cases here")
    courses.module(course)
    with CaptureQueriesContext(connection) as captured:
        assert course_related_cases(course=course, language="en") == []
    assert len(captured) == 1
    with CaptureQueriesContext(connection) as captured:
        assert len(course_related_cases(course=linked[0], language="en")) == 2
    assert len(captured) == 2
    with CaptureQueriesContext(connection) as captured:  # remembered until a page changes
        assert len(course_related_cases(course=linked[0], language="en")) == 2
    assert len(captured) == 0


def test_a_change_to_a_linked_case_purges_the_cached_course_and_module_pages(
    client, linked, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CLOCK_MARGIN = 0
    caches[settings.PAGE_CACHE_ALIAS].clear()
    course, module = linked
    for url in (course.url, module.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url

    seoul = factories.index().get_children().get(title="Seoul social economy").specific
    seoul.title = "Seoul's framework act"
    with django_capture_on_commit_callbacks(execute=True):
        seoul.save_revision().publish()

    for url in (course.url, module.url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Seoul&#x27;s framework act" in response.content.decode(), url
