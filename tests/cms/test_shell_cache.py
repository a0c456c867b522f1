"""The site shell (footer settings, header links, language switcher) is read once per
process, and a change is seen by the next request, in this process or another."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms import shell_cache
from cms.models import HomePage, SiteSettings, StandardPage
from tests.courses import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(title="About GSEF Academy", slug="about")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_setting_saved_in_the_admin_is_on_the_next_page(client, about):
    site = Site.objects.get(is_default_site=True)
    client.get("/en/about/")
    settings = SiteSettings.for_site(site)
    settings.footer_text = "Written by the GSEF secretariat in Seoul."
    settings.save()

    assert "Written by the GSEF secretariat in Seoul." in client.get("/en/about/").content.decode()


def test_another_process_bumping_the_generation_is_seen_by_the_next_request(client, about):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.for_site(site)
    client.get("/en/about/")
    # Another process changed the row (no signal here) and bumped the shared number.
    SiteSettings.objects.filter(site=site).update(footer_text="Changed elsewhere.")
    assert "Changed elsewhere." not in client.get("/en/about/").content.decode()

    cache.set(shell_cache.GENERATION_KEY, (cache.get(shell_cache.GENERATION_KEY) or 0) + 1)

    assert "Changed elsewhere." in client.get("/en/about/").content.decode()


def test_a_menu_link_follows_a_new_catalogue_address_at_once(client, about):
    catalogue = factories.catalogue("en")
    assert f'href="{catalogue.url}"' in client.get("/en/about/").content.decode()

    catalogue.slug = "learn-with-gsef"
    catalogue.save_revision().publish()

    html = client.get("/en/about/").content.decode()
    assert 'href="/en/learn-with-gsef/"' in html


def test_a_translation_published_joins_the_language_switcher_at_once(client, about):
    client.get("/en/about/")
    french = about.copy_for_translation(factories.locale("fr"), copy_parents=True)
    french.save_revision().publish()

    assert f'href="{french.url}"' in client.get("/en/about/").content.decode()


def test_the_shell_of_a_standard_page_costs_no_query_once_remembered(client, about):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # the row exists
    first, _html = _queries(client, "/en/about/")
    second, _html = _queries(client, "/en/about/")

    # Wagtail's own routing and view restrictions (site, locale, home, page, its specific
    # row, ancestors and restrictions) and nothing of the shell: no settings, no
    # translations, no catalogue link.
    assert second <= 7 < first
