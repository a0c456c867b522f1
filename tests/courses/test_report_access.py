"""Who may open which report, export, drill-down, enrolment and member screen: a matrix.

``screens(world)`` lists every URL once. Each is tried by the organisation's
coordinator, another organisation's coordinator, a trainer, the secretariat, a
learner and an anonymous visitor; ``test_every_registered_url_is_in_the_matrix``
makes sure a new URL cannot be added without joining the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone

from courses.models import Enrolment, ReportExport
from courses.services.exports import report_export_build
from courses.services.learning import enrolment_create
from lms.models import Membership
from lms.services import membership_create
from tests.courses import factories as pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COORDINATOR, OTHER, TRAINER, SECRETARIAT = (
    "bamako_coordinator",
    "seoul_coordinator",
    "trainer",
    "secretariat",
)
EVERYONE_IN_ADMIN = (COORDINATOR, OTHER, TRAINER, SECRETARIAT)


@dataclass
class Screen:
    name: str  # the URL name, namespaced
    url: str
    method: str = "GET"
    allowed: tuple[str, ...] = ()
    data: dict = field(default_factory=dict)
    label: str = ""

    @property
    def id(self) -> str:
        return self.label or f"{self.name} {self.method}"


@dataclass
class World:
    bamako: object
    seoul: object
    taught: object
    untaught: object
    bamako_learner: object
    seoul_learner: object
    pending: Membership
    bamako_membership: Membership
    taught_enrolment: Enrolment
    untaught_enrolment: Enrolment
    people: dict
    export: ReportExport | None = None  # a large export the Bamako coordinator asked for

    @property
    def bamako_secrets(self) -> list[str]:
        """What a Seoul coordinator must never see."""
        return [
            self.bamako.name,
            self.bamako_learner.full_name,
            self.bamako_learner.email,
            self.pending.user.email,
        ]


@pytest.fixture
def world(seoul, bamako, bamako_coordinator, seoul_coordinator, trainer, secretariat):
    taught = pages.course("Taught course", trainers=(trainer,))
    pages.module(taught, "Taught module")
    untaught = pages.course("Untaught course")
    bamako_learner = UserFactory(full_name="Aminata Bamakoise", email="aminata@bamako.example")
    bamako_membership = membership_create(user=bamako_learner, organisation=bamako, confirmed=True)
    seoul_learner = UserFactory(full_name="Kim Seoulite", email="kim@seoul.example")
    membership_create(user=seoul_learner, organisation=seoul, confirmed=True)
    pending = membership_create(
        user=UserFactory(full_name="Ibrahim Pending", email="ibrahim@bamako.example"),
        organisation=bamako,
    )
    taught_enrolment = enrolment_create(user=bamako_learner, course=taught)
    untaught_enrolment = enrolment_create(user=bamako_learner, course=untaught)
    enrolment_create(user=seoul_learner, course=taught)
    enrolment_create(user=seoul_learner, course=untaught)
    learner = UserFactory(full_name="Just A Learner")
    membership_create(user=learner, organisation=bamako, confirmed=True)
    export = ReportExport.objects.create(
        requested_by=bamako_coordinator, format="csv", created_at=timezone.now()
    )
    report_export_build(export_id=export.pk, now=timezone.now())
    return World(
        bamako=bamako,
        seoul=seoul,
        taught=taught,
        untaught=untaught,
        bamako_learner=bamako_learner,
        seoul_learner=seoul_learner,
        pending=pending,
        bamako_membership=bamako_membership,
        taught_enrolment=taught_enrolment,
        untaught_enrolment=untaught_enrolment,
        people={
            COORDINATOR: bamako_coordinator,
            OTHER: seoul_coordinator,
            TRAINER: trainer,
            SECRETARIAT: secretariat,
            "learner": learner,
        },
        export=export,
    )


def _spreadsheet(world: World) -> SimpleUploadedFile:
    content = f"email,full name,course\n{world.bamako_learner.email},,{world.taught.title}\n"
    return SimpleUploadedFile("people.csv", content.encode(), content_type="text/csv")


def screens(world: World) -> list[Screen]:
    """Every report, export, drill-down, enrolment and member URL, with who may use it.

    Object URLs point at the Bamako organisation's records.
    """
    progress = reverse("learning:progress")
    overview = reverse("learning:overview")
    course = reverse("learning:trainer_course", args=[world.taught.pk])
    enrol_data = {
        "organisation": world.bamako.pk,
        "members": [world.bamako_learner.pk],
        "course": world.untaught.pk,
    }
    invite_data = {
        "organisation": world.bamako.pk,
        "email": "new.official@bamako.example",
        "full_name": "New Official",
        "preferred_language": "fr",
    }
    coordinators = (COORDINATOR, SECRETARIAT)
    return [
        Screen("learning:progress", progress, allowed=EVERYONE_IN_ADMIN),
        Screen("learning:exports", reverse("learning:exports"), allowed=EVERYONE_IN_ADMIN),
        Screen(
            "learning:export_download",
            reverse("learning:export_download", args=[world.export.pk]),
            allowed=coordinators,
            label="the Bamako coordinator's export",
        ),
        Screen(
            "learning:progress",
            progress + "?export=csv",
            allowed=EVERYONE_IN_ADMIN,
            label="progress csv",
        ),
        Screen(
            "learning:progress",
            progress + "?export=xlsx",
            allowed=EVERYONE_IN_ADMIN,
            label="progress xlsx",
        ),
        Screen(
            "learning:learner_record",
            reverse("learning:learner_record", args=[world.taught_enrolment.pk]),
            allowed=(COORDINATOR, TRAINER, SECRETARIAT),
            label="record in the trainer's course",
        ),
        Screen(
            "learning:learner_record",
            reverse("learning:learner_record", args=[world.untaught_enrolment.pk]),
            allowed=coordinators,
            label="record in another course",
        ),
        Screen(
            "learning:enrol", reverse("learning:enrol"), allowed=(COORDINATOR, OTHER, SECRETARIAT)
        ),
        Screen("learning:enrol", reverse("learning:enrol"), "POST", coordinators, enrol_data),
        Screen(
            "learning:enrol_upload",
            reverse("learning:enrol_upload"),
            allowed=(COORDINATOR, OTHER, SECRETARIAT),
        ),
        Screen(
            "learning:enrol_upload",
            reverse("learning:enrol_upload"),
            "POST",
            coordinators,
            {"organisation": world.bamako.pk, "spreadsheet": "file"},
        ),
        # Its POST, across organisations: tests/courses/test_programme_access.py.
        Screen(
            "learning:enrol_programme",
            reverse("learning:enrol_programme"),
            allowed=(COORDINATOR, OTHER, SECRETARIAT),
        ),
        Screen(
            "learning:trainer_courses",
            reverse("learning:trainer_courses"),
            allowed=(TRAINER, SECRETARIAT),
        ),
        Screen("learning:trainer_course", course, allowed=(TRAINER, SECRETARIAT)),
        Screen(
            "learning:trainer_course",
            course + "?export=csv",
            allowed=(TRAINER, SECRETARIAT),
            label="trainer course csv",
        ),
        Screen(
            "learning:trainer_course",
            reverse("learning:trainer_course", args=[world.untaught.pk]),
            allowed=(SECRETARIAT,),
            label="a course the trainer does not teach",
        ),
        Screen("learning:overview", overview, allowed=(SECRETARIAT,)),
        Screen(
            "learning:overview",
            overview + "?export=xlsx",
            allowed=(SECRETARIAT,),
            label="overview xlsx",
        ),
        Screen(
            "memberships:confirm",
            reverse("memberships:confirm", args=[world.pending.pk]),
            allowed=coordinators,
        ),
        Screen(
            "memberships:confirm",
            reverse("memberships:confirm", args=[world.pending.pk]),
            "POST",
            coordinators,
        ),
        Screen(
            "memberships:end",
            reverse("memberships:end", args=[world.bamako_membership.pk]),
            allowed=coordinators,
        ),
        Screen(
            "memberships:end",
            reverse("memberships:end", args=[world.bamako_membership.pk]),
            "POST",
            coordinators,
        ),
        Screen(
            "memberships:invite",
            reverse("memberships:invite"),
            allowed=(COORDINATOR, OTHER, SECRETARIAT),
        ),
        Screen(
            "memberships:invite", reverse("memberships:invite"), "POST", coordinators, invite_data
        ),
        Screen(
            "memberships:transfer",
            reverse("memberships:transfer", args=[world.bamako_membership.pk]),
            allowed=(SECRETARIAT,),
        ),
        Screen(
            "memberships:transfer",
            reverse("memberships:transfer", args=[world.bamako_membership.pk]),
            "POST",
            (SECRETARIAT,),
            {"to_organisation": world.seoul.pk},
        ),
    ]


# The matrix is built per test from the world; ids come from a world-free description.
SCREEN_IDS = [
    "learning:progress GET",
    "learning:exports GET",
    "the Bamako coordinator's export",
    "progress csv",
    "progress xlsx",
    "record in the trainer's course",
    "record in another course",
    "learning:enrol GET",
    "learning:enrol POST",
    "learning:enrol_upload GET",
    "learning:enrol_upload POST",
    "learning:enrol_programme GET",
    "learning:trainer_courses GET",
    "learning:trainer_course GET",
    "trainer course csv",
    "a course the trainer does not teach",
    "learning:overview GET",
    "overview xlsx",
    "memberships:confirm GET",
    "memberships:confirm POST",
    "memberships:end GET",
    "memberships:end POST",
    "memberships:invite GET",
    "memberships:invite POST",
    "memberships:transfer GET",
    "memberships:transfer POST",
]
WHO = [COORDINATOR, OTHER, TRAINER, SECRETARIAT, "learner", "anonymous"]


def _screen(world: World, screen_id: str) -> Screen:
    (found,) = [screen for screen in screens(world) if screen.id == screen_id]
    return found


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    content = response.content
    if content[:2] == b"PK":  # an XLSX workbook: read its cells
        from io import BytesIO

        from openpyxl import load_workbook

        workbook = load_workbook(BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        )
    return content.decode("utf-8", "replace")


def _request(client, world: World, screen: Screen):
    if screen.method == "GET":
        return client.get(screen.url)
    data = dict(screen.data)
    if data.get("spreadsheet") == "file":
        data["spreadsheet"] = _spreadsheet(world)
    return client.post(screen.url, data)


def assert_refused(response) -> None:
    """Refused: 403 or 404, an invalid form (400), or Wagtail's redirect away from the admin."""
    if response.status_code == 302:
        location = response["Location"]
        assert location == reverse("wagtailadmin_home") or location.startswith(
            reverse("wagtailadmin_login")
        ), location
    else:
        assert response.status_code in (400, 403, 404), response.status_code


def test_the_matrix_lists_each_screen_once(world):
    assert [screen.id for screen in screens(world)] == SCREEN_IDS


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("screen_id", SCREEN_IDS)
def test_access_matrix(client, world, screen_id, who):
    screen = _screen(world, screen_id)
    if who != "anonymous":
        client.force_login(world.people[who])
    memberships_before = set(Membership.objects.values_list("pk", "status", "organisation_id"))
    enrolments_before = Enrolment.objects.count()
    response = _request(client, world, screen)
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    elif who in screen.allowed:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("wagtailadmin_login"))
    else:
        assert_refused(response)
        # Nothing changed on the way.
        assert set(Membership.objects.values_list("pk", "status", "organisation_id")) == (
            memberships_before
        )
        assert Enrolment.objects.count() == enrolments_before
    if who == OTHER:
        body = _body(response)
        for secret in world.bamako_secrets:
            assert secret not in body, (screen_id, secret)


def test_another_coordinator_counts_only_their_own_records(client, world):
    client.force_login(world.people[OTHER])
    body = _body(client.get(reverse("learning:progress")))
    assert "2 learner records" in re.sub(r"\s+", " ", body)
    assert world.seoul_learner.full_name in body
    csv = _body(client.get(reverse("learning:progress") + "?export=csv"))
    assert len(csv.strip().splitlines()) == 3  # the heading and Seoul's two rows


def test_a_trainer_sees_every_organisation_in_their_course_only(client, world):
    client.force_login(world.people[TRAINER])
    body = _body(client.get(reverse("learning:progress") + "?export=csv"))
    assert world.seoul_learner.full_name in body
    assert world.bamako_learner.full_name in body
    assert "Untaught course" not in body


def test_every_registered_url_is_in_the_matrix(world):
    resolver = get_resolver()
    registered = {
        f"learning:{pattern.name}"
        for pattern in resolver.namespace_dict["learning"][1].url_patterns
    }
    # The members screens this issue added: what the memberships viewset has beyond
    # the generic views that the organisations viewset has too.
    generic = {pattern.name for pattern in resolver.namespace_dict["organisations"][1].url_patterns}
    registered |= {
        f"memberships:{pattern.name}"
        for pattern in resolver.namespace_dict["memberships"][1].url_patterns
        if pattern.name not in generic
    }
    listed = {screen.name for screen in screens(world)}
    assert registered - listed == set(), "add these URLs to screens()"
    assert {"learning:progress", "memberships:invite"} <= registered
