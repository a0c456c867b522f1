"""Who may open which certificate URL: a matrix, as for the reports.

Every certificate URL (the PDF, the secretariat's register and its actions, the
coordinators' zips) is tried by the learner it belongs to, another learner of the same
organisation, the organisation's coordinator, another organisation's coordinator, a
trainer, the secretariat and an anonymous visitor. A refusal changes nothing and shows
nothing of the Bamako learner's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver, reverse

from courses.models import Certificate, CertificateArchive
from courses.services.certificates import code_display
from courses.services.learning import enrolment_create, module_complete
from lms.services import membership_create
from tests.courses import factories as pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OWNER, PEER, COORDINATOR, OTHER, TRAINER, SECRETARIAT, ANONYMOUS = (
    "owner",
    "peer",
    "bamako_coordinator",
    "seoul_coordinator",
    "trainer",
    "secretariat",
    "anonymous",
)
WHO = [OWNER, PEER, COORDINATOR, OTHER, TRAINER, SECRETARIAT, ANONYMOUS]


@dataclass
class Screen:
    name: str
    url: str
    method: str = "GET"
    allowed: tuple[str, ...] = ()
    data: dict = field(default_factory=dict)
    label: str = ""
    admin: bool = True  # refused anonymous visitors go to the admin's login

    @property
    def id(self) -> str:
        return self.label or f"{self.name} {self.method}"


@pytest.fixture
def world(
    seoul, bamako, bamako_coordinator, seoul_coordinator, trainer, secretariat,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    course = pages.course("Certified course", trainers=(trainer,), hosts=(bamako,))
    module = pages.module(course, "Only module")
    owner = UserFactory(full_name="Aminata Bamakoise", email="aminata@bamako.example")
    membership_create(user=owner, organisation=bamako, confirmed=True)
    peer = UserFactory(full_name="Another Bamakoise")
    membership_create(user=peer, organisation=bamako, confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=owner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=module)
    certificate = Certificate.objects.get()
    archive = CertificateArchive.objects.create(
        requested_by=bamako_coordinator,
        organisation=bamako,
        course_key=course.translation_key,
        course_title=course.title,
        total=1,
        created_at=certificate.issued_at,
    )
    from courses.services.certificates import certificate_archive_build

    certificate_archive_build(archive_id=archive.pk)
    return {
        "course": course,
        "certificate": certificate,
        "archive": archive,
        "bamako": bamako,
        "people": {
            OWNER: owner,
            PEER: peer,
            COORDINATOR: bamako_coordinator,
            OTHER: seoul_coordinator,
            TRAINER: trainer,
            SECRETARIAT: secretariat,
        },
    }


def screens(world) -> list[Screen]:
    certificate = world["certificate"]
    archive = world["archive"]
    code = code_display(certificate.code)
    return [
        Screen(
            "learn:certificate_pdf",
            reverse("learn:certificate_pdf", args=[code]),
            allowed=(OWNER, COORDINATOR, SECRETARIAT),
            admin=False,
        ),
        Screen("certificates:index", reverse("certificates:index"), allowed=(SECRETARIAT,)),
        Screen(
            "certificates:index_results",
            reverse("certificates:index_results"),
            allowed=(SECRETARIAT,),
        ),
        Screen(
            "certificates:inspect",
            reverse("certificates:inspect", args=[certificate.pk]),
            allowed=(SECRETARIAT,),
        ),
        Screen(
            "certificates:revoke",
            reverse("certificates:revoke", args=[certificate.pk]),
            allowed=(SECRETARIAT,),
        ),
        Screen(
            "certificates:revoke",
            reverse("certificates:revoke", args=[certificate.pk]),
            "POST",
            (SECRETARIAT,),
            {"reason": "Test", "confirmed": "yes"},
        ),
        Screen(
            "certificates:reissue",
            reverse("certificates:reissue", args=[certificate.pk]),
            "POST",
            (SECRETARIAT,),
            {"learner_name": "Renamed"},
        ),
        Screen(
            "certificates:render_retry",
            reverse("certificates:render_retry", args=[certificate.pk]),
            "POST",
            (SECRETARIAT,),
            {},
        ),
        Screen(
            "certificate_archives:index",
            reverse("certificate_archives:index") + f"?organisation={world['bamako'].pk}",
            allowed=(COORDINATOR, SECRETARIAT),
        ),
        Screen(
            "certificate_archives:index",
            reverse("certificate_archives:index"),
            "POST",
            (COORDINATOR, SECRETARIAT),
            {"organisation": world["bamako"].pk, "course": str(world["course"].translation_key)},
        ),
        Screen(
            "certificate_archives:download",
            reverse("certificate_archives:download", args=[archive.pk]),
            allowed=(COORDINATOR, SECRETARIAT),
        ),
    ]


SCREEN_IDS = [
    "learn:certificate_pdf GET",
    "certificates:index GET",
    "certificates:index_results GET",
    "certificates:inspect GET",
    "certificates:revoke GET",
    "certificates:revoke POST",
    "certificates:reissue POST",
    "certificates:render_retry POST",
    "certificate_archives:index GET",
    "certificate_archives:index POST",
    "certificate_archives:download GET",
]


def _state():
    return (
        set(
            Certificate.objects.values_list(
                "pk", "code", "revoked_at", "learner_name", "render_attempts"
            )
        ),
        CertificateArchive.objects.count(),
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_matrix_lists_each_screen_once(world):
    assert [screen.id for screen in screens(world)] == SCREEN_IDS


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("screen_id", SCREEN_IDS)
def test_certificate_access_matrix(
    client, world, screen_id, who, django_capture_on_commit_callbacks
):
    (screen,) = [item for item in screens(world) if item.id == screen_id]
    if who != ANONYMOUS:
        client.force_login(world["people"][who])
    before = _state()
    with django_capture_on_commit_callbacks(execute=True):
        if screen.method == "GET":
            response = client.get(screen.url)
        else:
            response = client.post(screen.url, screen.data)
    if who == ANONYMOUS:
        assert response.status_code == 302
        login = reverse("wagtailadmin_login") if screen.admin else reverse("accounts:login")
        assert response["Location"].startswith(login)
        assert _state() == before
    elif who in screen.allowed:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("wagtailadmin_login"))
    else:
        if response.status_code == 302:  # Wagtail turns people away from the admin
            location = response["Location"]
            assert location == reverse("wagtailadmin_home") or location.startswith(
                reverse("wagtailadmin_login")
            ), location
        else:
            assert response.status_code in (403, 404), response.status_code
        assert _state() == before
        body = _body(response)
        assert b"%PDF" not in body and not body.startswith(b"PK")
        assert b"Aminata" not in body


def test_every_certificate_url_is_in_the_matrix(world):
    resolver = get_resolver()
    registered = {
        f"{namespace}:{pattern.name}"
        for namespace in ("certificates", "certificate_archives")
        for pattern in resolver.namespace_dict[namespace][1].url_patterns
    }
    registered.add("learn:certificate_pdf")
    listed = {screen.name for screen in screens(world)}
    assert registered - listed == set(), "add these URLs to screens()"
