"""The library index's content is the same for every visitor: rendered once per language
and query string and kept until a page changes (cms.library.selectors.library_index_body)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms import shell_cache
from tests.factories import UserFactory
from tests.library import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    person = UserFactory()
    client.force_login(person)  # logged in: never the anonymous page cache
    return person


def _get(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200
    return response.content.decode()


def test_a_logged_in_visitor_gets_the_kept_content_without_reading_the_items(client, member):
    factories.item("Seoul social economy")
    path = factories.index().url
    first = _get(client, path)
    with CaptureQueriesContext(connection) as captured:
        again = _get(client, path)
    body = first.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert body in again  # the same content (the header's form token differs)
    assert "Seoul social economy" in again
    assert not [q for q in captured if "library_libraryitempage" in q["sql"]]


def test_a_published_item_shows_at_once_in_every_kept_list(client, member):
    factories.item("Seoul social economy")
    path = factories.index().url
    assert "Bamako cooperatives" not in _get(client, path)
    assert "Bamako cooperatives" not in _get(client, path, {"region": "africa"})
    factories.item("Bamako cooperatives", city="Bamako", country="ML", region="africa")
    assert "Bamako cooperatives" in _get(client, path)
    assert "Bamako cooperatives" in _get(client, path, {"region": "africa"})


def test_each_query_string_has_its_own_content(client, member):
    factories.item("Seoul social economy")
    factories.item("Bamako cooperatives", city="Bamako", country="ML", region="africa")
    path = factories.index().url
    africa = _get(client, path, {"region": "africa"})
    assert "Bamako cooperatives" in africa and "Seoul social economy" not in africa
    assert "Seoul social economy" in _get(client, path, {"q": "Seoul"})
    assert "Seoul social economy" not in _get(client, path, {"region": "africa"})
    bad = _get(client, path, {"year": "not a year"})  # the form's error, kept like the rest
    assert "Seoul social economy" in bad


def test_an_item_made_private_leaves_the_kept_list_at_once(client, member):
    private = factories.item("Members only case")
    path = factories.index().url
    assert "Members only case" in _get(client, path)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert "Members only case" not in _get(client, path)


def test_the_kept_contents_are_few_and_a_preview_is_never_kept(rf, member):
    from cms.library import selectors

    index = factories.index()
    factories.item("Seoul social economy")
    shell_cache.forget()
    for n in range(selectors.KEPT_QUERIES + 5):
        request = rf.get(index.url, {"q": f"word{n}"})
        selectors.library_index_body(request=request, index=index)
    kept = shell_cache.peek(("recent", "library-index"))
    assert len(kept) == selectors.KEPT_QUERIES
    preview = rf.get(index.url)
    preview.is_preview = True
    index.intro = "An unsaved introduction"
    assert "An unsaved introduction" in selectors.library_index_body(request=preview, index=index)
    assert len(shell_cache.peek(("recent", "library-index"))) == selectors.KEPT_QUERIES
    assert not any(key[3] == () for key in shell_cache.peek(("recent", "library-index")))
