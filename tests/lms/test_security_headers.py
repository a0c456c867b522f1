"""Response headers a browser enforces: Content-Security-Policy, Permissions-Policy, cookies."""

import re
from pathlib import Path

import pytest

from tests.factories import UserFactory
from tests.lms.conftest import PASSWORD, url

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_a_site_page_allows_only_this_sites_scripts_and_styles(client):
    response = client.get(url("accounts:login"))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    # Lesson videos (EmbedBlock) play in YouTube's and Vimeo's iframes.
    assert "https://www.youtube.com" in policy["frame-src"]
    assert "https://player.vimeo.com" in policy["frame-src"]


def test_pages_outside_the_language_prefix_have_the_policy_too(client):
    for path in ("/verify/", "/health/"):
        response = client.get(path)
        assert "script-src 'self'" in response["Content-Security-Policy"], path


def test_every_response_refuses_devices_and_sensors(client):
    header = client.get(url("accounts:login"))["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in header.split(", ")


def test_the_admin_loads_with_its_own_allowances_and_nothing_else(client):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    # Its page preview frames the admin's own pages.
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_login_page_has_the_admin_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert _policy(response)["frame-ancestors"] == ["'self'"]


def test_a_site_path_that_only_starts_like_admin_gets_the_site_policy(client):
    response = client.get("/administration/")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_language_cookie_is_secure_http_only_and_same_site_in_production(client):
    """tests.settings runs with DEBUG off, as production does."""
    person = UserFactory(preferred_language="fr")
    response = client.post(url("accounts:login"), {"username": person.email, "password": PASSWORD})
    cookie = response.cookies["django_language"]
    assert cookie.value == "fr"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # Django's own language switcher sets it the same way.
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/es/"})
    cookie = response.cookies["django_language"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")


# Pages of the Wagtail admin (which has its own allowances) and e-mails (not web pages).
NOT_SITE_PAGES = ("emails/", "courses/reports/", "courses/notifications/admin_", "lms/admin/")
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)|<style\b|\sstyle=|\son[a-z]+=",
    re.IGNORECASE,
)


def test_site_templates_have_no_inline_script_style_or_event_handler():
    """The policy refuses them: a page that used one would silently lose it."""
    offending = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(NOT_SITE_PAGES) or "/admin/" in name:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if INLINE.search(line):
                offending.append(f"{name}:{number}: {line.strip()}")
    assert offending == []
