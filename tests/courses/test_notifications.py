"""The reminders engine: what the sweep decides, what the send task sends, and the rules
that keep a message from going to the wrong person, at the wrong hour, or twice."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses.models import Enrolment, NotificationDelivery
from courses.services import notifications as engine
from courses.services.notifications import (
    next_daytime,
    notification_resend,
    notification_send,
    notifications_sweep,
    unsubscribe_token,
)
from lms.services import membership_create
from tests.courses import factories
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = NotificationDelivery.Kind
UTC = dt.UTC
# A Wednesday, 10:00 UTC: daytime in Europe, evening in Seoul, early morning in Mexico City.
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def course(db):
    return factories.course("Social economy basics", inactivity_reminder_days=7)


def enrol(course, *, user=None, at=NOW, active_at=None, due_on=None, status="active", **fields):
    user = user or UserFactory(full_name="Ana Lima")
    return Enrolment.objects.create(
        user=user,
        course_key=course.translation_key,
        course_page=course,
        enrolled_at=at,
        last_activity_at=active_at or at,
        due_on=due_on,
        status=status,
        completed_at=at if status == "completed" else None,
        **fields,
    )


def rows(**filters):
    return list(NotificationDelivery.objects.filter(**filters).order_by("pk"))


def kinds(**filters) -> list[str]:
    return [row.kind for row in rows(**filters)]


_capture = None


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    """Queued sends run when the transaction commits (eager Celery), as a worker would."""
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield
    _capture = None


def sweep(now=NOW, **kwargs):
    """A sweep as of ``now``, with the clock of the sends it queues stopped there too."""
    with time_machine.travel(now, tick=False), _capture(execute=True):
        return notifications_sweep(now=now, **kwargs)


def resend(row, now=NOW):
    with time_machine.travel(now, tick=False), _capture(execute=True):
        return notification_resend(delivery=row)


# --- quiet hours ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        # 10:00 UTC is 11:00 in Paris: daytime, unchanged.
        ("Europe/Paris", NOW, NOW),
        # ... 19:00 in Seoul: still daytime.
        ("Asia/Seoul", NOW, NOW),
        # ... 04:00 in Mexico City: wait for 08:00 there, 14:00 UTC.
        ("America/Mexico_City", NOW, dt.datetime(2026, 12, 2, 14, 0, tzinfo=UTC)),
        # 12:00 UTC is 21:00 in Seoul: wait for 08:00 the next morning, 23:00 UTC.
        ("Asia/Seoul", NOW.replace(hour=12), dt.datetime(2026, 12, 2, 23, 0, tzinfo=UTC)),
        # 20:00 sharp is evening already; 08:00 sharp is morning already.
        ("UTC", NOW.replace(hour=20), dt.datetime(2026, 12, 3, 8, 0, tzinfo=UTC)),
        ("UTC", NOW.replace(hour=8), NOW.replace(hour=8)),
        # Kathmandu is UTC+5:45.
        ("Asia/Kathmandu", NOW.replace(hour=0), dt.datetime(2026, 12, 2, 2, 15, tzinfo=UTC)),
    ],
)
def test_quiet_hours_move_a_message_to_the_next_local_morning(zone, moment, expected):
    from zoneinfo import ZoneInfo

    assert next_daytime(moment, ZoneInfo(zone)) == expected


def test_a_reminder_decided_at_night_for_the_learner_waits_for_their_morning(course):
    learner = UserFactory(time_zone="America/Mexico_City")
    enrol(course, user=learner, at=NOW - dt.timedelta(days=8))

    sweep()

    (row,) = rows(kind=Kind.INACTIVITY)
    assert row.due_at == dt.datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    assert row.status == "pending" and row.queued_at is None
    assert mail.outbox == []
    # The sweep at 14:00 UTC (08:00 in Mexico City) sends it.
    sweep(now=dt.datetime(2026, 12, 2, 14, 0, tzinfo=UTC))
    row.refresh_from_db()
    assert row.status == "sent"
    assert len(mail.outbox) == 1


def test_a_self_enrolment_is_confirmed_at_once_even_at_night(course):
    learner = UserFactory(time_zone="Asia/Seoul")
    at_night = NOW.replace(hour=14)  # 23:00 in Seoul
    enrol(course, user=learner, at=at_night, source="self")
    by_coordinator = enrol(course, user=UserFactory(time_zone="Asia/Seoul"), at=at_night)
    Enrolment.objects.filter(pk=by_coordinator.pk).update(source="coordinator")

    sweep(now=at_night)

    confirmations = {row.enrolment_id: row for row in rows(kind=Kind.ENROLMENT_CONFIRMATION)}
    assert len(confirmations) == 2
    assert confirmations[by_coordinator.pk].due_at == dt.datetime(2026, 12, 2, 23, 0, tzinfo=UTC)
    assert [message.to[0] for message in mail.outbox] == [learner.email]


# --- enrolment confirmation -----------------------------------------------------------------


def test_an_enrolment_is_confirmed_once_with_its_deadline(course):
    enrolment = enrol(course, due_on=dt.date(2027, 1, 31))

    sweep()
    sweep()

    assert kinds(enrolment=enrolment) == ["enrolment_confirmation"]
    (message,) = mail.outbox
    assert message.subject == "You are enrolled: Social economy basics"
    assert "31 January 2027" in message.body  # the deadline


def test_old_enrolments_are_not_confirmed_when_the_engine_starts(course):
    enrol(course, at=NOW - dt.timedelta(days=30), active_at=NOW - dt.timedelta(days=1))

    sweep()

    assert kinds(kind=Kind.ENROLMENT_CONFIRMATION) == []


def test_a_re_enrolment_after_withdrawing_is_confirmed_again(course):
    enrolment = enrol(course, at=NOW - dt.timedelta(hours=3))
    sweep(now=NOW - dt.timedelta(hours=2))
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=NOW - dt.timedelta(minutes=5))

    sweep()

    assert kinds(kind=Kind.ENROLMENT_CONFIRMATION) == ["enrolment_confirmation"] * 2
    assert len(mail.outbox) == 2


# --- who never gets anything ----------------------------------------------------------------


@pytest.mark.parametrize("status", ["completed", "withdrawn"])
def test_nothing_is_decided_for_completed_or_withdrawn_enrolments(course, status):
    enrol(course, status=status, at=NOW - dt.timedelta(days=20), due_on=NOW.date())

    sweep()

    assert rows() == [] or all(row.kind == Kind.DIGEST for row in rows())
    assert mail.outbox == []


@pytest.mark.parametrize("status", ["completed", "withdrawn"])
def test_an_enrolment_completed_or_withdrawn_after_the_decision_is_skipped_at_send_time(
    course, status
):
    learner = UserFactory(time_zone="America/Mexico_City")  # night: the row waits
    enrolment = enrol(course, user=learner, at=NOW - dt.timedelta(days=8))
    sweep()
    Enrolment.objects.filter(pk=enrolment.pk).update(status=status, completed_at=NOW)

    sweep(now=NOW.replace(hour=15))

    (row,) = rows(kind=Kind.INACTIVITY)
    assert row.status == "skipped"
    assert row.skip_reason == f"enrolment {status}"
    assert mail.outbox == []


def test_a_person_who_opted_out_of_a_kind_gets_none_of_it(course):
    learner = UserFactory(notification_preferences={"inactivity": False})
    enrol(course, user=learner, at=NOW - dt.timedelta(days=10), due_on=NOW.date())

    sweep()

    by_kind = {row.kind: row for row in rows(recipient=learner)}
    assert by_kind[Kind.INACTIVITY].status == "skipped"
    assert by_kind[Kind.INACTIVITY].skip_reason == "opted out of inactivity"
    # Other kinds still go.
    assert by_kind[Kind.DEADLINE_1D].status == "sent"
    assert [message.subject for message in mail.outbox] == [
        "Deadline tomorrow: Social economy basics"
    ]


def test_opting_out_after_the_decision_skips_the_pending_message(course):
    learner = UserFactory(time_zone="America/Mexico_City")
    enrol(course, user=learner, at=NOW - dt.timedelta(days=8))
    sweep()
    learner.notification_preferences = {"inactivity": False}
    learner.save()

    sweep(now=NOW.replace(hour=15))

    assert rows(kind=Kind.INACTIVITY)[0].skip_reason == "opted out of inactivity"
    assert mail.outbox == []


# --- inactivity -----------------------------------------------------------------------------


def test_inactivity_nudges_follow_the_course_cadence_and_stop_when_the_learner_progresses():
    course = factories.course("Procurement", inactivity_reminder_days=3)
    enrolment = enrol(course, at=NOW - dt.timedelta(days=20), active_at=NOW - dt.timedelta(days=2))

    sweep()  # two days without progress: not yet
    assert kinds(kind=Kind.INACTIVITY) == []

    day = dt.timedelta(days=1)
    sweep(now=NOW + day)  # three days: the first nudge
    sweep(now=NOW + day + dt.timedelta(hours=5))  # the same day: nothing more
    sweep(now=NOW + 3 * day)  # five days: still within the cadence of the last nudge
    assert kinds(kind=Kind.INACTIVITY) == ["inactivity"]
    sweep(now=NOW + 4 * day)  # six days: the second nudge, three days after the first
    assert kinds(kind=Kind.INACTIVITY) == ["inactivity"] * 2
    assert [row.slot[-2:] for row in rows(kind=Kind.INACTIVITY)] == ["/1", "/2"]

    # The learner progresses: the clock starts again from their activity.
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=NOW + 4 * day)
    sweep(now=NOW + 6 * day)
    assert len(rows(kind=Kind.INACTIVITY)) == 2
    sweep(now=NOW + 7 * day + dt.timedelta(hours=1))
    assert len(rows(kind=Kind.INACTIVITY)) == 3
    assert len([m for m in mail.outbox if "Pick up" in m.subject]) == 3


def test_a_nudge_decided_before_the_learner_progressed_is_not_sent():
    course = factories.course("Procurement", inactivity_reminder_days=7)
    learner = UserFactory(time_zone="America/Mexico_City")
    enrolment = enrol(course, user=learner, at=NOW - dt.timedelta(days=9))
    sweep()  # decided at 04:00 in Mexico City: waits for the morning
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=NOW + dt.timedelta(hours=1))

    sweep(now=NOW.replace(hour=15))

    (row,) = rows(kind=Kind.INACTIVITY)
    assert (row.status, row.skip_reason) == ("skipped", "learner progressed")


def test_the_default_cadence_is_seven_days(course):
    enrol(course, at=NOW - dt.timedelta(days=6, hours=23))
    sweep()
    assert kinds(kind=Kind.INACTIVITY) == []
    sweep(now=NOW + dt.timedelta(hours=2))
    assert kinds(kind=Kind.INACTIVITY) == ["inactivity"]


# --- deadlines ------------------------------------------------------------------------------


def test_deadline_reminders_a_week_and_a_day_before_then_overdue_once(course):
    due = dt.date(2026, 12, 20)
    enrolment = enrol(course, at=NOW - dt.timedelta(days=1), due_on=due)
    deadline_kinds = {Kind.DEADLINE_7D, Kind.DEADLINE_1D, Kind.OVERDUE}

    def sent():
        return [row.kind for row in rows(enrolment=enrolment) if row.kind in deadline_kinds]

    for day in range(1, 35):  # every day at 10:00 UTC, twice
        moment = dt.datetime.combine(dt.date(2026, 12, day % 31 + (day > 30)), dt.time(10), UTC)
        if day > 30:
            moment = dt.datetime(2027, 1, day - 30, 10, tzinfo=UTC)
        else:
            moment = dt.datetime(2026, 12, day, 10, tzinfo=UTC)
        sweep(now=moment)
        sweep(now=moment + dt.timedelta(minutes=5))
        Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=moment)

    assert sent() == ["deadline_7d", "deadline_1d", "overdue"]
    by_kind = {row.kind: row for row in rows(enrolment=enrolment)}
    assert by_kind[Kind.DEADLINE_7D].created_at.date() == dt.date(2026, 12, 13)
    assert by_kind[Kind.DEADLINE_1D].created_at.date() == dt.date(2026, 12, 19)
    assert by_kind[Kind.OVERDUE].created_at.date() == dt.date(2026, 12, 21)
    assert all(by_kind[kind].slot == "2026-12-20" for kind in deadline_kinds)


def test_the_deadline_day_is_the_learners_day(course):
    """At 22:00 UTC on the 18th it is already the 19th in Seoul: one day before the 20th."""
    seoul = UserFactory(time_zone="Asia/Seoul")
    paris = UserFactory(time_zone="Europe/Paris")
    for learner in (seoul, paris):
        enrol(course, user=learner, at=NOW, due_on=dt.date(2026, 12, 20))
    evening = dt.datetime(2026, 12, 18, 22, 0, tzinfo=UTC)

    sweep(now=evening)

    assert kinds(kind=Kind.DEADLINE_1D, recipient=seoul) == ["deadline_1d"]
    assert kinds(kind=Kind.DEADLINE_1D, recipient=paris) == []
    # 07:00 in Seoul: it waits for 08:00 there.
    assert rows(kind=Kind.DEADLINE_1D)[0].due_at == dt.datetime(2026, 12, 18, 23, 0, tzinfo=UTC)


def test_a_moved_deadline_skips_the_reminder_of_the_old_one(course):
    learner = UserFactory(time_zone="America/Mexico_City")
    enrolment = enrol(course, user=learner, due_on=dt.date(2026, 12, 9))
    sweep()  # 04:00 in Mexico City: the 7-day reminder waits
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=dt.date(2027, 2, 1))

    sweep(now=NOW.replace(hour=15))

    assert rows(kind=Kind.DEADLINE_7D)[0].skip_reason == "deadline changed"


def test_long_past_deadlines_are_not_announced_when_the_engine_starts(course):
    enrol(course, at=NOW - dt.timedelta(days=60), due_on=NOW.date() - dt.timedelta(days=20))
    sweep()
    assert kinds(kind=Kind.OVERDUE) == []


# --- idempotency and the send task ----------------------------------------------------------


def test_a_sweep_run_twice_records_and_sends_nothing_more(course):
    for number in range(5):
        enrol(course, at=NOW - dt.timedelta(days=8 + number), due_on=NOW.date())
    first = sweep()
    count = NotificationDelivery.objects.count()

    second = sweep()

    assert first.queued == count == 10
    assert second.queued == 0
    assert NotificationDelivery.objects.count() == count
    assert len(mail.outbox) == count


def test_a_delivery_sent_twice_sends_one_email(course):
    learner = UserFactory(time_zone="America/Mexico_City")
    enrol(course, user=learner, at=NOW - dt.timedelta(days=8))
    sweep()
    (row,) = rows(kind=Kind.INACTIVITY)

    assert notification_send(delivery_id=row.pk, now=NOW) == "sent"
    assert notification_send(delivery_id=row.pk, now=NOW) == "not pending"
    assert len(mail.outbox) == 1


def test_sweep_queries_do_not_grow_with_the_number_of_enrolments(course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def quiet_sweep_queries() -> int:
        sweep()  # decide and send what is new
        with CaptureQueriesContext(connection) as captured:
            result = sweep()
        assert result.queued == 0
        return len(captured)

    for number in range(5):
        enrol(course, at=NOW - dt.timedelta(days=8 + number % 3), due_on=NOW.date())
    few = quiet_sweep_queries()
    for number in range(40):
        enrol(course, at=NOW - dt.timedelta(days=8 + number % 3), due_on=NOW.date())
    many = quiet_sweep_queries()

    # One more than before the send state machine: the look for interrupted sends; one
    # more for the impact survey's questionnaires (courses.evaluation); one more for the
    # people whose course discussions have new posts (courses.discussion's digest); one
    # more for the cohorts' module due dates (courses.cohorts' decide_cohort_due).
    assert many == few <= 20


def test_lost_messages_are_queued_again_by_a_later_sweep(course):
    learner = UserFactory(time_zone="America/Mexico_City")
    enrol(course, user=learner, at=NOW - dt.timedelta(days=8))
    with mock.patch("courses.services.notifications._queue"):  # the broker loses the message
        sweep(now=NOW.replace(hour=15))
    (row,) = rows(kind=Kind.INACTIVITY)
    assert row.queued_at is not None and row.status == "pending"

    assert sweep(now=NOW.replace(hour=15, minute=5)).queued == 0  # too soon to call it lost
    assert sweep(now=NOW.replace(hour=16), requeue_after=dt.timedelta(0)).queued == 1

    row.refresh_from_db()
    assert row.status == "sent"
    assert len(mail.outbox) == 1


def test_a_permanent_smtp_refusal_fails_at_once(course):
    enrol(course)
    refused = mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPRecipientsRefused({"x@y": (550, b"No such user")}),
    )
    with refused:
        sweep()

    (row,) = rows(kind=Kind.ENROLMENT_CONFIRMATION)
    assert (row.status, row.attempts) == ("failed", 1)


def test_a_sent_message_keeps_what_was_sent(course):
    learner = UserFactory(preferred_language="en")
    enrol(course, user=learner)

    sweep()

    (row,) = rows(kind=Kind.ENROLMENT_CONFIRMATION)
    (message,) = mail.outbox
    assert row.rendered_subject == message.subject
    assert row.rendered_text == message.body
    assert row.rendered_html == message.alternatives[0][0]
    assert row.message_id == message.extra_headers["Message-ID"]
    assert row.to_email == learner.email
    assert row.language == "en"
    assert row.sent_at is not None and row.attempts == 1


# --- language, time zone, headers and unsubscribing -----------------------------------------


def test_a_message_is_written_in_the_recipients_language(course):
    french = factories.translate(course, "fr", title="Les bases de l'économie sociale")
    learner = UserFactory(preferred_language="fr")
    enrol(course, user=learner, due_on=dt.date(2027, 1, 31))

    sweep()

    (message,) = mail.outbox
    assert "Les bases de l'économie sociale" in message.subject
    assert "31 janvier 2027" in message.body  # a French date
    html = message.alternatives[0][0]
    assert '<html lang="fr">' in html
    assert f"Bonjour {learner.full_name}" in html  # the frame's greeting
    assert "/fr/notifications/unsubscribe/" in html  # and its unsubscribe line
    assert "/fr/notifications/unsubscribe/" in message.body
    assert french.get_url() in message.body
    # Every link on the one configured base URL, like the unsubscribe link.
    from django.conf import settings

    assert f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{french.get_url()}" in message.body


def test_every_message_has_one_click_unsubscribe_headers_and_link(course):
    learner = UserFactory()
    enrol(course, user=learner)

    sweep()

    (message,) = mail.outbox
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    assert url in message.alternatives[0][0]
    assert "/en/notifications/unsubscribe/" in url


def test_the_unsubscribe_link_shows_a_button_then_opts_out():
    learner = UserFactory()
    url = reverse("learn:unsubscribe", args=[unsubscribe_token(user=learner, category="deadline")])
    client = Client(enforce_csrf_checks=True)

    page = client.get(url)

    assert page.status_code == 200
    assert "Deadline reminders" in page.content.decode()
    learner.refresh_from_db()
    assert learner.notification_preferences == {}  # looking is not opting out

    done = client.post(url, {"csrfmiddlewaretoken": page.context["csrf_token"]})
    assert done.status_code == 200
    learner.refresh_from_db()
    assert learner.notification_preferences == {"deadline": False}


def test_one_click_unsubscribe_from_a_mail_client_works_without_a_csrf_token():
    learner = UserFactory(notification_preferences={"webinar": False})
    url = reverse("learn:unsubscribe", args=[unsubscribe_token(user=learner, category="digest")])

    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.notification_preferences == {"webinar": False, "digest": False}


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        # Signed for another purpose: the salt differs.
        "QUIZ",
        # A valid signature over an unknown category.
        "UNKNOWN",
    ],
)
def test_an_invalid_unsubscribe_token_changes_nothing(token):
    from django.core import signing

    learner = UserFactory()
    if token == "QUIZ":
        token = signing.dumps({"u": learner.pk, "k": "deadline"}, salt="courses.quiz-form")
    if token == "UNKNOWN":
        token = signing.dumps({"u": learner.pk, "k": "everything"}, salt=engine.UNSUBSCRIBE_SALT)
    url = reverse("learn:unsubscribe", args=[token])

    assert Client().get(url).status_code == 400
    assert Client(enforce_csrf_checks=True).post(url).status_code == 400
    learner.refresh_from_db()
    assert learner.notification_preferences == {}


def test_a_tampered_token_is_refused():
    learner, other = UserFactory(), UserFactory()
    token = unsubscribe_token(user=learner, category="deadline")
    forged = unsubscribe_token(user=other, category="deadline")
    mixed = forged.split(":")[0] + ":" + token.split(":", 1)[1]

    with translation.override("en"):
        url = reverse("learn:unsubscribe", args=[mixed])
    assert Client().post(url).status_code == 400


def test_organisation_is_recorded_for_the_outbox_filter(course):
    organisation = OrganisationFactory()
    learner = UserFactory()
    membership_create(user=learner, organisation=organisation, role="learner", confirmed=True)
    enrol(course, user=learner, organisation=organisation)

    sweep()

    assert rows()[0].organisation == organisation


# --- the coordinator's weekly digest --------------------------------------------------------


@pytest.fixture
def organisation_with_learners(course):
    organisation = OrganisationFactory(name="District of Bamako", short_name="Bamako")
    coordinator = UserFactory(full_name="Awa Traoré", time_zone="Africa/Bamako")
    membership_create(
        user=coordinator, organisation=organisation, role="coordinator", confirmed=True
    )
    newcomer = enrol(course, at=NOW - dt.timedelta(days=2), organisation=organisation)
    late = enrol(
        course,
        at=NOW - dt.timedelta(days=40),
        active_at=NOW - dt.timedelta(days=1),
        due_on=NOW.date() - dt.timedelta(days=3),
        organisation=organisation,
    )
    finished = enrol(
        course, at=NOW - dt.timedelta(days=30), status="completed", organisation=organisation
    )
    Enrolment.objects.filter(pk=finished.pk).update(completed_at=NOW - dt.timedelta(days=1))
    idle = enrol(course, at=NOW - dt.timedelta(days=30), organisation=organisation)
    # Another organisation's learner is not in this digest.
    enrol(course, at=NOW - dt.timedelta(days=1), organisation=OrganisationFactory())
    return coordinator, {"new": newcomer, "late": late, "finished": finished, "idle": idle}


def test_a_coordinator_gets_one_digest_a_week_about_their_organisation(organisation_with_learners):
    coordinator, learners = organisation_with_learners

    for hours in (0, 1, 24, 48):  # every sweep of the week
        sweep(now=NOW + dt.timedelta(hours=hours))

    (row,) = rows(kind=Kind.DIGEST)
    assert (row.recipient, row.slot, row.status) == (coordinator, "2026-W49", "sent")
    (message,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert message.subject == "Your learners this week: Bamako"
    body = message.body
    assert "New enrolments: 1" in body
    assert "Courses completed: 1" in body
    assert "Past their deadline: 1" in body
    assert "Not progressing: 1" in body
    assert str(learners["late"].user) in body
    assert "List-Unsubscribe" in message.extra_headers

    sweep(now=NOW + dt.timedelta(days=6))  # the next Tuesday is the next week
    assert [row.slot for row in rows(kind=Kind.DIGEST)] == ["2026-W49", "2026-W50"]


def test_a_coordinator_with_nothing_to_report_gets_no_digest():
    organisation = OrganisationFactory()
    coordinator = UserFactory()
    membership_create(
        user=coordinator, organisation=organisation, role="coordinator", confirmed=True
    )

    sweep()

    (row,) = rows(kind=Kind.DIGEST)
    assert (row.status, row.skip_reason) == ("skipped", "nothing to report this week")
    assert mail.outbox == []


def test_a_coordinator_who_opted_out_gets_no_digest(organisation_with_learners):
    coordinator, _learners = organisation_with_learners
    coordinator.notification_preferences = {"digest": False}
    coordinator.save()

    sweep()

    assert rows(kind=Kind.DIGEST)[0].status == "skipped"
    assert not [m for m in mail.outbox if m.to == [coordinator.email]]


def test_the_sweep_command_as_of_a_later_time_decides_only_and_sends_nothing_early(course):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    enrol(course, at=NOW - dt.timedelta(days=1), due_on=dt.date(2026, 12, 21))
    out = StringIO()

    # The sends it queues run on the test's clock (NOW), as a worker's would on the real one.
    with time_machine.travel(NOW, tick=False), _capture(execute=True):
        call_command("sweep_notifications", "--as-of", "2026-12-20T09:00", stdout=out)

    assert "deadline_1d: 1 due" in out.getvalue()
    assert "Nothing sent now" in out.getvalue()
    assert mail.outbox == []  # a simulation decides only
    (row,) = rows(kind=Kind.DEADLINE_1D)
    assert (row.status, row.queued_at) == ("pending", None)

    # The real sweep sends it once it is really due, and only then.
    sweep(now=NOW)
    row.refresh_from_db()
    assert row.status == "pending"
    sweep(now=row.due_at)
    row.refresh_from_db()
    assert row.status == "sent"
    assert "Deadline tomorrow" in mail.outbox[-1].subject
    with pytest.raises(CommandError):
        call_command("sweep_notifications", "--as-of", "next tuesday")


@pytest.mark.parametrize("count", [3, 250])
def test_decided_rows_are_written_once_however_they_are_written(count):
    """A few rows go by executemany; a sweep's batch by COPY on PostgreSQL. Either way
    writing the same rows again adds none."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from courses.models import NotificationDelivery
    from courses.services.notifications import COPY_FROM, DecidedRow, _insert

    person = UserFactory()
    now = timezone.now()
    rows = [
        DecidedRow(
            kind="inactivity",
            recipient_id=person.pk,
            subject_key="enrolment:1",
            slot=f"slot-{number}",
            created_at=now,
            due_at=now,
        )
        for number in range(count)
    ]

    with CaptureQueriesContext(connection) as queries:
        _insert(rows)
    _insert(rows)

    assert NotificationDelivery.objects.filter(recipient=person).count() == count
    copied = any("SELECT" in query["sql"] and "INSERT" in query["sql"] for query in queries)
    assert copied == (connection.vendor == "postgresql" and count >= COPY_FROM)
