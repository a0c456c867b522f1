"""The anonymous page cache (cms.page_cache, cms.middleware): who is served from it, what
it stores, the headers it sends, and its purges on the site shell's own pages."""

import gzip
import os
import time
import uuid

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction, Site

from cms import page_cache
from cms.models import HomePage, SiteSettings, StandardPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    """The page cache on, empty (locmem, as on the embedded defaults)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CLOCK_MARGIN = 0  # one process, one clock
    caches[settings.PAGE_CACHE_ALIAS].clear()
    return settings


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="en")


def _publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


@pytest.fixture
def about(home, cached, django_capture_on_commit_callbacks):
    page = StandardPage(title="About GSEF Academy", slug="about", intro="Who we are.")
    home.add_child(instance=page)
    _publish(page, django_capture_on_commit_callbacks)
    return page


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, about, django_assert_num_queries
):
    first = client.get("/en/about/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/about/")
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    control = second["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "s-maxage=600" in control
    assert second["Content-Language"] == "en"
    assert second["X-Frame-Options"] == "DENY"  # headers of inner middleware are kept
    assert "Content-Security-Policy" in second  # outer middleware still runs


def test_head_is_served_from_the_entry_get_made(client, about, django_assert_num_queries):
    client.get("/en/about/")
    with django_assert_num_queries(0):
        response = client.head("/en/about/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_a_cached_page_sets_no_cookie_and_carries_no_form_token(client, about):
    for _ in range(2):
        response = client.get("/en/about/")
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response["X-Page-Cache"] == "hit"


def test_logged_in_people_never_get_a_cached_page_nor_someone_elses(client, about):
    client.get("/en/about/")  # an anonymous visit fills the cache
    first = UserFactory(email="first@members.example", email_verified_at=None)
    second = UserFactory(email="second@members.example", email_verified_at=None)

    client.force_login(first)
    response = client.get("/en/about/")
    html = response.content.decode()
    assert "X-Page-Cache" not in response
    assert "first@members.example" in html  # the banner asking to confirm the address
    assert "Log out" in html
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]

    client.force_login(second)
    html = client.get("/en/about/").content.decode()
    assert "second@members.example" in html
    assert "first@members.example" not in html

    client.logout()
    client.cookies.clear()
    response = client.get("/en/about/")
    assert response["X-Page-Cache"] == "hit"
    assert "Log out" not in response.content.decode()


def test_an_anonymous_session_or_a_waiting_message_bypasses_the_cache(client, about, settings):
    client.get("/en/about/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    assert "X-Page-Cache" not in client.get("/en/about/")
    client.cookies.clear()
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get("/en/about/")


def test_an_unknown_query_parameter_is_never_cached(client, about):
    client.get("/en/about/?utm_source=mail")
    response = client.get("/en/about/?utm_source=mail")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_publishing_a_change_shows_at_once(client, about, django_capture_on_commit_callbacks):
    client.get("/en/about/")
    about.title = "About the Academy"
    _publish(about, django_capture_on_commit_callbacks)
    response = client.get("/en/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "<h1>About the Academy</h1>" in response.content.decode()


def test_a_child_page_goes_stale_with_its_parent_and_parents_with_their_children(
    client, about, django_capture_on_commit_callbacks
):
    child = StandardPage(title="Certificates", slug="certificates")
    about.add_child(instance=child)
    _publish(child, django_capture_on_commit_callbacks)
    client.get("/en/about/certificates/")
    client.get("/en/about/")
    about.title = "Who we are"
    _publish(about, django_capture_on_commit_callbacks)
    assert client.get("/en/about/certificates/")["X-Page-Cache"] == "miss"  # its breadcrumb
    client.get("/en/about/")
    child.title = "Certificates and badges"
    _publish(child, django_capture_on_commit_callbacks)
    assert client.get("/en/about/")["X-Page-Cache"] == "miss"  # it lists its children


def test_unpublishing_moving_and_deleting_purge(
    client, home, about, django_capture_on_commit_callbacks
):
    other = StandardPage(title="Partners", slug="partners")
    home.add_child(instance=other)
    _publish(other, django_capture_on_commit_callbacks)
    assert client.get("/en/about/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        about.unpublish()
    assert client.get("/en/about/").status_code == 404
    _publish(about, django_capture_on_commit_callbacks)

    assert client.get("/en/about/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=about.pk).move(other, pos="last-child")
    moved = client.get("/en/about/")
    assert (moved.status_code, moved["Location"]) == (301, "/en/partners/about/")  # Wagtail's
    assert client.get("/en/partners/about/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=about.pk).delete()
    assert client.get("/en/partners/about/").status_code == 404


def test_the_site_settings_purge_every_page(client, about, django_capture_on_commit_callbacks):
    client.get("/en/about/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.footer_text = "Run by the GSEF secretariat in Seoul."
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    response = client.get("/en/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "Run by the GSEF secretariat in Seoul." in response.content.decode()


def test_a_page_made_while_a_purge_happened_is_not_stored(client, about, rf):
    request = rf.get("/en/about/")
    response = client.get("/en/about/")  # a real rendered response to try to store
    key = page_cache.request_key(request)
    started = time.time() - 1  # rendering began, then an editor published
    page_cache.tags_bump([f"page:{about.translation_key}"])
    assert not page_cache.store(key, response.wsgi_request, response, started=started)
    assert page_cache.lookup(key) is None


def test_html_is_gzipped_for_clients_that_take_it_from_the_cache_too(client, about):
    for expected in ("miss", "hit"):
        response = client.get("/en/about/", HTTP_ACCEPT_ENCODING="gzip, br")
        assert response["X-Page-Cache"] == expected
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert b"About GSEF Academy" in gzip.decompress(response.content)
    assert "Content-Encoding" not in client.get("/en/about/")


def test_a_hit_is_served_gzipped_as_stored_not_compressed_again(client, about):
    first = client.get("/en/about/", HTTP_ACCEPT_ENCODING="gzip")
    hits = [client.get("/en/about/", HTTP_ACCEPT_ENCODING="gzip") for _ in range(2)]
    assert [hit["X-Page-Cache"] for hit in hits] == ["hit", "hit"]
    # GZipMiddleware pads each response with random bytes: the same bytes twice are the
    # body compressed once, at the miss, and kept with the entry.
    assert hits[0].content == hits[1].content != first.content
    assert hits[0]["Content-Length"] == str(len(hits[0].content))
    assert gzip.decompress(hits[0].content) == gzip.decompress(first.content)
    plain = client.get("/en/about/", HTTP_ACCEPT_ENCODING="identity")
    assert plain["X-Page-Cache"] == "hit" and "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(first.content)
    assert "Accept-Encoding" in plain["Vary"]


def test_the_cache_works_on_redis(client, home, settings, django_capture_on_commit_callbacks):
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"test-pages-{uuid.uuid4().hex}",
        },
    }
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CLOCK_MARGIN = 0
    page = StandardPage(title="On Redis", slug="on-redis")
    home.add_child(instance=page)
    _publish(page, django_capture_on_commit_callbacks)
    assert "RedisCache" in type(caches["pages"]).__name__
    assert client.get("/en/on-redis/")["X-Page-Cache"] == "miss"
    assert client.get("/en/on-redis/")["X-Page-Cache"] == "hit"
    page.title = "On Redis, changed"
    _publish(page, django_capture_on_commit_callbacks)
    response = client.get("/en/on-redis/")
    assert response["X-Page-Cache"] == "miss"
    assert "On Redis, changed" in response.content.decode()


def test_a_page_made_private_leaves_the_cache_at_once(
    client, about, django_capture_on_commit_callbacks
):
    client.get("/en/about/")
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=about, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get("/en/about/").status_code == 302  # to the login page
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get("/en/about/").status_code == 200


def test_pages_are_made_afresh_when_the_cache_is_unreachable(
    client, home, settings, caplog, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {  # nothing listens on port 9: every call fails to connect
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    settings.PAGE_CACHE_SECONDS = 600
    for _ in range(2):
        response = client.get(home.url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert "Page cache unreachable" in caplog.text

    page = StandardPage(title="Published anyway", slug="published-anyway")
    home.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # the purge fails after the commit, and is logged
    assert StandardPage.objects.get(pk=page.pk).live
    assert "stay stale for their lifetime" in caplog.text
