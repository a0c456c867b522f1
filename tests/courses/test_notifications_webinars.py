"""Webinar notifications through the reminders engine: the registration (with a calendar
file), a day and an hour before (with the join link), a seat from the waitlist, a change
or a cancellation, and the recording."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import NotificationDelivery, WebinarRegistration
from courses.services.notifications import notifications_sweep
from courses.services.webinars import (
    webinar_cancel_registration,
    webinar_register,
    webinar_sync_schedule,
)
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = NotificationDelivery.Kind


@pytest.fixture
def starts_at():
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=3)


@pytest.fixture
def webinar(starts_at):
    return factories.webinar(
        title="Financing cooperatives",
        starts_at=starts_at,
        host_time_zone="America/Toronto",
        capacity=1,
        join_url="https://meet.example/coop",
    )


def kinds(**filters):
    return sorted(NotificationDelivery.objects.filter(**filters).values_list("kind", flat=True))


def test_registering_sends_a_confirmation_with_a_calendar_file(
    webinar, django_capture_on_commit_callbacks
):
    person = UserFactory(time_zone="Asia/Seoul")

    with django_capture_on_commit_callbacks(execute=True):
        webinar_register(user=person, webinar=webinar)

    (message,) = mail.outbox
    assert message.subject == "You are registered: Financing cooperatives"
    assert "KST (UTC+9)" in message.body  # their time
    (name, content, mimetype) = message.attachments[0]
    assert name == "webinar.ics" and mimetype.startswith("text/calendar")
    assert b"BEGIN:VEVENT" in (content if isinstance(content, bytes) else content.encode())
    # The sweep finds the same row: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        notifications_sweep()
    assert kinds(kind=Kind.WEBINAR_REGISTERED) == ["webinar_registered"]
    assert len(mail.outbox) == 1


def test_reminders_a_day_and_an_hour_before_the_hour_one_with_the_join_link(
    webinar, starts_at, django_capture_on_commit_callbacks
):
    person = UserFactory(time_zone="UTC")
    registration = webinar_register(user=person, webinar=webinar)
    WebinarRegistration.objects.filter(pk=registration.pk).update(
        created_at=starts_at - dt.timedelta(days=10)
    )
    # A day before, at 12:00 UTC (daytime for them).
    day_before = starts_at - dt.timedelta(hours=23)
    day_before = day_before.replace(hour=12) if day_before.hour < 8 else day_before
    with django_capture_on_commit_callbacks(execute=True):
        for minutes in (0, 5, 10):
            notifications_sweep(now=starts_at - dt.timedelta(hours=23, minutes=minutes))
        for minutes in (59, 50, 45):
            notifications_sweep(now=starts_at - dt.timedelta(minutes=minutes))

    assert kinds(kind__in=[Kind.WEBINAR_24H, Kind.WEBINAR_1H]) in (
        ["webinar_1h", "webinar_24h"],
        ["webinar_1h"],  # when the day-before sweep fell in their night, the hour one does
    )
    one_hour = next(m for m in mail.outbox if m.subject.startswith("Starting in an hour"))
    assert "https://meet.example/coop" in one_hour.body
    assert "https://meet.example/coop" in one_hour.alternatives[0][0]


def test_the_hour_reminder_ignores_quiet_hours(webinar, starts_at):
    person = UserFactory(time_zone="Pacific/Kiritimati")  # whatever their hour
    registration = webinar_register(user=person, webinar=webinar)
    WebinarRegistration.objects.filter(pk=registration.pk).update(
        created_at=starts_at - dt.timedelta(days=10)
    )

    notifications_sweep(now=starts_at - dt.timedelta(minutes=30))

    row = NotificationDelivery.objects.get(kind=Kind.WEBINAR_1H)
    assert row.due_at == starts_at - dt.timedelta(minutes=30)


def test_a_seat_from_the_waitlist_is_told_through_the_engine(
    webinar, django_capture_on_commit_callbacks
):
    first, waiting = UserFactory(), UserFactory()
    webinar_register(user=first, webinar=webinar)
    webinar_register(user=waiting, webinar=webinar)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        webinar_cancel_registration(registration=WebinarRegistration.objects.get(user=first))

    row = NotificationDelivery.objects.get(kind=Kind.WEBINAR_PROMOTED)
    assert (row.recipient, row.status) == (waiting, "sent")
    assert [message.subject for message in mail.outbox] == [
        "A seat is yours: Financing cooperatives"
    ]


def test_a_moved_webinar_and_a_cancelled_one_tell_everyone_once_per_change(
    webinar, starts_at, django_capture_on_commit_callbacks
):
    seated, waiting = UserFactory(), UserFactory()
    webinar_register(user=seated, webinar=webinar)
    webinar_register(user=waiting, webinar=webinar)
    mail.outbox.clear()

    webinar.starts_at = starts_at + dt.timedelta(hours=2)
    webinar.save()
    with django_capture_on_commit_callbacks(execute=True):
        webinar_sync_schedule(webinar=webinar)
        webinar_sync_schedule(webinar=webinar)  # nothing changed since: nothing more

    assert kinds(kind=Kind.WEBINAR_CHANGED) == ["webinar_changed"] * 2
    assert {m.subject for m in mail.outbox} == {"Changed: Financing cooperatives"}
    assert all(m.attachments for m in mail.outbox)

    webinar.refresh_from_db()
    webinar.is_cancelled = True
    webinar.save()
    with django_capture_on_commit_callbacks(execute=True):
        webinar_sync_schedule(webinar=webinar)

    assert kinds(kind=Kind.WEBINAR_CANCELLED) == ["webinar_cancelled"] * 2
    assert len([m for m in mail.outbox if m.subject.startswith("Cancelled")]) == 2


def test_the_recording_is_announced_once_after_the_webinar(
    webinar, starts_at, django_capture_on_commit_callbacks
):
    person = UserFactory()
    webinar_register(user=person, webinar=webinar)
    mail.outbox.clear()
    after = starts_at + dt.timedelta(hours=3)
    after = after.replace(hour=12)  # daytime in UTC
    if after < starts_at + dt.timedelta(hours=2):
        after += dt.timedelta(days=1)

    notifications_sweep(now=after)
    assert kinds(kind=Kind.WEBINAR_RECORDING) == []  # no recording yet

    webinar.recording_url = "https://video.example/coop"
    webinar.save()
    with django_capture_on_commit_callbacks(execute=True):
        notifications_sweep(now=after)
        notifications_sweep(now=after + dt.timedelta(minutes=5))

    assert kinds(kind=Kind.WEBINAR_RECORDING) == ["webinar_recording"]
    (message,) = mail.outbox
    assert "https://video.example/coop" in message.body


def test_a_cancelled_registration_gets_no_reminder(webinar, starts_at):
    person = UserFactory()
    registration = webinar_register(user=person, webinar=webinar)
    WebinarRegistration.objects.filter(pk=registration.pk).update(
        created_at=starts_at - dt.timedelta(days=10)
    )
    webinar_cancel_registration(registration=registration)

    notifications_sweep(now=starts_at - dt.timedelta(minutes=30))

    assert kinds(kind=Kind.WEBINAR_1H) == []
