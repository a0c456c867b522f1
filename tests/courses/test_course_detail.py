"""A course page and a module page: syllabus, people, languages, enrolment, deadline, queries."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from courses.models import CoursePage
from courses.selectors import course_detail_context, module_detail_context
from tests.courses import factories
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

QUERY_CEILING = 12
UTC = dt.UTC


def _request(page, user=None):
    request = RequestFactory().get(page.url)
    request.user = user or AnonymousUser()
    return request


def course_context(course: CoursePage, language: str = "en", user=None) -> dict:
    with translation.override(language):
        return course_detail_context(request=_request(course, user), course=course)


def module_context(module, language: str = "en") -> dict:
    with translation.override(language):
        return module_detail_context(request=_request(module), module=module)


# --- syllabus and people ----------------------------------------------------------------------


def test_modules_are_the_live_ones_in_order_with_their_total_time():
    course = factories.course("Cooperatives 101")
    factories.module(course, "What a cooperative is", estimated_minutes=20)
    factories.module(course, "Not written yet", estimated_minutes=90, live=False)
    factories.module(course, "Governance", estimated_minutes=45, is_required=False)

    context = course_context(course)

    assert [module.title for module in context["modules"]] == [
        "What a cooperative is",
        "Governance",
    ]
    assert context["total_minutes"] == 65
    assert context["modules"][1].is_required is False


def test_a_course_without_modules_takes_no_time():
    context = course_context(factories.course("Coming soon"))

    assert context["modules"] == []
    assert context["total_minutes"] == 0


def test_the_syllabus_does_not_read_module_bodies():
    course = factories.course("Cooperatives 101")
    factories.module(course, "What a cooperative is")

    (module,) = course_context(course)["modules"]

    assert "body" in module.get_deferred_fields()


def test_trainers_by_name_and_host_organisations():
    amara = UserFactory(full_name="Amara Diallo")
    claire = UserFactory(full_name="Claire Bouchard")
    seoul = OrganisationFactory(name="Seoul Metropolitan Government")
    bamako = OrganisationFactory(name="District of Bamako")
    course = factories.course("Cooperatives 101", trainers=(claire, amara), hosts=(seoul, bamako))

    context = course_context(course)

    assert context["trainers"] == ["Amara Diallo", "Claire Bouchard"]
    assert context["host_organisations"] == [bamako, seoul]


# --- languages --------------------------------------------------------------------------------


def test_available_languages_are_the_live_public_translations_with_their_urls():
    course = factories.course("Cooperatives 101")
    french = factories.translate(course, "fr", title="Coopératives 101")
    korean = factories.translate(course, "ko", title="협동조합 101")
    factories.translate(course, "es", title="Cooperativas 101", live=False)
    PageViewRestriction.objects.create(page=korean, restriction_type=PageViewRestriction.LOGIN)

    languages = course_context(french, "fr")["available_languages"]

    assert languages == [("en", "English", course.url), ("fr", "Français", french.url)]
    assert french.url.startswith("/fr/")


# --- enrolment --------------------------------------------------------------------------------


def test_enrolment_is_open_without_dates():
    context = course_context(factories.course("Always open"))

    assert context["enrolment_status"] == "open"
    assert context["enrolment_message"] == "Enrolment is open."


def test_enrolment_is_open_until_its_closing_date():
    course = factories.course(
        "Open",
        enrolment_opens_at=timezone.now() - dt.timedelta(days=3),
        enrolment_closes_at=dt.datetime(2099, 6, 30, 12, tzinfo=UTC),
    )

    context = course_context(course)

    assert context["enrolment_status"] == "open"
    assert context["enrolment_message"] == "Enrolment is open until 30 June 2099."


def test_enrolment_not_yet_open_says_when_it_opens():
    course = factories.course("Later", enrolment_opens_at=dt.datetime(2099, 9, 15, 9, tzinfo=UTC))

    context = course_context(course)

    assert context["enrolment_status"] == "not_yet_open"
    assert context["enrolment_message"] == "Enrolment opens on 15 September 2099."


def test_enrolment_closed_says_when_it_closed():
    course = factories.course(
        "Over",
        enrolment_opens_at=dt.datetime(2024, 1, 10, tzinfo=UTC),
        enrolment_closes_at=dt.datetime(2024, 3, 1, 12, tzinfo=UTC),
    )

    context = course_context(course)

    assert context["enrolment_status"] == "closed"
    assert context["enrolment_message"] == "Enrolment closed on 1 March 2024."


def test_enrolment_dates_are_written_in_the_visitors_language():
    course = factories.course(
        "Over",
        enrolment_opens_at=dt.datetime(2024, 1, 10, tzinfo=UTC),
        enrolment_closes_at=dt.datetime(2024, 3, 1, 12, tzinfo=UTC),
    )

    assert "1 mars 2024" in course_context(course, "fr")["enrolment_message"]
    assert "2024년 3월 1일" in course_context(course, "ko")["enrolment_message"]


def test_enrolment_dates_are_in_the_signed_in_persons_time_zone():
    # 23:30 in UTC on 28 February is already 1 March in Seoul.
    course = factories.course(
        "Over",
        enrolment_opens_at=dt.datetime(2023, 1, 10, tzinfo=UTC),
        enrolment_closes_at=dt.datetime(2023, 2, 28, 23, 30, tzinfo=UTC),
    )
    in_seoul = UserFactory(time_zone="Asia/Seoul")

    assert course_context(course)["enrolment_message"] == "Enrolment closed on 28 February 2023."
    assert course_context(course, user=in_seoul)["enrolment_message"] == (
        "Enrolment closed on 1 March 2023."
    )


# --- deadline ---------------------------------------------------------------------------------


def test_deadline_none():
    course = factories.course("Own pace", deadline_policy=CoursePage.DeadlinePolicy.NONE)

    assert course_context(course)["deadline_text"] == "No deadline."


def test_deadline_fixed_date():
    course = factories.course(
        "By June",
        deadline_policy=CoursePage.DeadlinePolicy.FIXED,
        deadline_date=dt.date(2099, 6, 30),
    )

    assert course_context(course)["deadline_text"] == "Complete by 30 June 2099."
    assert "30 juin 2099" in course_context(course, "fr")["deadline_text"]


def test_deadline_days_after_enrolment():
    course = factories.course(
        "Sixty days", deadline_policy=CoursePage.DeadlinePolicy.RELATIVE, deadline_days=60
    )
    one_day = factories.course(
        "One day", deadline_policy=CoursePage.DeadlinePolicy.RELATIVE, deadline_days=1
    )

    assert course_context(course)["deadline_text"] == "You have 60 days from the day you enrol."
    assert course_context(one_day)["deadline_text"] == "You have 1 day from the day you enrol."


# --- modules ----------------------------------------------------------------------------------


def test_a_module_knows_its_course_and_live_neighbours():
    course = factories.course("Cooperatives 101")
    first = factories.module(course, "First")
    factories.module(course, "Draft", live=False)
    second = factories.module(course, "Second", is_open_preview=True)
    third = factories.module(course, "Third")

    middle = module_context(second)
    start, end = module_context(first), module_context(third)

    assert middle["course"] == course and isinstance(middle["course"], CoursePage)
    assert (middle["previous_module"], middle["next_module"]) == (first, third)
    assert (start["previous_module"], start["next_module"]) == (None, second)
    assert (end["previous_module"], end["next_module"]) == (second, None)


def test_only_open_preview_modules_can_be_read_for_now():
    course = factories.course("Cooperatives 101")
    preview = factories.module(course, "Preview", is_open_preview=True)
    locked = factories.module(course, "Locked")

    assert module_context(preview)["can_read_module"] is True
    assert module_context(locked)["can_read_module"] is False


# --- queries ----------------------------------------------------------------------------------


def _course_with_modules(count: int) -> CoursePage:
    course = factories.course(
        "Cooperatives 101",
        trainers=(UserFactory(), UserFactory()),
        hosts=(OrganisationFactory(), OrganisationFactory()),
        enrolment_closes_at=dt.datetime(2099, 6, 30, tzinfo=UTC),
    )
    factories.translate(course, "fr", title="Coopératives 101")
    factories.translate(course, "ko", title="협동조합 101")
    for n in range(count):
        factories.module(course, f"Module {n}", is_open_preview=n % 2 == 0)
    return course


def _context_queries(course: CoursePage) -> int:
    request = _request(course)
    with CaptureQueriesContext(connection) as captured:
        course_detail_context(request=request, course=course)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_number_of_modules():
    few = _context_queries(_course_with_modules(3))
    many = _context_queries(_course_with_modules(20))

    assert few == many, f"{few} queries for 3 modules, {many} for 20"
    assert many <= QUERY_CEILING


def test_a_module_context_takes_a_fixed_number_of_queries():
    course = _course_with_modules(20)
    module = course.modules[10]
    request = _request(module)

    with CaptureQueriesContext(connection) as first:
        module_detail_context(request=request, module=module)
    with CaptureQueriesContext(connection) as again:
        module_detail_context(request=request, module=module)

    # The course and neighbours (three queries, and the site) read once, then remembered
    # (the request keeps its site).
    assert len(first) <= 4, [query["sql"] for query in first]
    assert len(again) == 0, [query["sql"] for query in again]


def test_the_course_page_renders_in_the_same_number_of_queries_for_3_or_20_modules(client):
    """Page level: needs templates/courses/course_page.html."""

    def render(course: CoursePage) -> int:
        cache.clear()
        client.get(course.url)  # warms what every page of the site caches (site root paths)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(course.url)
        assert response.status_code == 200
        return len(captured)

    few = render(_course_with_modules(3))
    course = _course_with_modules(20)
    many = render(course)

    assert few == many, f"{few} queries for 3 modules, {many} for 20"
    html = client.get(course.url).content.decode()
    assert "Module 19" in html
    assert "Enrolment is open until 30 June 2099." in html


def test_the_module_page_renders_with_links_to_its_neighbours(client):
    """Page level: needs templates/courses/module_page.html."""
    course = factories.course("Cooperatives 101")
    first = factories.module(course, "First", is_open_preview=True)
    second = factories.module(course, "Second", is_open_preview=True)

    response = client.get(second.url)

    assert response.status_code == 200
    assert f'href="{first.url}" rel="prev"' in response.content.decode()
