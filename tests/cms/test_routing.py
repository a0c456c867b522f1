"""Wagtail's site and page route from the process's memory (cms.routing): the same answers
as Wagtail's own routing, one query per page request, and nothing kept for made-up
addresses or hosts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms import routing, shell_cache
from cms.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(django_capture_on_commit_callbacks):
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(title="About GSEF Academy", slug="about", intro="Who we are.")
    home.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def _routing_keys(kind: str) -> list:
    return [key for key in shell_cache._memo if key[:2] == ("routing", kind)]


def test_a_remembered_page_is_read_with_one_query_and_served_as_wagtail_serves_it(client, about):
    first = client.get("/en/about/")
    assert first.status_code == 200
    assert len(_routing_keys("page")) == 1
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/en/about/")
    assert second.status_code == 200
    assert second.content == first.content
    routing_queries = [q for q in captured if "wagtailcore_site" in q["sql"]]
    assert routing_queries == []  # the site is remembered too
    page_reads = [q for q in captured if 'FROM "cms_standardpage"' in q["sql"]]
    assert len(page_reads) == 1


def test_a_page_unpublished_behind_the_memory_s_back_is_a_404(client, about):
    assert client.get("/en/about/").status_code == 200
    StandardPage.objects.filter(pk=about.pk).update(live=False)  # no signal: still remembered
    assert client.get("/en/about/").status_code == 404


def test_a_renamed_page_moves_to_its_new_address_at_once(
    client, about, django_capture_on_commit_callbacks
):
    assert client.get("/en/about/").status_code == 200
    about.slug = "about-us"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    old = client.get("/en/about/")
    assert (old.status_code, old["Location"]) == (301, "/en/about-us/")  # Wagtail's redirect
    assert client.get("/en/about-us/").status_code == 200


def test_each_language_routes_to_its_own_home_page(client, django_capture_on_commit_callbacks):
    home = HomePage.objects.get(locale__language_code="en")
    french_home = home.copy_for_translation(Locale.objects.get(language_code="fr"))
    with django_capture_on_commit_callbacks(execute=True):
        french_home.save_revision().publish()
    english = client.get("/en/")
    french = client.get("/fr/")
    assert english.status_code == french.status_code == 200
    assert english.context["page"].pk == home.pk
    assert french.context["page"].pk == french_home.pk
    assert client.get("/es/").context["page"].pk == home.pk  # no Spanish home: Wagtail's fallback


def test_made_up_addresses_and_hosts_are_not_remembered(client, about):
    assert client.get("/en/about/").status_code == 200
    for n in range(5):
        assert client.get(f"/en/no-such-page-{n}/").status_code == 404
        client.get("/en/about/", HTTP_HOST=f"made-up-{n}.example")  # refused: not allowed
    assert _routing_keys("page") == [("routing", "page", about.get_site().pk, "en", "about/")]
    assert _routing_keys("site") == []  # sites are read once, not kept per host


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "academy.example", "academy.example:8080", "x.org"]
)
def test_the_site_is_wagtail_s_own_answer(rf, host):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    Site.objects.create(hostname="academy.example", port=8080, root_page=home)
    Site.objects.create(hostname="academy.example", port=443, root_page=home)
    request = rf.get("/en/", HTTP_HOST=host)
    assert routing.find_site(request) == Site._find_for_request(rf.get("/en/", HTTP_HOST=host))


def test_site_root_paths_are_wagtail_s_and_read_from_memory_after_a_page(client, about):
    from wagtail.models import Site

    client.get("/en/about/")
    response = client.get("/en/about/")
    assert response.wsgi_request._wagtail_cached_site_root_paths == Site.get_site_root_paths()
    assert shell_cache.peek(routing.ROOT_PATHS_KEY) == Site.get_site_root_paths()


def test_view_restrictions_are_remembered_and_dropped_when_they_change(
    client, about, django_capture_on_commit_callbacks
):
    """Wagtail's check before serving reads the page's and its ancestors' restrictions
    (two queries); they are remembered per page, and a restriction added, its groups
    changed or removed is obeyed on the next request."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from tests.factories import UserFactory

    assert client.get("/en/about/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/about/").status_code == 200
    assert not [q for q in captured if "pageviewrestriction" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=about, restriction_type=PageViewRestriction.GROUPS
        )
    refused = client.get("/en/about/")
    assert refused.status_code == 302 and "/login/" in refused["Location"]
    member = UserFactory()
    editors = Group.objects.create(name="Readers of About (test)")
    member.groups.add(editors)
    client.force_login(member)
    assert client.get("/en/about/").status_code == 302  # not in the group: to the login
    with django_capture_on_commit_callbacks(execute=True):
        restriction.groups.add(editors)
    assert client.get("/en/about/").status_code == 200
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get("/en/about/").status_code == 200
