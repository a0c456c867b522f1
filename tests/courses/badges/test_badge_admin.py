"""The Secretariat's badge screens: course badges (picture and validity per course), the
issuer profile (a setting) and the signing keys' status. Everyone else is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from courses.badges.models import CourseBadge
from tests.courses import factories as pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCREENS = [
    ("course_badges:index", ()),
    ("course_badges:add", ()),
    ("badge_keys:index", ()),
]


@pytest.mark.parametrize(("name", "args"), SCREENS)
def test_the_secretariat_opens_the_badge_screens(client, secretariat, name, args):
    client.force_login(secretariat)

    assert client.get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize(("name", "args"), SCREENS)
@pytest.mark.parametrize("who", ["bamako_coordinator", "trainer"])
def test_coordinators_and_trainers_are_refused(client, request, who, name, args):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse(name, args=args))

    assert response.status_code == 403


@pytest.mark.parametrize(("name", "args"), SCREENS)
def test_learners_and_anonymous_visitors_are_sent_to_log_in(client, name, args):
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 302


def test_the_badge_menu_items_show_to_the_secretariat_only(client, secretariat, trainer):
    client.force_login(secretariat)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("course_badges:index") in html
    assert reverse("badge_keys:index") in html
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("course_badges:index") not in html
    assert reverse("badge_keys:index") not in html


def test_the_secretariat_gives_a_course_a_badge_validity(client, secretariat):
    course = pages.course("Cooperative finance")
    client.force_login(secretariat)

    response = client.post(
        reverse("course_badges:add"),
        {"course": str(course.translation_key), "image": "", "validity_months": "24"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    badge = CourseBadge.objects.get()
    assert badge.course_key == course.translation_key
    assert badge.validity_months == 24
    # a course that has its badge is not offered twice
    form = client.get(reverse("course_badges:add")).content.decode()
    assert f'value="{course.translation_key}"' not in form
    listing = client.get(reverse("course_badges:index")).content.decode()
    assert "Cooperative finance" in listing


def test_a_coordinator_cannot_add_a_badge(client, bamako_coordinator):
    course = pages.course("Cooperative finance")
    client.force_login(bamako_coordinator)

    response = client.post(
        reverse("course_badges:add"),
        {"course": str(course.translation_key), "validity_months": "1"},
    )

    assert response.status_code == 403
    assert not CourseBadge.objects.exists()


def test_the_secretariat_edits_the_issuer_profile_under_settings(client, secretariat):
    url = reverse("wagtailsettings:edit", args=["badges", "badgeissuersettings"])
    client.force_login(secretariat)

    response = client.get(url, follow=True)

    assert response.status_code == 200
    assert "GSEF Academy" in response.content.decode()  # the issuer's default name


@pytest.mark.parametrize("who", ["bamako_coordinator", "trainer"])
def test_only_the_secretariat_edits_the_issuer_profile(client, request, who):
    url = reverse("wagtailsettings:edit", args=["badges", "badgeissuersettings"])
    client.force_login(request.getfixturevalue(who))

    response = client.get(url)

    assert response.status_code in (302, 403)
    assert "GSEF Academy" not in response.content.decode()


def _keys_screen(client) -> str:
    return " ".join(client.get(reverse("badge_keys:index")).content.decode().split())


def test_the_keys_screen_follows_the_keys_from_development_to_rotation(
    client, secretariat, certified, settings, tmp_path
):
    from joserfc.jwk import RSAKey

    from courses.badges import conf, keys

    settings.BADGE_SIGNING_KEY = ""
    settings.BADGE_SIGNING_KEY_FILE = ""
    settings.BADGE_PUBLIC_KEYS_DIR = ""
    _course, certificate, owner = certified
    client.force_login(owner)
    client.get(reverse("learn:badge_download", args=[certificate.display_code, "json"]))
    development = keys.key_status().current_kid
    client.force_login(secretariat)

    # 1. The development key signs: the screen warns, and counts its one badge.
    html = _keys_screen(client)
    assert "The development key signs badges." in html
    assert f"<td><code>{development}</code></td> <td>Signs new badges</td> <td>1</td>" in html

    # 2. A production key from the environment, the old one published nowhere: its badge
    # no longer verifies, and the screen says so.
    settings.BADGE_SIGNING_KEY = keys.generate_pem(2048).decode()
    html = _keys_screen(client)
    assert "The development key signs badges." not in html
    assert "The BADGE_SIGNING_KEY environment variable" in html
    current = keys.key_status().current_kid
    assert f"<td><code>{current}</code></td> <td>Signs new badges</td> <td>0</td>" in html
    assert (
        f"<td><code>{development}</code></td> "
        "<td>Not configured: its badges do not verify</td> <td>1</td>"
    ) in html

    # 3. The old key's public half published again: retired, still verifying.
    old = RSAKey.import_key(Path(conf.development_key_file()).read_bytes())
    (tmp_path / "old.pem").write_bytes(old.as_pem(private=False))
    settings.BADGE_PUBLIC_KEYS_DIR = str(tmp_path)
    html = _keys_screen(client)
    assert (
        f"<td><code>{development}</code></td> <td>Retired: verifies older badges</td> <td>1</td>"
    ) in html
    assert "Not configured" not in html
