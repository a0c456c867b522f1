"""The send state machine: "sending" is committed, with the Message-ID, before the SMTP
conversation; a transient failure keeps a row retryable for 24 hours; a send a crash
interrupted is sent again with the same Message-ID or marked "unknown", by kind; and the
headers every message carries."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest import mock

import pytest
import time_machine
from django.core import mail

from courses.models import Enrolment, NotificationDelivery
from courses.services.notifications import (
    AT_MOST_ONCE_KINDS,
    RESEND_KINDS,
    RETRY_WINDOW,
    SENDING_STALE_AFTER,
    notification_resend,
    notification_send,
    notifications_recover_interrupted,
    notifications_sweep,
)
from courses.services.notifications.sending import RetryLater, _claim
from lms.emails import email_queue
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = NotificationDelivery.Kind
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
SMTP = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture
def course(db):
    return factories.course("Social economy basics", inactivity_reminder_days=7)


_capture = None


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield


def run(function, now=NOW, **kwargs):
    """Call a service at ``now``, with the sends it queues run after commit (eager Celery)."""
    with time_machine.travel(now, tick=False), _capture(execute=True):
        return function(now=now, **kwargs)


def decided(course, kind: str) -> NotificationDelivery:
    """A row decided by the sweep and not sent (its queued message lost)."""
    learner = UserFactory(time_zone="Europe/Paris", preferred_language="fr")
    Enrolment.objects.create(
        user=learner,
        course_key=course.translation_key,
        course_page=course,
        enrolled_at=NOW - dt.timedelta(days=8) if kind == Kind.INACTIVITY else NOW,
        last_activity_at=NOW - dt.timedelta(days=8) if kind == Kind.INACTIVITY else NOW,
    )
    with mock.patch("courses.services.notifications._queue"):
        run(notifications_sweep, now=NOW)
    return NotificationDelivery.objects.get(kind=kind, recipient=learner)


def interrupted(row: NotificationDelivery) -> NotificationDelivery:
    """Claimed and handed to the SMTP server, then the worker died before recording."""
    status, _delivery, message = _claim(row.pk, NOW)
    assert status == "sending"
    message.send()  # the server accepted it
    row.refresh_from_db()
    return row


def test_kinds_are_either_sent_again_or_marked_unknown_never_both():
    assert set(Kind.values) == RESEND_KINDS | AT_MOST_ONCE_KINDS
    assert not RESEND_KINDS & AT_MOST_ONCE_KINDS
    assert {Kind.ENROLMENT_CONFIRMATION, Kind.WEBINAR_1H, Kind.CERTIFICATE} <= RESEND_KINDS
    assert {Kind.INACTIVITY, Kind.DIGEST} <= AT_MOST_ONCE_KINDS


def test_the_row_says_sending_with_its_message_id_before_the_server_is_spoken_to(course):
    row = decided(course, Kind.ENROLMENT_CONFIRMATION)
    seen = {}

    def server(messages):
        seen["row"] = NotificationDelivery.objects.values("status", "message_id").get(pk=row.pk)
        seen["header"] = messages[0].extra_headers["Message-ID"]
        return 1

    with mock.patch(SMTP, side_effect=server):
        assert notification_send(delivery_id=row.pk, now=NOW) == "sent"

    assert seen["row"] == {"status": "sending", "message_id": seen["header"]}
    row.refresh_from_db()
    assert (row.status, row.message_id, row.attempts) == ("sent", seen["header"], 1)


def test_a_task_delivered_again_while_the_row_is_sending_does_nothing(course):
    row = interrupted(decided(course, Kind.ENROLMENT_CONFIRMATION))

    assert notification_send(delivery_id=row.pk, now=NOW) == "not pending"
    assert len(mail.outbox) == 1


def test_an_interrupted_send_of_a_needed_kind_is_sent_again_with_the_same_message_id(course):
    row = interrupted(decided(course, Kind.ENROLMENT_CONFIRMATION))
    # Within the bound the worker may still be alive: left alone.
    early = NOW + SENDING_STALE_AFTER - dt.timedelta(seconds=1)
    assert run(notifications_recover_interrupted, now=early, stale_after=SENDING_STALE_AFTER) == {
        "resending": 0,
        "unknown": 0,
    }

    later = NOW + SENDING_STALE_AFTER + dt.timedelta(seconds=1)
    counts = run(notifications_recover_interrupted, now=later)

    assert counts == {"resending": 1, "unknown": 0}
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert row.message_id == first.extra_headers["Message-ID"]


def test_an_interrupted_nudge_is_marked_unknown_and_not_sent_again_until_someone_asks(course):
    row = interrupted(decided(course, Kind.INACTIVITY))

    counts = run(notifications_recover_interrupted, now=NOW + dt.timedelta(hours=1))

    assert counts == {"resending": 0, "unknown": 1}
    row.refresh_from_db()
    assert row.status == "unknown"
    assert "may have been sent" in row.last_error
    assert len(mail.outbox) == 1
    assert run(notifications_sweep, now=NOW + dt.timedelta(hours=2)).queued == 0

    run(notification_resend, now=NOW + dt.timedelta(hours=3), delivery=row)

    row.refresh_from_db()
    assert row.status == "sent"
    assert mail.outbox[1].extra_headers["Message-ID"] == mail.outbox[0].extra_headers["Message-ID"]


def test_an_interrupted_send_no_longer_worth_sending_is_unknown_not_skipped(course):
    row = interrupted(decided(course, Kind.ENROLMENT_CONFIRMATION))
    Enrolment.objects.filter(pk=row.enrolment_id).update(status="withdrawn")

    run(notifications_recover_interrupted, now=NOW + dt.timedelta(hours=1))

    row.refresh_from_db()
    assert row.status == "unknown"  # "not sent" would contradict what the server received
    assert row.skip_reason.startswith("interrupted")
    assert len(mail.outbox) == 1


def test_the_sweep_resolves_interrupted_sends(course):
    row = interrupted(decided(course, Kind.ENROLMENT_CONFIRMATION))

    result = run(notifications_sweep, now=NOW + dt.timedelta(minutes=10))

    assert result.recovered == {"resending": 1, "unknown": 0}
    row.refresh_from_db()
    assert row.status == "sent"


def test_a_try_later_answer_waits_for_a_retry_the_broker_carries(course):
    row = decided(course, Kind.ENROLMENT_CONFIRMATION)
    busy = mock.patch(SMTP, side_effect=smtplib.SMTPDataError(451, b"Try again later"))

    with busy, pytest.raises(RetryLater) as raised:
        notification_send(delivery_id=row.pk, now=NOW)

    assert raised.value.wait == dt.timedelta(seconds=30)
    row.refresh_from_db()
    assert (row.status, row.next_attempt_at, row.queued_at) == (
        "pending",
        NOW + dt.timedelta(seconds=30),
        NOW,
    )
    assert "451" in row.last_error
    # Not before its time, even if a task for it arrives.
    assert notification_send(delivery_id=row.pk, now=NOW + dt.timedelta(seconds=5)) == (
        "not pending"
    )


def test_a_transient_failure_keeps_the_row_retryable_for_24_hours_then_fails(course):
    row = decided(course, Kind.ENROLMENT_CONFIRMATION)
    now = NOW
    outcomes = []
    with mock.patch(SMTP, side_effect=smtplib.SMTPServerDisconnected("Connection closed")):
        while True:
            try:
                outcome = notification_send(delivery_id=row.pk, now=now)
            except RetryLater:
                outcome = "retry by the broker"
            outcomes.append(outcome)
            if outcome == "failed":
                break
            row.refresh_from_db()
            assert row.status == "pending"
            if outcome == "waiting":  # a long wait: no queued message, the sweep takes it
                assert row.queued_at is None
                assert run(notifications_sweep, now=row.next_attempt_at).queued == 1
            now = row.next_attempt_at

    row.refresh_from_db()
    assert row.status == "failed"
    assert now - row.first_attempt_at >= RETRY_WINDOW
    # 30 s, 1 min, 2 min: below the visibility timeout, the broker carries them.
    assert outcomes[:3] == ["retry by the broker"] * 3
    assert "waiting" in outcomes
    assert 15 <= row.attempts <= 30
    assert mail.outbox == []


def test_a_failed_row_resent_by_the_secretariat_keeps_its_message_id(course):
    row = decided(course, Kind.ENROLMENT_CONFIRMATION)
    with mock.patch(SMTP, side_effect=smtplib.SMTPRecipientsRefused({"x": (550, b"No")})):
        assert notification_send(delivery_id=row.pk, now=NOW) == "failed"
    row.refresh_from_db()
    message_id = row.message_id

    run(notification_resend, now=NOW + dt.timedelta(hours=1), delivery=row)

    row.refresh_from_db()
    assert row.status == "sent"
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id


def _headers(message) -> dict[str, str]:
    return dict(message.message().items())


def test_a_notification_says_its_language_its_date_in_utc_and_a_message_id_of_the_sender(
    course, settings
):
    settings.DEFAULT_FROM_EMAIL = "GSEF Academy <academy@gsef-net.org>"
    row = decided(course, Kind.ENROLMENT_CONFIRMATION)

    notification_send(delivery_id=row.pk, now=NOW)

    headers = _headers(mail.outbox[0])
    assert headers["Content-Language"] == "fr"
    assert headers["Date"] == "Wed, 02 Dec 2026 10:00:00 +0000"
    assert headers["Message-ID"].endswith("@gsef-net.org>")


def test_account_mail_says_its_language_its_date_in_utc_and_a_message_id_of_the_sender(
    settings,
):
    settings.DEFAULT_FROM_EMAIL = "GSEF Academy <academy@gsef-net.org>"

    with time_machine.travel(NOW, tick=False), _capture(execute=True):
        email_queue(to="ana@example.org", subject="Bonjour", text="…", language="fr")

    headers = _headers(mail.outbox[0])
    assert headers["Content-Language"] == "fr"
    assert headers["Date"] == "Wed, 02 Dec 2026 10:00:00 +0000"
    assert headers["Message-ID"].endswith("@gsef-net.org>")


def test_an_account_email_says_the_recipients_language_not_the_senders(settings):
    from lms.accounts.mail import account_email_queue

    learner = UserFactory(preferred_language="es")

    with _capture(execute=True):
        account_email_queue(
            user=learner, name="signup_existing", context={"site_root": "https://x.example"}
        )

    assert _headers(mail.outbox[0])["Content-Language"] == "es"


def test_a_password_reset_asked_from_an_english_page_says_the_recipients_language(client):
    from django.urls import reverse
    from django.utils import translation

    UserFactory(email="mina@seoul.example", preferred_language="ko")

    with translation.override("en"), _capture(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "mina@seoul.example"})

    (message,) = mail.outbox
    assert _headers(message)["Content-Language"] == "ko"
