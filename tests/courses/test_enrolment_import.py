"""Enrolling from a spreadsheet and from the member list: every row gets an answer."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from courses.models import Enrolment
from courses.services.imports import (
    EnrolmentRow,
    Outcome,
    enrolment_create_for_members,
    enrolment_import,
    parse_enrolment_spreadsheet,
)
from lms.models import Membership, User
from lms.services import membership_create
from tests.courses import factories as pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return pages.course("Designing a municipal SSE strategy")


def _csv(text: str, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_csv_and_xlsx_give_the_same_rows():
    csv_rows = parse_enrolment_spreadsheet(
        _csv("E-mail;Full name;Course;Deadline\na@x.example;A B;Course;2027-03-31\n\n")
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["email", "full name", "course", "deadline"])
    sheet.append(["a@x.example", "A B", "Course", dt.datetime(2027, 3, 31)])
    data = io.BytesIO()
    workbook.save(data)
    xlsx_rows = parse_enrolment_spreadsheet(SimpleUploadedFile("people.xlsx", data.getvalue()))
    assert csv_rows.errors == xlsx_rows.errors == []
    assert csv_rows.rows == xlsx_rows.rows
    assert csv_rows.rows[0] == EnrolmentRow(2, "a@x.example", "A B", "Course", "2027-03-31")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a spreadsheet"),
        (b"PK\x03\x04garbage", "not a spreadsheet"),
        (b"name,city\nA,B\n", "first row must name the columns"),
        (b"", "empty"),
        (b"email,course\n" + b"a@x.example,c\n" * 5001, "more than 5,000 rows"),
        (b"email,course\n" + b"x" * (2 * 1024 * 1024), "larger than 2 MB"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_the_reason(content, reason):
    parsed = parse_enrolment_spreadsheet(SimpleUploadedFile("file.csv", content))
    assert parsed.rows == []
    assert reason in " ".join(parsed.errors)


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC), tick=False)
def test_every_bad_row_is_reported_with_its_line_and_reason(
    course, bamako, seoul, bamako_coordinator, bamako_learner, django_capture_on_commit_callbacks
):
    closed = pages.course(
        "Closed course", enrolment_closes_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    elsewhere = UserFactory(email="elsewhere@seoul.example")
    membership_create(user=elsewhere, organisation=seoul, confirmed=True)
    rows = [
        EnrolmentRow(2, bamako_learner.email, "", course.title),
        EnrolmentRow(3, "not-an-address", "X", course.title),
        EnrolmentRow(4, "new.person@bamako.example", "New Person", "No such course"),
        EnrolmentRow(5, "new.person@bamako.example", "New Person", course.slug, "31/03/2027"),
        EnrolmentRow(6, "elsewhere@seoul.example", "", course.title),
        EnrolmentRow(7, bamako_learner.email.upper(), "", str(course.pk)),
        EnrolmentRow(8, "new.person@bamako.example", "New Person", course.slug, "2027-03-31"),
        EnrolmentRow(9, bamako_learner.email, "", closed.title),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        report = enrolment_import(organisation=bamako, rows=rows, enrolled_by=bamako_coordinator)
    by_line = {result.line: result for result in report.results}
    assert by_line[2].outcome == Outcome.ENROLLED
    assert "not an e-mail address" in by_line[3].message
    assert "There is no course “No such course”" in by_line[4].message
    assert "YYYY-MM-DD" in by_line[5].message
    assert "must agree to join District of Bamako" in by_line[6].message
    assert "repeats line 2" in by_line[7].message
    assert by_line[8].outcome == Outcome.INVITED
    assert by_line[9].outcome == Outcome.REFUSED and by_line[9].message
    new = User.objects.get(email="new.person@bamako.example")
    assert not new.has_usable_password()
    assert Membership.objects.get(user=new).status == "active"
    enrolment = Enrolment.objects.get(user=new)
    assert (enrolment.source, enrolment.due_on) == ("import", dt.date(2027, 3, 31))
    bodies = {}
    for message in mail.outbox:
        bodies.setdefault(message.to[0], []).append(message.body)
    assert any("/account/password-reset/" in b for b in bodies["new.person@bamako.example"])
    assert [b for b in bodies["elsewhere@seoul.example"] if "/account/invitations/" in b]
    assert not Enrolment.objects.filter(user=elsewhere).exists()
    assert Membership.objects.get(user=elsewhere, organisation=bamako).status == "invited"

    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = enrolment_import(organisation=bamako, rows=rows, enrolled_by=bamako_coordinator)
    assert {r.line for r in again.results if r.outcome == Outcome.ALREADY} == {2, 8}
    assert "must agree to join" in {r.line: r for r in again.results}[6].message
    assert Enrolment.objects.count() == 2
    assert len(mail.outbox) == sent  # nobody is invited twice


def test_a_coordinator_cannot_import_for_another_organisation(
    course, seoul, seoul_coordinator, bamako
):
    with pytest.raises(Exception, match="organisation you coordinate"):
        enrolment_import(
            organisation=bamako,
            rows=[EnrolmentRow(2, "x@y.example", "X", course.title)],
            enrolled_by=seoul_coordinator,
        )


def test_picked_members_are_enrolled_once(course, bamako_learner, bamako_coordinator):
    first = enrolment_create_for_members(
        users=[bamako_learner], course=course, enrolled_by=bamako_coordinator
    )
    second = enrolment_create_for_members(
        users=[bamako_learner], course=course, enrolled_by=bamako_coordinator
    )
    assert [r.outcome for r in first.results] == [Outcome.ENROLLED]
    assert [r.outcome for r in second.results] == [Outcome.ALREADY]
    assert Enrolment.objects.get(user=bamako_learner).source == "coordinator"


def test_the_enrol_screen_reports_each_person(
    client, course, bamako, bamako_learner, bamako_coordinator
):
    client.force_login(bamako_coordinator)
    response = client.post(
        reverse("learning:enrol"),
        {"organisation": bamako.pk, "members": [bamako_learner.pk], "course": course.pk},
    )
    assert response.status_code == 200
    assert "Enrolled" in response.content.decode()
    upload = _csv(f"email,full name,course\n{bamako_learner.email},,{course.title}\nbad,,x\n")
    response = client.post(
        reverse("learning:enrol_upload"), {"organisation": bamako.pk, "spreadsheet": upload}
    )
    body = response.content.decode()
    assert "Already enrolled" in body
    assert "“bad” is not an e-mail address" in body


def test_the_enrol_screen_refuses_a_file_that_is_not_a_spreadsheet(
    client, bamako, bamako_coordinator
):
    client.force_login(bamako_coordinator)
    upload = SimpleUploadedFile("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    response = client.post(
        reverse("learning:enrol_upload"), {"organisation": bamako.pk, "spreadsheet": upload}
    )
    assert response.status_code == 400
    assert "not a spreadsheet" in response.content.decode()


def test_the_sample_spreadsheet_has_three_bad_rows(bamako, bamako_coordinator):
    from pathlib import Path

    from django.conf import settings

    path = Path(settings.BASE_DIR) / "docs" / "samples" / "bamako-enrolments.csv"
    with path.open("rb") as handle:
        parsed = parse_enrolment_spreadsheet(SimpleUploadedFile(path.name, handle.read()))
    assert parsed.errors == []
    assert len(parsed.rows) == 20


@pytest.mark.parametrize(
    "headings",
    [
        "Correo electrónico,Nombre completo,Curso,Fecha límite",
        "Adresse électronique,Nom complet,Cours,Échéance",
        "이메일,이름,강좌,마감 기한",
    ],
)
def test_column_names_are_read_in_the_coordinators_language(headings):
    parsed = parse_enrolment_spreadsheet(_csv(f"{headings}\na@x.example,A B,Course,2027-03-31\n"))

    assert parsed.errors == []
    assert parsed.rows[0] == EnrolmentRow(2, "a@x.example", "A B", "Course", "2027-03-31")
