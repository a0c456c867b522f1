"""cms.registry: the apps above cms put their sections on the home page and their links in
the header by registering templates; the shell names none of them."""

import pytest

from cms import registry
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot():
    with registry.registry_snapshot():
        yield


@pytest.fixture
def fragments(tmp_path, settings):
    """Templates in a folder of their own, found before the project's."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "extra").mkdir()
    for name, text in {
        "hero.html": '<p class="t-hero">hero for {{ page.title }}</p>',
        "first.html": '<p class="t-main">first</p>',
        "second.html": '<p class="t-main">second</p>',
        "nav.html": '{% if user.is_authenticated %}<li class="t-nav">mine</li>{% endif %}',
    }.items():
        (tmp_path / "extra" / name).write_text(text)


def test_courses_registers_its_home_sections_and_header_links():
    assert [section.name for section in registry.home_sections("hero")] == ["courses.browse"]
    assert [section.name for section in registry.home_sections("main")] == [
        "courses.featured",
        "courses.webinars",
    ]
    assert [item.name for item in registry.navigation_items()] == [
        "courses.catalogue",
        "courses.dashboard",
    ]


def test_the_home_page_shows_the_course_sections_through_the_registry(client):
    factories.course(title="Solidarity finance")
    catalogue = factories.catalogue()
    html = client.get("/en/").content.decode()
    assert "Browse the courses" in html
    assert "Featured courses" in html and "Solidarity finance" in html
    assert html.index("Browse the courses") < html.index("Featured courses")
    # The header's "Courses" link to the catalogue comes from courses too.
    assert f'href="{catalogue.url}"' in html


def test_registered_sections_render_in_their_slot_and_order_with_the_pages_context(
    client, snapshot, fragments
):
    registry.register_home_section("t.second", template="extra/second.html", order=2)
    registry.register_home_section("t.first", template="extra/first.html", order=1)
    registry.register_home_section("t.hero", template="extra/hero.html", slot="hero")
    html = client.get("/en/").content.decode()
    assert "hero for " in html
    assert html.index("t-hero") < html.index(">first<") < html.index(">second<")
    assert html.index(">second<") < html.index("Who it is for")


def test_a_section_registered_again_replaces_the_first_and_one_removed_is_gone(
    client, snapshot, fragments
):
    registry.register_home_section("t.one", template="extra/first.html")
    registry.register_home_section("t.one", template="extra/second.html")
    html = client.get("/en/").content.decode()
    assert ">second<" in html and ">first<" not in html
    registry.unregister_home_section("t.one")
    assert ">second<" not in client.get("/en/").content.decode()


def test_the_home_page_without_the_course_sections_still_renders(client, snapshot):
    for name in ("courses.browse", "courses.featured", "courses.webinars"):
        registry.unregister_home_section(name)
    registry.unregister_navigation_item("courses.catalogue")
    response = client.get("/en/")
    assert response.status_code == 200
    assert "Browse the courses" not in response.content.decode()


def test_a_navigation_item_decides_itself_whom_it_shows_to(client, snapshot, fragments):
    registry.register_navigation_item("t.nav", template="extra/nav.html")
    assert "t-nav" not in client.get("/en/").content.decode()
    client.force_login(UserFactory())
    assert 'class="t-nav"' in client.get("/en/").content.decode()


def test_a_home_section_in_an_unknown_slot_is_refused(snapshot):
    with pytest.raises(ValueError, match="not a home page slot"):
        registry.register_home_section("t.x", template="extra/first.html", slot="footer")
