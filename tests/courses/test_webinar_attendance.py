"""Attendance: recorded by trainers, coordinators (their organisations' people only)
and the secretariat, one by one or from the video platform's report; it completes
courses that ask for webinars."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, WebinarRegistration
from courses.services.learning import enrolment_create, webinars_attended
from courses.services.webinars import (
    webinar_attendance_import,
    webinar_attendance_set,
    webinar_register,
)
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Montreal, summer time: 10:00 EDT is 14:00 UTC.
START_LOCAL = dt.datetime(2026, 6, 16, 10, 0)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _member(organisation, **fields):
    user = UserFactory(email_verified_at=timezone.now(), **fields)
    membership_create(user=user, organisation=organisation, role="learner", confirmed=True)
    return user


@pytest.fixture
def course(trainer):
    return factories.course(
        "Procurement",
        trainers=(trainer,),
        completion_min_webinars=1,
        completion_requires_all_modules=False,
    )


@pytest.fixture
def webinar(course):
    return factories.webinar(
        course,
        "Procurement Q&A",
        local_start=START_LOCAL,
        host_time_zone="America/Toronto",
        duration_minutes=60,
    )


@pytest.fixture
def people(seoul, bamako, course, webinar):
    """Two learners of Seoul, one of Bamako, enrolled and registered (before the webinar)."""
    found = {
        "ji-woo": _member(seoul, email="jiwoo@seoul.example", full_name="Ji-woo"),
        "min-jun": _member(seoul, email="minjun@seoul.example", full_name="Min-jun"),
        "aminata": _member(bamako, email="aminata@bamako.example", full_name="Aminata"),
    }
    before = webinar.starts_at - dt.timedelta(days=1)
    for person in found.values():
        enrolment_create(user=person, course=course, now=before)
        webinar_register(user=person, webinar=webinar, now=before)
    return found


def _csv(*rows: str) -> bytes:
    return ("name,email,join time,leave time\n" + "\n".join(rows) + "\n").encode()


REPORT = _csv(
    # Ji-woo: two devices that overlap, then a rejoin: 10:00-10:40 and 10:30-10:50 merge
    # to 50 minutes; a rejoin 10:55-11:00 adds 5.
    "Ji-woo,jiwoo@seoul.example,2026-06-16T14:00:00Z,2026-06-16T14:40:00Z",
    "Ji-woo,JIWOO@seoul.example,2026-06-16 10:30:00,2026-06-16 10:50:00",
    "Ji-woo,jiwoo@seoul.example,2026-06-16T10:55:00-04:00,2026-06-16T11:00:00-04:00",
    # Min-jun: 20 minutes, below the 45-minute threshold.
    "Min-jun,minjun@seoul.example,2026-06-16 10:00:00,2026-06-16 10:20:00",
    "Stranger,nobody@nowhere.example,2026-06-16 10:00:00,2026-06-16 11:00:00",
    "Broken,aminata@bamako.example,yesterday,2026-06-16 11:00:00",
    "Backwards,aminata@bamako.example,2026-06-16 11:00:00,2026-06-16 10:00:00",
    "No address,not-an-email,2026-06-16 10:00:00,2026-06-16 11:00:00",
)


def _minutes(webinar):
    return {
        row.user.email: (row.attended_minutes, row.attended)
        for row in WebinarRegistration.objects.filter(webinar=webinar).select_related("user")
    }


def test_the_threshold_is_three_quarters_unless_set(webinar):
    assert webinar.attendance_threshold_minutes == 45
    webinar.min_minutes_to_attend = 30
    assert webinar.attendance_threshold_minutes == 30


def test_a_report_sums_and_merges_each_persons_rows_and_lists_what_it_left_out(
    trainer, webinar, people
):
    report = webinar_attendance_import(webinar=webinar, data=REPORT, by=trainer)

    assert _minutes(webinar) == {
        "jiwoo@seoul.example": (55, True),
        "minjun@seoul.example": (20, False),
        "aminata@bamako.example": (None, False),
    }
    reasons = dict(report.errors)
    assert sorted(reasons) == [6, 7, 8, 9]
    assert "nobody@nowhere.example" in reasons[6]
    assert "“yesterday” is not a time" in reasons[7]
    assert reasons[8] == "The leave time is before the join time."
    assert "not-an-email" in reasons[9]


def test_importing_the_same_report_twice_changes_nothing(trainer, webinar, people):
    webinar_attendance_import(webinar=webinar, data=REPORT, by=trainer)
    first = _minutes(webinar)
    recorded_at = WebinarRegistration.objects.get(user=people["ji-woo"]).attendance_recorded_at

    webinar_attendance_import(webinar=webinar, data=REPORT, by=trainer)

    assert _minutes(webinar) == first
    assert (
        WebinarRegistration.objects.get(user=people["ji-woo"]).attendance_recorded_at == recorded_at
    )


def test_a_report_without_the_columns_is_refused_whole(trainer, webinar, people):
    with pytest.raises(ValidationError) as error:
        webinar_attendance_import(webinar=webinar, data=b"who,when\nx,y\n", by=trainer)

    assert error.value.code == "bad_header"


def test_attendance_completes_the_course_when_the_rule_first_holds(trainer, webinar, people):
    webinar_attendance_import(webinar=webinar, data=REPORT, by=trainer)

    statuses = dict(Enrolment.objects.values_list("user__email", "status"))
    assert statuses["jiwoo@seoul.example"] == "completed"
    assert statuses["minjun@seoul.example"] == "active"


def test_a_webinar_attended_in_french_counts_for_the_course_in_spanish(trainer, course, webinar):
    spanish = factories.translate(course, "es", title="Compras")
    french_course = factories.translate(course, "fr", title="Achats")
    french_webinar = webinar.copy_for_translation(factories.locale("fr"))
    french_webinar.save_revision().publish()
    assert french_webinar.get_parent().pk == french_course.pk
    learner = UserFactory(email_verified_at=timezone.now())
    enrolment = enrolment_create(
        user=learner, course=spanish, now=webinar.starts_at - dt.timedelta(days=1)
    )
    registration = WebinarRegistration.objects.create(
        webinar=french_webinar,
        user=learner,
        status="registered",
        position=1,
        created_at=timezone.now(),
    )

    webinar_attendance_set(
        webinar=french_webinar, minutes_by_registration={registration.pk: 60}, by=trainer
    )

    assert webinars_attended(enrolment=enrolment) == 1
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_a_coordinator_records_only_their_organisations_people(seoul_coordinator, webinar, people):
    report = webinar_attendance_import(webinar=webinar, data=REPORT, by=seoul_coordinator)

    assert _minutes(webinar)["jiwoo@seoul.example"] == (55, True)
    assert _minutes(webinar)["aminata@bamako.example"] == (None, False)
    assert {person.email for person, _minutes, _attended in report.applied} == {
        "jiwoo@seoul.example",
        "minjun@seoul.example",
    }

    aminata = WebinarRegistration.objects.get(user=people["aminata"])
    with pytest.raises(ValidationError) as error:
        webinar_attendance_set(
            webinar=webinar, minutes_by_registration={aminata.pk: 60}, by=seoul_coordinator
        )
    assert error.value.code == "not_allowed"
    assert WebinarRegistration.objects.get(pk=aminata.pk).attended_minutes is None


def test_a_learner_cannot_record_attendance(webinar, people):
    with pytest.raises(ValidationError) as error:
        webinar_attendance_import(webinar=webinar, data=REPORT, by=people["ji-woo"])

    assert error.value.code == "not_allowed"


# --- the admin screens ----------------------------------------------------------------------


def test_the_trainer_sees_everyone_and_saves_minutes_one_by_one(client, trainer, webinar, people):
    client.force_login(trainer)
    url = reverse("webinar_attendance:webinar", args=[webinar.pk])
    aminata = WebinarRegistration.objects.get(user=people["aminata"])

    page = _text(client.get(url))
    assert "aminata@bamako.example" in page and "jiwoo@seoul.example" in page

    response = client.post(url, {"action": "save", f"minutes-{aminata.pk}": "50"})

    assert response.status_code == 302
    assert _minutes(webinar)["aminata@bamako.example"] == (50, True)


def test_the_upload_lists_errors_with_their_line_and_the_absentees(
    client, trainer, webinar, people
):
    client.force_login(trainer)
    url = reverse("webinar_attendance:webinar", args=[webinar.pk])

    response = client.post(
        url,
        {"action": "import", "report": SimpleUploadedFile("report.csv", REPORT, "text/csv")},
    )

    text = _text(response)
    assert response.status_code == 200
    assert "<td>6</td><td>Nobody has an account with the address nobody@nowhere.example.</td>" in (
        text.replace("> <", "><")
    )
    absent = text[text.index("Registered but not attended") :]
    assert "minjun@seoul.example" in absent
    assert "aminata@bamako.example" in absent
    assert "jiwoo@seoul.example" not in absent


def test_another_organisations_coordinator_cannot_see_or_change_its_people(
    client, bamako_coordinator, webinar, people
):
    client.force_login(bamako_coordinator)
    url = reverse("webinar_attendance:webinar", args=[webinar.pk])
    jiwoo = WebinarRegistration.objects.get(user=people["ji-woo"])

    page = _text(client.get(url))
    response = client.post(url, {"action": "save", f"minutes-{jiwoo.pk}": "60"})

    assert "aminata@bamako.example" in page
    assert "jiwoo@seoul.example" not in page
    assert response.status_code == 400
    assert WebinarRegistration.objects.get(pk=jiwoo.pk).attended_minutes is None


def test_a_learner_is_refused_the_attendance_screens(client, webinar, people):
    client.force_login(people["ji-woo"])

    response = client.get(reverse("webinar_attendance:webinar", args=[webinar.pk]))

    assert response.status_code in (302, 403)
    assert "jiwoo@seoul.example" not in _text(response)


def test_a_trainer_of_another_course_is_refused(client, webinar, people):
    from tests.factories import trainer_user

    client.force_login(trainer_user())

    response = client.get(reverse("webinar_attendance:webinar", args=[webinar.pk]))

    # The admin turns a refusal into a redirect to its dashboard, with a message.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_the_attendance_list_and_menu_are_there_for_those_who_record_it(
    client, secretariat, webinar
):
    client.force_login(secretariat)

    home = client.get(reverse("wagtailadmin_home"))
    listing = client.get(reverse("webinar_attendance:index"))

    assert "Webinar attendance" in home.content.decode()
    assert listing.status_code == 200
    assert reverse("webinar_attendance:webinar", args=[webinar.pk]) in listing.content.decode()


def test_a_file_that_is_not_csv_changes_nothing(trainer, webinar, people):
    # A field longer than the csv module accepts: whatever this is, it is no report.
    data = _csv(
        "Ji-woo,jiwoo@seoul.example,2026-06-16 10:00:00,2026-06-16 11:00:00",
        '"' + "x" * 200_000 + '",a,b,c',
    )

    with pytest.raises(ValidationError) as error:
        webinar_attendance_import(webinar=webinar, data=data, by=trainer)

    assert error.value.code == "bad_csv"
    assert _minutes(webinar)["jiwoo@seoul.example"] == (None, False)


class _EndlessReport:
    """An upload without a declared size that never ends, counting the bytes read."""

    def __init__(self):
        self.read_bytes = 0

    def chunks(self, chunk_size=64 * 1024):
        while True:
            self.read_bytes += chunk_size
            yield b"x" * chunk_size


def test_a_report_is_read_in_chunks_and_refused_as_soon_as_it_passes_5_mb(trainer, webinar, people):
    report = _EndlessReport()

    with pytest.raises(ValidationError) as error:
        webinar_attendance_import(webinar=webinar, data=report, by=trainer)

    assert error.value.code == "too_big"
    assert error.value.messages == [
        "This file is larger than 5 MB: it is not an attendance report."
    ]
    assert report.read_bytes <= 5 * 1024 * 1024 + 64 * 1024
    assert _minutes(webinar)["jiwoo@seoul.example"] == (None, False)


def test_an_oversized_report_is_refused_on_the_page_with_the_limit(
    client, trainer, webinar, people
):
    client.force_login(trainer)
    url = reverse("webinar_attendance:webinar", args=[webinar.pk])
    too_big = REPORT + b"\n" * (5 * 1024 * 1024)

    response = client.post(
        url, {"action": "import", "report": SimpleUploadedFile("report.csv", too_big, "text/csv")}
    )

    assert response.status_code == 400
    assert "This file is larger than 5 MB: it is not an attendance report." in _text(response)
    assert _minutes(webinar)["jiwoo@seoul.example"] == (None, False)


def test_a_workbook_given_as_a_report_is_refused_with_what_to_save_it_as(trainer, webinar, people):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["name", "email", "join time", "leave time"])
    data = io.BytesIO()
    workbook.save(data)

    with pytest.raises(ValidationError) as error:
        webinar_attendance_import(webinar=webinar, data=data.getvalue(), by=trainer)

    assert error.value.code == "not_csv"
    assert "save the workbook as CSV" in error.value.messages[0]
