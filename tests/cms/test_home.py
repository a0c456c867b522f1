import pytest
from django.utils import translation

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_visitors_language(client):
    assert client.get("/")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9")["Location"] == "/ko/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")["Location"] == "/es/"


AREA = "Capacity building and training"


@pytest.mark.parametrize("language", ["en", "fr", "es", "ko"])
def test_home_page_speaks_each_language(client, language):
    with translation.override(language):
        phrase = translation.gettext(AREA)
    assert (phrase == AREA) == (language == "en")
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert phrase in html
    assert 'hreflang="fr"' in html and 'hreflang="ko"' in html


def test_the_site_root_is_the_gsef_home_page(db):
    home = HomePage.objects.get()
    assert home.live
    assert home.get_site().root_page.specific == home


def test_unknown_pages_are_404_in_the_visitors_language(client):
    response = client.get("/fr/nothing-here/")
    assert response.status_code == 404
    assert '<html lang="fr"' in response.content.decode()


def test_unknown_admin_paths_are_not_redirected_into_the_site(client):
    assert client.get("/admin/no-such-screen/").status_code in (302, 404)
    assert not client.get("/admin/no-such-screen/").get("Location", "").startswith("/en/")


def test_home_page_works_without_javascript(client):
    html = client.get("/en/").content.decode()
    assert "<script" not in html
    assert 'href="#main"' in html
