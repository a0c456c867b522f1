"""Standard pages render in the site's layout; the secretariat edits the site settings."""

import pytest
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.models import HomePage, SiteSettings, StandardPage
from tests.factories import trainer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def about(home):
    page = StandardPage(
        title="About GSEF Academy",
        slug="about",
        intro="How GSEF members learn from each other.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_standard_page_renders_its_title_and_introduction(client, about):
    response = client.get("/en/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>About GSEF Academy</h1>" in html
    assert "How GSEF members learn from each other." in html
    assert 'href="#main"' in html  # it extends base.html
    assert "<script" not in html


def test_a_standard_page_renders_its_body_blocks(client, about):
    about.body = [
        ("heading", {"text": "Who teaches", "level": "h2"}),
        ("paragraph", RichText("<p>Practitioners from GSEF member cities.</p>")),
    ]
    about.save_revision().publish()
    html = client.get("/en/about/").content.decode()
    assert "Who teaches" in html
    assert "Practitioners from GSEF member cities." in html


def test_a_standard_page_can_hold_sub_pages(client, about):
    child = StandardPage(title="Certificates", slug="certificates")
    about.add_child(instance=child)
    child.save_revision().publish()
    assert client.get("/en/about/certificates/").status_code == 200


def test_secretariat_edits_the_site_settings(client, secretariat):
    site = Site.objects.get(is_default_site=True)
    client.force_login(secretariat)
    url = f"/admin/settings/cms/sitesettings/{site.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "footer_text": "GSEF Academy, Seoul.",
            "contact_email": "academy@gsef-net.org",
            "contact_address": "Seoul Global Center\nSeoul, Republic of Korea",
            "privacy_policy_page": "",
        },
    )
    assert response.status_code == 302
    settings = SiteSettings.for_site(site)
    assert settings.contact_email == "academy@gsef-net.org"
    assert settings.contact_address.splitlines()[-1] == "Seoul, Republic of Korea"


def test_trainers_cannot_edit_the_site_settings(client):
    site = Site.objects.get(is_default_site=True)
    client.force_login(trainer_user())
    response = client.get(f"/admin/settings/cms/sitesettings/{site.pk}/")
    assert response.status_code in (302, 403)
    assert not SiteSettings.objects.exists()
