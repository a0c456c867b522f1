"""A webinar from the trainer's admin to the learner's completed course, as people use it.

A trainer schedules a webinar in Montreal time in the Wagtail admin; once it is
published, a learner in Seoul reads it in Seoul time with Montreal time beside it,
registers and adds it to their calendar; the trainer uploads the video platform's
attendance report (two join/leave rows for the learner, one bad row); the bad row is
reported with its line, and the learner's course counts the webinar.
"""

# ruff: noqa: RUF001 (time ranges are written with an en dash, as people read them)

import datetime as dt
import re

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.models import Enrolment, WebinarPage, WebinarRegistration
from courses.services.authoring import course_sync_trainer_permissions
from courses.services.learning import enrolment_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    """These tests schedule webinars on fixed dates in 2027: they run in December 2026
    (the clock ticks on from there), whatever today is."""
    time_machine.move_to(dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC))


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_montreal_webinar_from_the_admin_to_a_seoul_learners_completed_course(
    client, trainer, secretariat, monkeypatch
):
    course = factories.course(
        "Social procurement",
        trainers=(trainer,),
        completion_min_webinars=1,
        completion_requires_all_modules=False,
    )
    course_sync_trainer_permissions(course=course)
    # Next year, the week after Montreal's clocks go forward (14 March 2027).
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("courses", "webinarpage", course.pk)),
        nested_form_data(
            {
                "title": "Buying from social enterprises",
                "slug": "buying-from-social-enterprises",
                "starts_at_local": "2027-03-16T10:00",
                "host_time_zone": "America/Toronto",
                "duration_minutes": 60,
                "language": "en",
                "description": rich_text("<p>Montreal's social procurement policy.</p>"),
                "presenters": "Émilie Tremblay",
                "capacity": "",
                "join_url": "https://meet.example/montreal",
                "join_opens_minutes_before": 15,
                "min_minutes_to_attend": "",
                "recording_url": "",
                "materials": rich_text(""),
                "comments": {
                    "TOTAL_FORMS": 0,
                    "INITIAL_FORMS": 0,
                    "MIN_NUM_FORMS": 0,
                    "MAX_NUM_FORMS": 1000,
                },
                "action-submit": "submit",
            }
        ),
    )
    assert response.status_code == 302, _text(response)[-2000:]
    webinar = WebinarPage.objects.get(slug="buying-from-social-enterprises")
    assert not webinar.live  # trainers submit; the secretariat publishes
    webinar.get_latest_revision().publish(user=secretariat)
    webinar.refresh_from_db()
    assert webinar.starts_at == dt.datetime(2027, 3, 16, 14, 0, tzinfo=dt.UTC)

    # A learner in Seoul, enrolled in the course, reads it in Seoul time.
    learner = UserFactory(time_zone="Asia/Seoul", email_verified_at=timezone.now())
    enrolment = enrolment_create(user=learner, course=course)
    client.force_login(learner)
    page = _text(client.get(webinar.url))
    assert "Tuesday 16 March 2027, 23:00 – Wednesday 17 March 2027, 00:00 KST (UTC+9)" in page
    assert "Tuesday 16 March 2027, 10:00–11:00 EDT (UTC-4)" in page
    assert "https://meet.example/montreal" not in page  # not registered, and not open yet

    with translation.override("en"):
        register_url = reverse("learn:webinar_register", args=[webinar.pk])
        calendar_url = reverse("learn:webinar_calendar", args=[webinar.pk])
    client.post(register_url)
    assert WebinarRegistration.objects.get(user=learner).status == "registered"

    calendar = icalendar.Calendar.from_ical(client.get(calendar_url).content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(dt.UTC) == webinar.starts_at
    assert event["DTSTART"].params["TZID"] == "America/Toronto"

    # The trainer uploads the attendance report the day after the webinar.
    the_day_after = dt.datetime(2027, 3, 17, 12, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: the_day_after)
    report = (
        "name,email,join time,leave time\n"
        f"Learner,{learner.email},2027-03-16 10:00:00,2027-03-16 10:30:00\n"
        f"Learner,{learner.email},2027-03-16 10:35:00,2027-03-16 11:00:00\n"
        "Someone,someone@example.org,half past ten,2027-03-16 11:00:00\n"
    ).encode()
    client.force_login(trainer)
    response = client.post(
        reverse("webinar_attendance:webinar", args=[webinar.pk]),
        {"action": "import", "report": SimpleUploadedFile("report.csv", report, "text/csv")},
    )
    text = _text(response).replace("> <", "><")
    assert response.status_code == 200, text[-1500:]
    assert "<td>4</td>" in text  # the bad row, named by its line in the file
    registration = WebinarRegistration.objects.get(user=learner)
    assert (registration.attended_minutes, registration.attended) == (55, True)

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
