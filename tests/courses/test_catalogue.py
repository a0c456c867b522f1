"""The course catalogue: which page of each course is listed, filters, search, pages, queries."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction
from wagtail_localize.models import TranslationSource

from courses.forms import CatalogueFilterForm
from courses.models import CourseIndexPage, CoursePage
from courses.selectors import CATALOGUE_PAGE_SIZE, catalogue_context
from tests.courses import factories
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

QUERY_CEILING = 5  # the form (topics, hosts), the search (2), one page of listing rows


def browse(visitor: str = "en", /, **params) -> dict:
    """The catalogue context as a visitor in language ``visitor`` sees it with these GET
    parameters."""
    index = factories.catalogue(visitor)
    request = RequestFactory().get(index.url, params)
    request.user = AnonymousUser()
    with translation.override(visitor):
        return catalogue_context(request=request, index=index)


def titles(context: dict) -> list[str]:
    return [course.title for course in context["courses"]]


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


# --- which page of each course ------------------------------------------------------------


def test_each_live_course_is_listed_once_in_the_visitors_language():
    cooperatives = factories.course("Cooperatives 101")
    factories.translate(cooperatives, "fr", title="Les coopératives de A à Z")
    factories.course("Public procurement")
    factories.course("A draft course", live=False)

    context = browse("fr")

    assert sorted(titles(context)) == ["Les coopératives de A à Z", "Public procurement"]
    assert context["result_count"] == 2
    assert context["active_language"] == "fr"


def test_a_course_without_a_translation_is_shown_in_its_original_language():
    factories.course("소셜 벤처 입문", language="ko")

    assert titles(browse("es")) == ["소셜 벤처 입문"]
    assert titles(browse("en")) == ["소셜 벤처 입문"]


def test_a_translation_that_is_not_published_is_not_shown():
    course = factories.course("Cooperatives 101")
    factories.translate(course, "fr", title="Les coopératives (brouillon)", live=False)

    assert titles(browse("fr")) == ["Cooperatives 101"]


def test_the_original_is_the_locale_wagtail_localize_translated_from():
    # Written in English, then rewritten in French, and the French page became the
    # source of every other translation: French is the course's original.
    english = factories.course("Social finance")
    french = factories.translate(english, "fr", title="La finance solidaire")
    factories.translate(english, "ko", title="사회적 금융")
    TranslationSource.get_or_create_from_instance(french)
    TranslationSource.objects.exclude(locale__language_code="fr").delete()

    assert titles(browse("es")) == ["La finance solidaire"]
    assert titles(browse("ko")) == ["사회적 금융"]


def test_without_a_translation_source_the_oldest_page_is_the_original():
    korean = factories.course("사회적 금융", language="ko")
    factories.translate(korean, "fr", title="La finance solidaire")
    assert not TranslationSource.objects.exists()

    assert titles(browse("es")) == ["사회적 금융"]


def test_courses_in_a_private_section_are_not_listed():
    factories.course("Open to all")
    private = factories.course("For the board only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert titles(browse()) == ["Open to all"]


def test_each_course_lists_the_languages_it_is_published_in():
    course = factories.course("Cooperatives 101")
    factories.translate(course, "ko", title="협동조합 101")
    factories.translate(course, "fr", title="Coopératives 101")
    factories.translate(course, "es", title="Cooperativas 101", live=False)
    factories.course("Public procurement")

    languages = {c.title: c.available_languages for c in browse("en")["courses"]}

    assert languages == {"Cooperatives 101": ["en", "fr", "ko"], "Public procurement": ["en"]}


def test_topics_and_hosts_come_with_each_course():
    seoul = OrganisationFactory(name="Seoul Metropolitan Government")
    course = factories.course("Cooperatives 101", topic_slugs=("cooperatives",), hosts=(seoul,))
    factories.translate(course, "fr", title="Coopératives 101")

    (listed,) = browse("fr")["courses"]

    assert listed.topic_names == ["Coopératives"]
    assert listed.host_names == [seoul.name]


def test_courses_open_for_enrolment_come_first_then_the_newest():
    now = timezone.now()
    factories.course("Old and open", published_at=now - days(30))
    factories.course(
        "New but closed",
        published_at=now - days(1),
        enrolment_opens_at=now - days(60),
        enrolment_closes_at=now - days(10),
    )
    factories.course("New and open", published_at=now - days(2))
    factories.course("Not open yet", published_at=now - days(3), enrolment_opens_at=now + days(5))

    assert titles(browse()) == ["New and open", "Old and open", "New but closed", "Not open yet"]


# --- filters --------------------------------------------------------------------------------


def test_topic_filter_matches_the_topic_slug_in_any_language():
    course = factories.course("Cooperatives 101", topic_slugs=("cooperatives",))
    factories.translate(course, "fr", title="Coopératives 101")
    factories.course("Procurement", topic_slugs=("public-procurement",))
    factories.course("코업", language="ko", topic_slugs=("cooperatives",))

    assert sorted(titles(browse("fr", topic="cooperatives"))) == ["Coopératives 101", "코업"]
    assert titles(browse("en", topic="public-procurement")) == ["Procurement"]


def test_language_filter_lists_courses_published_in_that_language_on_their_page_there():
    both = factories.course("Cooperatives 101")
    factories.translate(both, "es", title="Cooperativas 101")
    factories.course("Only in English")
    factories.course("Solo en español", language="es")

    assert sorted(titles(browse("en", language="es"))) == ["Cooperativas 101", "Solo en español"]


def test_format_filter():
    factories.course("At your own pace", format=CoursePage.Format.SELF_PACED)
    factories.course("Six webinars", format=CoursePage.Format.WEBINAR_SERIES)

    assert titles(browse(format="webinar_series")) == ["Six webinars"]


def test_host_filter():
    seoul = OrganisationFactory(name="Seoul Metropolitan Government")
    bamako = OrganisationFactory(name="District of Bamako", region="africa")
    factories.course("Seoul's course", hosts=(seoul,))
    factories.course("Bamako's course", hosts=(bamako,))
    factories.course("Shared course", hosts=(seoul, bamako))

    assert sorted(titles(browse(host=str(seoul.pk)))) == ["Seoul's course", "Shared course"]


def test_region_filter_matches_any_host_in_the_region():
    seoul = OrganisationFactory(name="Seoul Metropolitan Government", region="asia_pacific")
    bamako = OrganisationFactory(name="District of Bamako", region="africa")
    factories.course("Seoul's course", hosts=(seoul,))
    factories.course("Bamako's course", hosts=(bamako,))
    factories.course("Shared course", hosts=(seoul, bamako))

    assert sorted(titles(browse(region="africa"))) == ["Bamako's course", "Shared course"]


def test_open_now_filter_keeps_courses_whose_enrolment_window_contains_now():
    now = timezone.now()
    factories.course("No window")
    factories.course(
        "Open window", enrolment_opens_at=now - days(1), enrolment_closes_at=now + days(1)
    )
    factories.course("Opens later", enrolment_opens_at=now + days(1))
    factories.course("Closed", enrolment_opens_at=now - days(9), enrolment_closes_at=now - days(1))

    assert sorted(titles(browse(open_now="on"))) == ["No window", "Open window"]


def test_filters_combine():
    seoul = OrganisationFactory(name="Seoul Metropolitan Government", region="asia_pacific")
    now = timezone.now()
    factories.course(
        "Match", hosts=(seoul,), topic_slugs=("cooperatives",), format="webinar_series"
    )
    factories.course("Wrong format", hosts=(seoul,), topic_slugs=("cooperatives",))
    factories.course("Wrong region", topic_slugs=("cooperatives",), format="webinar_series")
    factories.course(
        "Closed",
        hosts=(seoul,),
        topic_slugs=("cooperatives",),
        format="webinar_series",
        enrolment_closes_at=now - days(1),
        enrolment_opens_at=now - days(5),
    )

    context = browse(
        topic="cooperatives", format="webinar_series", region="asia_pacific", open_now="1"
    )

    assert titles(context) == ["Match"]
    assert context["query_string_without_page"] == (
        "topic=cooperatives&format=webinar_series&region=asia_pacific&open_now=1"
    )


def test_invalid_filter_values_are_ignored_and_reported():
    factories.course("Cooperatives 101", topic_slugs=("cooperatives",))
    factories.course("Procurement")

    context = browse(topic="no-such-topic", host="abc", format="webinar_series' OR 1=1")

    assert sorted(titles(context)) == ["Cooperatives 101", "Procurement"]
    assert set(context["filter_form"].errors) == {"topic", "host", "format"}
    assert context["query_string_without_page"] == ""


def test_the_filter_form_offers_topics_in_the_visitors_language_and_only_hosts_with_courses():
    seoul = OrganisationFactory(name="Seoul Metropolitan Government")
    OrganisationFactory(name="A member with no course")
    retired = OrganisationFactory(name="A former member", is_active=False)
    factories.course("Cooperatives 101", hosts=(seoul, retired))

    with translation.override("fr"):
        form = CatalogueFilterForm({}, language_code="fr")
        topics = dict(form.fields["topic"].choices)
        hosts = list(form.fields["host"].choices)
        languages = dict(form.fields["language"].choices)

    assert topics["cooperatives"] == "Coopératives"
    assert hosts[1:] == [(seoul.pk, seoul.name)]
    assert languages["ko"] == "한국어"
    assert form.is_valid()


# --- search ---------------------------------------------------------------------------------


def test_search_finds_words_in_the_title_summary_and_description():
    factories.course("Cooperative statutes", summary="How members govern.")
    factories.course("Procurement", summary="Buying from social enterprises.")
    factories.course("Finance", description="<p>Patient capital and solidarity savings.</p>")

    assert titles(browse(q="statutes")) == ["Cooperative statutes"]
    assert titles(browse(q="enterprises")) == ["Procurement"]
    assert titles(browse(q="savings")) == ["Finance"]
    assert titles(browse(q="xylophone")) == []


def test_a_french_query_finds_a_course_through_its_french_translation():
    course = factories.course("Cooperative statutes", summary="How members govern.")
    factories.translate(
        course,
        "fr",
        title="Les statuts coopératifs",
        summary="Comment les sociétaires gouvernent leur entreprise.",
    )
    factories.course("Procurement", summary="Buying from social enterprises.")

    context = browse("fr", q="sociétaires")

    assert titles(context) == ["Les statuts coopératifs"]
    assert context["courses"][0].available_languages == ["en", "fr"]


def test_search_combines_with_filters():
    seoul = OrganisationFactory(name="Seoul Metropolitan Government")
    factories.course("Cooperatives in Seoul", hosts=(seoul,))
    factories.course("Cooperatives in Lyon")
    factories.course("Procurement in Seoul", hosts=(seoul,))

    context = browse(q="cooperatives", host=str(seoul.pk))

    assert titles(context) == ["Cooperatives in Seoul"]
    assert context["query_string_without_page"] == f"q=cooperatives&host={seoul.pk}"


def test_search_results_are_ordered_by_relevance():
    factories.course("Budgets", summary="A short word on cooperatives.")
    factories.course("Cooperatives", summary="Cooperatives, cooperatives and more cooperatives.")

    assert titles(browse(q="cooperatives")) == ["Cooperatives", "Budgets"]


@pytest.mark.parametrize("query", ['"', 'co"op', '"cooperatives', "(", "*", "OR", "c++", "l'éco"])
def test_search_with_stray_punctuation_does_not_fail(query):
    factories.course("Cooperatives", summary="L'économie sociale.")

    context = browse(q=query)

    assert context["result_count"] in (0, 1)


def test_a_quoted_word_is_searched_as_the_word():
    factories.course("Cooperatives")

    assert titles(browse(q='"cooperatives"')) == ["Cooperatives"]


# --- pages ----------------------------------------------------------------------------------


def test_the_catalogue_shows_twelve_courses_a_page():
    for n in range(CATALOGUE_PAGE_SIZE + 1):
        factories.course(f"Course {n}", topic_slugs=("cooperatives",))

    first, second = browse(topic="cooperatives"), browse(topic="cooperatives", page="2")

    assert len(first["courses"]) == CATALOGUE_PAGE_SIZE
    assert len(second["courses"]) == 1
    assert first["result_count"] == second["result_count"] == CATALOGUE_PAGE_SIZE + 1
    assert second["query_string_without_page"] == "topic=cooperatives"


@pytest.mark.parametrize(("asked", "given"), [("abc", 1), ("99", 2), ("-1", 2), ("", 1)])
def test_a_bad_page_number_gives_the_first_or_last_page(asked, given):
    for n in range(CATALOGUE_PAGE_SIZE + 1):
        factories.course(f"Course {n}")

    assert browse(page=asked)["courses"].number == given


def test_an_empty_catalogue_has_one_empty_page():
    context = browse(page="3")

    assert list(context["courses"]) == []
    assert context["result_count"] == 0


# --- queries --------------------------------------------------------------------------------


def _catalogue_of(count: int, start: int = 0) -> None:
    """``count`` more courses, each hosted, with a topic, and translated into French."""
    host = OrganisationFactory()
    for n in range(start, start + count):
        course = factories.course(
            f"Cooperative course {n}", topic_slugs=("cooperatives",), hosts=(host,)
        )
        factories.translate(course, "fr", title=f"Cours coopératif {n}")


def _queries(**params) -> int:
    """Queries to build the French catalogue's context and read what a course card shows."""
    index = factories.catalogue("fr")
    request = RequestFactory().get(index.url, params)
    request.user = AnonymousUser()
    with translation.override("fr"), CaptureQueriesContext(connection) as captured:
        context = catalogue_context(request=request, index=index)
        for course in context["courses"]:
            _read = (course.topic_names, course.host_names, course.url, course.available_languages)
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "cooperative"}, {"topic": "cooperatives", "region": "europe", "open_now": "on"}],
    ids=["everything", "search", "filters"],
)
def test_the_number_of_queries_does_not_grow_with_the_number_of_courses(params):
    _catalogue_of(3)
    few = _queries(**params)
    _catalogue_of(12, start=3)
    many = _queries(**params)

    assert len(browse("fr", **params)["courses"]) == CATALOGUE_PAGE_SIZE
    assert few == many, f"{few} queries for 3 courses, {many} for 15"
    assert many <= QUERY_CEILING


def test_the_catalogue_page_renders_in_the_same_number_of_queries_for_3_or_15_courses(client):
    """Page level: needs templates/courses/course_index_page.html."""
    url = CourseIndexPage.objects.get(locale__language_code="en").url

    def render() -> int:
        cache.clear()
        client.get(url)  # warms what every page of the site caches (site root paths)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    _catalogue_of(3)
    few = render()
    _catalogue_of(12, start=3)
    many = render()

    assert few == many
    assert "Cooperative course 14" in client.get(url).content.decode()


def test_a_korean_word_is_found_inside_a_compound():
    factories.course("사회적경제 입문", summary="지역 사회적경제 조직의 기초.")
    factories.course("협동조합", summary="조합원이 운영하는 기업.")

    assert titles(browse("ko", q="경제")) == ["사회적경제 입문"]
    assert titles(browse("ko", q="경제 기초")) == ["사회적경제 입문"]
    assert titles(browse("ko", q="조합원")) == ["협동조합"]


def test_search_inside_words_uses_the_trigram_index_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the trigram index is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"courses_coursepage_summary_trgm", "courses_page_title_trgm"} <= names
