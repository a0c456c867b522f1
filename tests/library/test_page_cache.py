"""Library pages come from the anonymous page cache and are purged, in every language,
when an item is published, unpublished, moved or deleted."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from tests.library import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CLOCK_MARGIN = 0  # one process, one clock
    caches[settings.PAGE_CACHE_ALIAS].clear()
    return settings


def _publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def test_the_index_and_an_item_are_served_from_the_cache_without_a_query(
    client, cached, django_assert_num_queries
):
    item = factories.item("Seoul social economy")
    index = factories.index()
    for url in (index.url, index.url + "?region=asia_pacific&q=seoul", item.url):
        assert client.get(url)["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert not response.cookies


def test_publishing_an_item_purges_its_page_and_every_languages_index(
    client, cached, django_capture_on_commit_callbacks
):
    item = factories.item("Seoul social economy")
    index, french_index = factories.index(), factories.index("fr")
    urls = [index.url, index.url + "?kind=case_study", french_index.url, item.url]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    item.title = "Seoul's social economy framework act"
    _publish(item, django_capture_on_commit_callbacks)

    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "framework act" in response.content.decode(), url


def test_unpublishing_and_deleting_an_item_purge_the_index(
    client, cached, django_capture_on_commit_callbacks
):
    first = factories.item("Seoul social economy")
    second = factories.item("Bamako cooperatives", city="Bamako", country="ML")
    index = factories.index()
    client.get(index.url)

    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    html = client.get(index.url).content.decode()
    assert "Seoul social economy" not in html and "Bamako cooperatives" in html

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert "Bamako cooperatives" not in client.get(index.url).content.decode()
