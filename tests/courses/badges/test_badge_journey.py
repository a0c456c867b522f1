"""Done means, tried as a new user would: finish a demo course, download the badge, hand
it to the verification page: valid; the Secretariat revokes the certificate in the admin:
the same badge now says revoked; a changed JSON: not genuine, and the page says why."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses import demo
from courses.models import Certificate, CoursePage, ModulePage
from lms import demo as lms_demo
from lms.models import Organisation
from lms.services import membership_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
INTRO_SLUG = "introduction-to-the-social-and-solidarity-economy"


def _text(response) -> str:
    return html.unescape(" ".join(response.content.decode().split()))


def _reasons(response) -> str:
    """The result's status box: what was found, in words."""
    found = re.search(r'role="status">(.*?)</div>', response.content.decode(), re.DOTALL)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()))


def _right_answers(module: ModulePage) -> dict[str, list[str]]:
    return {
        f"q-{question.id}": [
            option.id
            for option in question.value["options"].bound_blocks
            if option.value["correct"]
        ]
        for question in module.quiz.value["questions"].bound_blocks
    }


def _finish(client, course: CoursePage) -> None:
    assert client.post(reverse("learn:enrol", args=[course.pk])).status_code == 302
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        page = client.get(module.url)
        if module.quiz is None:
            client.post(reverse("learn:complete", args=[course.pk, module.pk]))
            continue
        token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
        client.post(
            reverse("learn:quiz", args=[course.pk, module.pk]),
            {"form_token": token, **_right_answers(module)},
        )


def _links(dashboard: str) -> dict[str, str]:
    found = re.findall(r'href="([^"]+/badge(?:\.(png|svg|json)|/linkedin/))"', dashboard)
    return {kind or "linkedin": url for url, kind in found}


def test_finish_download_verify_revoke_and_tamper(
    client, secretariat, django_capture_on_commit_callbacks
):
    lms_demo.seed()
    demo.seed()
    learner = UserFactory(full_name="Awa Sangaré", email="awa.sangare@bamako.example")
    bamako = Organisation.objects.get(short_name="Bamako")
    membership_create(user=learner, organisation=bamako, confirmed=True)
    course = CoursePage.objects.get(slug=INTRO_SLUG, locale__language_code="en")
    client.force_login(learner)

    # 1. Finish the demo course.
    with django_capture_on_commit_callbacks(execute=True):
        _finish(client, course)
    certificate = Certificate.objects.get(user=learner)

    # 2. Download the badge from My learning: the picture and the credential file.
    dashboard = client.get(reverse("learn:dashboard")).content.decode()
    links = _links(dashboard)
    assert set(links) == {"png", "svg", "json", "linkedin"}
    png = client.get(links["png"]).content
    document = json.loads(client.get(links["json"]).content)
    client.logout()

    # 3. Hand it to the verification page (anonymous, as an employer would): valid.
    form = client.get(reverse("certificate_verify_index")).content.decode()
    assert 'name="file"' in form and 'name="credential"' in form
    upload = SimpleUploadedFile("badge.png", png, content_type="image/png")
    result = _text(client.post(reverse("badge_verify"), {"file": upload}))
    assert "This badge is genuine and valid" in result
    assert course.title in result
    pasted = _text(client.post(reverse("badge_verify"), {"credential": json.dumps(document)}))
    assert "This badge is genuine and valid" in pasted

    # 4. The Secretariat revokes the certificate in the admin: the same badge says revoked.
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:revoke", args=[certificate.pk]),
            {"reason": "Completed on someone else's account", "confirmed": "yes"},
        )
    assert response.status_code == 302
    client.logout()
    upload = SimpleUploadedFile("badge.png", png, content_type="image/png")
    response = client.post(reverse("badge_verify"), {"file": upload})
    result = _text(response)
    assert "This badge was revoked" in result, _reasons(response)
    assert "genuine and valid" not in result

    # 5. Tamper with the JSON (another course's name): not genuine, and the page says why.
    document["credentialSubject"]["achievement"]["name"] = "Master in public finance"
    response = client.post(reverse("badge_verify"), {"credential": json.dumps(document)})
    assert "This badge is not genuine" in _text(response)
    reasons = _reasons(response)
    assert "achievement.name" in reasons, reasons
