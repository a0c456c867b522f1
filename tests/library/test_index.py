"""The library index: filters, search inside words in every language, one page per item
in the visitor's language, the list by region, and queries constant in the number of items."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.library.models import LibraryItemPage
from cms.library.selectors import library_items, search_q
from tests.factories import OrganisationFactory
from tests.library import factories

pytestmark = pytest.mark.django_db


def titles(visitor: str = "en", **filters) -> list[str]:
    return [item.title for item in library_items(language=visitor, filters=filters)]


def test_each_filter_keeps_only_the_matching_items():
    factories.item("Seoul social economy", year=2015, sector="cooperatives", instrument="law")
    factories.item(
        "Bamako cooperatives",
        city="Bamako",
        country="ML",
        region="africa",
        year=2020,
        sector="food",
        instrument="funding",
    )
    factories.item(
        "Procurement toolkit", kind="toolkit", city="", country="", region="europe", year=2020
    )

    assert titles(region="africa") == ["Bamako cooperatives"]
    assert titles(country="KR") == ["Seoul social economy"]
    assert titles(sector="food") == ["Bamako cooperatives"]
    assert titles(instrument="law") == ["Seoul social economy"]
    assert titles(kind="toolkit") == ["Procurement toolkit"]
    assert titles(year=2020) == ["Bamako cooperatives", "Procurement toolkit"]
    assert titles(year=2020, kind="case_study") == ["Bamako cooperatives"]


def test_an_item_is_listed_once_in_the_visitors_language_else_in_its_original():
    english = factories.item("Seoul social economy")
    factories.translate(english, "ko", title="서울시 사회적경제")
    factories.item("Bamako en coopératives", language="fr", city="Bamako", country="ML")

    assert sorted(titles("ko")) == ["Bamako en coopératives", "서울시 사회적경제"]
    assert sorted(titles("en")) == ["Bamako en coopératives", "Seoul social economy"]
    assert sorted(titles("es")) == ["Bamako en coopératives", "Seoul social economy"]
    # The language filter: only what is written (or translated) in that language.
    assert titles("en", language="ko") == ["서울시 사회적경제"]
    assert titles("en", language="fr") == ["Bamako en coopératives"]


def test_search_finds_a_word_inside_a_korean_compound():
    english = factories.item("Seoul social economy")
    factories.translate(
        english, "ko", title="서울시 사회적경제 지원", summary="협동조합과 사회적기업"
    )
    factories.item("Montreal housing", city="Montréal", country="CA", region="americas")

    assert titles("ko", q="경제") == ["서울시 사회적경제 지원"]
    assert titles("ko", q="사회적기업") == ["서울시 사회적경제 지원"]
    assert titles("en", q="montréal") == ["Montreal housing"]  # city, any case
    assert titles("en", q="housing montreal") == ["Montreal housing"]  # every word, any field
    assert titles("en", q="economy nowhere") == []


def test_unpublished_and_private_items_are_not_listed(client):
    factories.item("Draft case", live=False)
    factories.item("Published case")
    assert titles() == ["Published case"]


def test_the_index_page_shows_filters_results_and_regions_without_javascript(client):
    factories.item("Seoul social economy", year=2015)
    factories.item("Bamako cooperatives", city="Bamako", country="ML", region="africa")
    index = factories.index()

    html = client.get(index.url, {"region": "africa"}).content.decode()
    assert '<form class="filters" method="get"' in html
    assert "Bamako cooperatives" in html and "Seoul social economy" not in html
    assert "1 item" in html
    assert f'{index.url}?region=asia_pacific">Asia-Pacific</a> (1 item)' in html

    refused = client.get(index.url, {"year": "soon", "region": "atlantis"})
    assert refused.status_code == 200
    assert "Enter a whole number." in refused.content.decode()  # the bad value is named
    assert "2 items" in refused.content.decode()  # and ignored


def _count(client, url: str, params: dict) -> int:
    client.get(url, params)  # what each process remembers (shell, countries, regions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def _grow(count: int) -> None:
    organisation = OrganisationFactory()
    for n in range(count):
        page = factories.item(f"Case {n}", year=2000 + n % 20)
        page.organisations.add(organisation)
        factories.translate(page, "fr", title=f"Cas {n}")


@pytest.mark.parametrize("params", [{}, {"q": "case", "region": "asia_pacific", "page": "2"}])
def test_the_index_costs_the_same_queries_for_3_or_30_items(client, params):
    index = factories.index()
    factories.index("fr")
    _grow(3 if not params else 23)
    small = _count(client, index.url, params)
    _grow(30)
    assert _count(client, index.url, params) == small


def test_an_item_page_costs_the_same_queries_with_1_or_5_authors(client):
    item = factories.item("Seoul social economy")
    item.authors.create(name="Author 0")
    item = factories.publish(item).specific
    small = _count(client, item.url, {})
    for n in range(1, 5):
        item.authors.create(name=f"Author {n}")
    assert _count(client, item.url, {}) == small


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_on_postgresql_the_search_inside_words_can_use_the_trigram_index():
    factories.item("서울시 사회적경제 지원")
    rows = library_items(language="en", filters={"q": "사회적경제"})
    # The search condition alone (the full list's plan depends on the table's statistics).
    searched = LibraryItemPage.objects.filter(search_q("사회적경제")).order_by().values("pk")
    sql, params = searched.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: it would read them all
        cursor.execute("SET LOCAL enable_indexscan = off")  # nor walk the primary key
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "library_item_search_text_trgm" in plan
    assert [item.title for item in rows] == ["서울시 사회적경제 지원"]
