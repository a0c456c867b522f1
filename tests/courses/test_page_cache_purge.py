"""The learning domain's public pages in the anonymous page cache: served from it, and
purged at once when what they show changes (courses/page_cache.py, cms/page_cache.py)."""

import pytest
from django.core.cache import caches
from wagtail.contrib.frontend_cache.backends import BaseBackend

from courses.models import Certificate
from courses.services.certificates import certificate_reissue, certificate_revoke, code_display
from courses.services.learning import enrolment_create, module_complete
from courses.services.webinars import webinar_cancel_registration, webinar_register
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CLOCK_MARGIN = 0  # one process, one clock
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as its own committed transaction (purges happen after commit)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def _publish(page):
    page.save_revision().publish()


def _warm(client, *urls):
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss", url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def _html(client, url):
    response = client.get(url)
    return response, response.content.decode()


def test_a_change_published_in_french_shows_at_once_in_every_language(client, commit):
    course = factories.course("Social economy in cities")
    french = factories.translate(course, "fr", title="L'économie sociale dans les villes")
    catalogue_fr = factories.catalogue("fr").url
    catalogue_en = factories.catalogue("en").url
    _warm(client, course.url, french.url, catalogue_en, catalogue_fr)

    french.title = "L'économie sociale et solidaire dans les villes"
    commit(_publish, french)
    for url in (french.url, catalogue_fr):
        response, html = _html(client, url)
        assert response["X-Page-Cache"] == "miss"
        assert "L&#x27;économie sociale et solidaire dans les villes" in html

    # A new language version changes the other languages' pages (hreflang, switcher).
    _warm(client, course.url)
    assert client.get(french.url)["X-Page-Cache"] == "hit"
    spanish = commit(factories.translate, course, "es", title="La economía social")
    for url in (course.url, french.url):
        response, html = _html(client, url)
        assert response["X-Page-Cache"] == "miss"
        assert f'<a href="{spanish.url}" lang="es" hreflang="es">' in html  # the switcher


def test_every_catalogue_filter_and_page_is_purged_by_one_publication(client, commit):
    factories.course("Cooperatives of the city")
    catalogue = factories.catalogue("en").url
    variants = [
        catalogue,
        f"{catalogue}?q=city",
        f"{catalogue}?page=2",
        f"{catalogue}?q=city&page=1",
    ]
    _warm(client, *variants)
    commit(factories.course, "City procurement")
    for url in variants:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "City procurement" in _html(client, f"{catalogue}?q=city")[1]
    assert "s-maxage=60" in client.get(f"{catalogue}?q=city")["Cache-Control"]


def test_a_course_publication_purges_the_home_page_that_features_courses(client, commit):
    factories.course("First")
    home = factories.catalogue("en").get_parent().url
    _warm(client, home)
    commit(factories.course, "Second")
    assert client.get(home)["X-Page-Cache"] == "miss"


def test_a_module_preview_is_cached_and_hands_out_no_cookie(client, django_assert_num_queries):
    course = factories.course("Previewed")
    module = factories.module(
        course, "Quiz first", is_open_preview=True, body=factories.quiz_body()
    )
    first = client.get(module.url)
    assert "Submit my answers" in first.content.decode()  # the quiz shows, locked
    assert not first.cookies
    assert "csrfmiddlewaretoken" not in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(module.url)
    assert second["X-Page-Cache"] == "hit"
    assert not second.cookies


def test_unpublishing_a_course_purges_it_its_modules_and_the_catalogue(client, commit):
    course = factories.course("Soon withdrawn")
    module = factories.module(course, "Its module", is_open_preview=True)
    catalogue = factories.catalogue("en").url
    _warm(client, course.url, module.url, catalogue)
    commit(course.unpublish)
    assert client.get(course.url).status_code == 404
    assert client.get(module.url)["X-Page-Cache"] == "miss"  # its breadcrumb names the course
    assert "Soon withdrawn" not in _html(client, catalogue)[1]


def test_moving_a_module_purges_both_courses(client, commit):
    first = factories.course("First course")
    second = factories.course("Second course")
    module = factories.module(first, "Travelling module")
    _warm(client, first.url, second.url)
    commit(module.move, second, pos="last-child")
    assert "Travelling module" not in _html(client, first.url)[1]
    assert "Travelling module" in _html(client, second.url)[1]


def test_deleting_a_webinar_purges_its_page_and_the_webinar_list(client, commit):
    webinar = factories.webinar(title="Gone soon")
    listing = factories.webinar_index().url
    url = webinar.url
    _warm(client, url, listing)
    commit(webinar.delete)
    assert client.get(url).status_code == 404
    assert "Gone soon" not in _html(client, listing)[1]


def test_a_webinar_filling_up_or_freeing_a_seat_shows_at_once(client, commit):
    webinar = factories.webinar(title="Small room", capacity=1)
    _warm(client, webinar.url)
    assert "1 seat left." in _html(client, webinar.url)[1]

    registration = commit(webinar_register, user=UserFactory(), webinar=webinar)
    response, html = _html(client, webinar.url)
    assert response["X-Page-Cache"] == "miss"
    assert "0 seats left." in html
    assert "1 seat left." not in html

    commit(webinar_cancel_registration, registration=registration)
    assert "1 seat left." in _html(client, webinar.url)[1]


@pytest.fixture
def certificate(bamako, commit):
    course = factories.course("Certified course", hosts=(bamako,))
    module = factories.module(course, "Only module")
    learner = UserFactory(full_name="Jose Nunez")
    membership_create(user=learner, organisation=bamako, role="learner", confirmed=True)
    enrolment = commit(enrolment_create, user=learner, course=course)
    commit(module_complete, enrolment=enrolment, module=module)
    return Certificate.objects.get()


def test_a_revoked_certificates_verify_page_changes_at_once(
    client, certificate, secretariat, commit, django_assert_num_queries
):
    url = f"/verify/{code_display(certificate.code)}/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get(url)["X-Page-Cache"] == "hit"

    commit(certificate_revoke, certificate=certificate, by=secretariat, reason="Not their work")
    response, html = _html(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "This certificate was revoked" in html
    assert "Reason: Not their work" in html


def test_a_corrected_certificates_old_code_verifies_as_superseded_at_once(
    client, certificate, secretariat, commit
):
    url = f"/verify/{code_display(certificate.code)}/"
    _warm(client, url)
    commit(certificate_reissue, certificate=certificate, by=secretariat, learner_name="José Núñez")
    response, html = _html(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "a corrected certificate, with a new code, replaced this one" in html


def test_an_unknown_code_is_never_cached(client):
    url = "/verify/AAAA-BBBB-CCCC-DDDD/"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 404
        assert response["X-Page-Cache"] == "pass"
        assert "no-store" in response["Cache-Control"]


class RecordingBackend(BaseBackend):
    """A CDN that writes down what it is told to purge (the only fake: it leaves the system)."""

    purged: list[str] = []

    def purge(self, url) -> None:
        RecordingBackend.purged.append(url)


@pytest.fixture
def cdn(settings):
    settings.PUBLIC_BASE_URL = "https://academy.example.org"
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.courses.test_page_cache_purge.RecordingBackend"}
    }
    RecordingBackend.purged = []
    return RecordingBackend.purged


def test_a_cdn_is_told_every_languages_address_and_the_lists(cdn, commit):
    course = factories.course("Social economy in cities")
    french = factories.translate(course, "fr", title="L'économie sociale")
    module = factories.module(course, "First steps")
    cdn.clear()
    french.title = "L'économie sociale et solidaire"
    commit(_publish, french)
    base = "https://academy.example.org"
    for page in (course, french, module, factories.catalogue("en"), factories.catalogue("fr")):
        assert base + page.url in cdn, page.url
    assert base + factories.catalogue("en").get_parent().url in cdn  # the home page


def test_a_cdn_is_told_a_revoked_or_corrected_certificates_address(
    cdn, certificate, secretariat, commit
):
    address = f"https://academy.example.org/verify/{code_display(certificate.code)}/"
    commit(certificate_reissue, certificate=certificate, by=secretariat, learner_name="José")
    assert address in cdn  # the old code now verifies as superseded
    cdn.clear()
    corrected = Certificate.objects.get(supersedes=certificate)
    commit(certificate_revoke, certificate=corrected, by=secretariat, reason="Not their work")
    assert f"https://academy.example.org/verify/{code_display(corrected.code)}/" in cdn


def test_every_public_page_is_cached_for_visitors_and_sets_no_cookie(
    client, certificate, django_assert_num_queries
):
    course = factories.course("Open to all")
    webinar = factories.webinar(title="Open webinar", capacity=10)
    urls = [
        factories.catalogue("en").get_parent().url,
        factories.catalogue("en").url,
        f"{factories.catalogue('en').url}?q=open&page=1",
        course.url,
        factories.module(course, "Preview", is_open_preview=True).url,
        factories.webinar_index().url,
        webinar.url,
        f"/verify/{code_display(certificate.code)}/",
    ]
    for url in urls:
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), url
        assert not first.cookies and not second.cookies, url
        assert "Cookie" in second["Vary"], url
        assert ("Accept-Language" in second["Vary"]) == url.startswith("/verify/"), url
        assert "public" in second["Cache-Control"], url
