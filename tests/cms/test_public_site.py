"""What search engines, link previews and visitors in other languages get from the public site."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from courses.models import CourseIndexPage
from tests.courses.test_templates import make_course, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return CourseIndexPage.objects.get(locale__language_code="en")


def _switcher(html: str) -> str:
    switcher = html[html.index('<nav class="language-switcher"') :]
    return switcher[: switcher.index("</nav>")]


@pytest.fixture
def french_catalogue(catalogue):
    french = catalogue.copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=True
    )
    for page in [*french.get_ancestors().filter(depth__gt=1).specific(), french]:
        if not page.live:
            publish(page)
    french.refresh_from_db()
    return french


def test_switcher_leads_from_an_untranslated_course_to_the_catalogue_in_that_language(
    client, catalogue, french_catalogue
):
    course = make_course(catalogue, "Cooperatives 101", slug="cooperatives-101")
    switcher = _switcher(client.get(course.url).content.decode())
    french_link = re.search(r'<a href="([^"]+)" lang="fr"[^>]*>(.*?)</a>', switcher)
    assert french_link.group(1) == french_catalogue.url
    assert client.get(french_link.group(1)).status_code == 200
    with translation.override("fr"):
        note = translation.gettext("This page is not available in %(language)s.")
    assert note.split("%")[0] in french_link.group(2)
    # No link of the switcher leads to a page that is not there.
    for url in re.findall(r'href="([^"]+)"', switcher):
        assert client.get(url).status_code in (200, 302), url


def test_switcher_links_a_translated_course_to_its_translation_without_a_note(
    client, catalogue, french_catalogue
):
    course = make_course(catalogue, "Cooperatives 101", slug="cooperatives-101")
    french = course.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.slug = "les-cooperatives"
    french.save()
    french = publish(french)
    switcher = _switcher(client.get(course.url).content.decode())
    assert f'<a href="{french.url}" lang="fr" hreflang="fr">' in switcher
    assert f'href="{french.url}" lang="fr" hreflang="fr" title=' not in switcher


def test_home_title_names_the_site_once(client):
    html = client.get("/en/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title == "GSEF Academy"


def test_public_pages_have_canonical_alternates_description_and_open_graph(
    client, catalogue, french_catalogue, settings
):
    settings.PUBLIC_BASE_URL = "https://academy.example.org"
    course = make_course(catalogue, "Cooperatives 101", slug="cooperatives-101")
    html = client.get(course.url).content.decode()
    assert f'<link rel="canonical" href="https://academy.example.org{course.url}">' in html
    assert f'hreflang="en" href="https://academy.example.org{course.url}"' in html
    assert 'hreflang="x-default"' in html
    assert 'hreflang="fr" href=' not in html.split("<body")[0]  # no French course page
    assert '<meta name="description" content="What Cooperatives 101 teaches' in html
    assert '<meta property="og:title" content="Cooperatives 101">' in html
    assert f'<meta property="og:url" content="https://academy.example.org{course.url}">' in html

    catalogue_html = client.get(catalogue.url).content.decode().split("<body")[0]
    assert (
        f'<link rel="alternate" hreflang="fr" href="https://academy.example.org{french_catalogue.url}">'
        in catalogue_html
    )

    signup = client.get("/fr/account/sign-up/").content.decode().split("<body")[0]
    assert '<link rel="canonical" href="https://academy.example.org/fr/account/sign-up/">' in signup
    assert 'hreflang="ko" href="https://academy.example.org/ko/account/sign-up/"' in signup
    assert '<meta name="description"' in signup


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_accounts(client, settings):
    settings.PUBLIC_BASE_URL = "https://academy.example.org"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: https://academy.example.org/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /ko/account/" in text


def test_sitemap_lists_every_languages_pages_with_their_alternates(
    client, catalogue, french_catalogue, settings, django_assert_max_num_queries
):
    settings.PUBLIC_BASE_URL = "https://academy.example.org"
    course = make_course(catalogue, "Cooperatives 101", slug="cooperatives-101")
    with django_assert_max_num_queries(6):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    base = "https://academy.example.org"
    assert f"<loc>{base}{course.url}</loc>" in xml
    assert f"<loc>{base}{french_catalogue.url}</loc>" in xml
    assert f'<xhtml:link rel="alternate" hreflang="fr" href="{base}{french_catalogue.url}"/>' in xml
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{base}{catalogue.url}"/>' in xml
    assert "localhost" not in xml
    from xml.etree import ElementTree

    ElementTree.fromstring(response.content)  # noqa: S314 (our own output) well-formed


def test_home_page_features_only_courses_open_for_enrolment(client, catalogue):
    import datetime as dt

    import time_machine

    now = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)
    make_course(catalogue, "Closed last month", enrolment_closes_at=now - dt.timedelta(days=30))
    make_course(catalogue, "Opens next month", enrolment_opens_at=now + dt.timedelta(days=30))
    make_course(catalogue, "Open until autumn", enrolment_closes_at=now + dt.timedelta(days=90))
    with time_machine.travel(now, tick=False):
        html = client.get("/en/").content.decode()
    assert "Open until autumn" in html
    assert "Closed last month" not in html
    assert "Opens next month" not in html


def test_catalogue_filters_fold_away_until_one_is_in_use(client, catalogue):
    html = client.get(catalogue.url).content.decode()
    assert 'id="id_q"' in html.split('<details class="filters__more"')[0]  # search stays open
    assert '<details class="filters__more">' in html
    assert "<summary" in html

    filtered = client.get(catalogue.url, {"format": "self_paced", "open_now": "on"})
    html = filtered.content.decode()
    assert '<details class="filters__more" open>' in html
    assert "More filters (2 in use)" in html


def test_the_shell_s_head_and_switcher_are_remembered_but_never_from_a_preview(
    client, django_capture_on_commit_callbacks
):
    """The head's tags and the language switcher are rendered once per page and
    language; a preview (the page as the editor's unsaved form has it) is rendered on
    its own and never becomes what visitors get; a publication is seen at once."""
    from django.template import Context, Template
    from django.test import RequestFactory

    from cms import shell_cache
    from cms.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(title="Who we are", slug="who")
    home.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert 'content="Who we are"' in client.get("/en/who/").content.decode()
    assert any(key[0] == "seo-head-html" for key in shell_cache._memo)

    request = RequestFactory().get("/en/who/")
    request.is_preview = True
    draft = StandardPage.objects.get(pk=page.pk)
    draft.title = "Unsaved draft title"
    with translation.override("en"):
        html = Template("{% load site_tags %}{% seo_head %}").render(
            Context({"request": request, "page": draft})
        )
    assert 'content="Unsaved draft title"' in html
    visitor = client.get("/en/who/").content.decode()
    assert "Unsaved draft title" not in visitor and 'content="Who we are"' in visitor

    page.title = "Who we are, renamed"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert 'content="Who we are, renamed"' in client.get("/en/who/").content.decode()


def test_a_view_s_shell_parts_are_remembered_by_address_without_its_query(client):
    from cms import shell_cache

    shell_cache.forget()
    first = client.get("/en/account/login/").content.decode()
    assert 'hreflang="fr" href="http://localhost:8000/fr/account/login/"' in first
    kept = shell_cache.peek(("recent", "shell-html-views"))
    assert {key[0] for key in kept} == {"seo-head-html", "switcher-html"}
    assert {key[2] for key in kept} == {"/en/account/login/"}
    assert client.get("/en/account/login/").content.decode().count('hreflang="ko"') == 2
    searched = client.get("/en/account/login/?next=/en/dashboard/").content.decode()
    assert "/fr/account/login/?next=/en/dashboard/" in searched  # the query: rendered, kept out
    assert {key[2] for key in shell_cache.peek(("recent", "shell-html-views"))} == {
        "/en/account/login/"
    }
