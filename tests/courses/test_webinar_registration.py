"""Registering for webinars: seats, the waitlist in arrival order, cancellations that
promote the next person (and tell them), the course rule, and no over-filling when
many people press the button at once."""

import datetime as dt
import re
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import WebinarRegistration
from courses.services.learning import enrolment_create
from courses.services.webinars import (
    webinar_cancel_registration,
    webinar_register,
    webinar_sync_schedule,
)
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _verified(**fields):
    return UserFactory(email_verified_at=timezone.now(), **fields)


@pytest.fixture
def small_webinar(db):
    return factories.webinar(title="Small room", capacity=2, join_url="https://meet.example/abc")


# --- the services ---------------------------------------------------------------------------


def test_people_get_seats_then_wait_in_arrival_order(small_webinar):
    people = [_verified() for _ in range(4)]

    registrations = [webinar_register(user=person, webinar=small_webinar) for person in people]

    assert [r.status for r in registrations] == [
        "registered",
        "registered",
        "waitlisted",
        "waitlisted",
    ]
    assert [r.position for r in registrations] == [1, 2, 3, 4]


def test_registering_twice_returns_the_same_registration(small_webinar):
    person = _verified()

    first = webinar_register(user=person, webinar=small_webinar)
    second = webinar_register(user=person, webinar=small_webinar)

    assert first.pk == second.pk
    assert WebinarRegistration.objects.count() == 1


def test_a_cancellation_promotes_the_first_waiting_person_and_emails_them(
    small_webinar, django_capture_on_commit_callbacks
):
    first, second = _verified(), _verified()
    waiting = _verified(full_name="Seo-yeon Kim", time_zone="Asia/Seoul", preferred_language="fr")
    later = _verified()
    for person in (first, second, waiting, later):
        webinar_register(user=person, webinar=small_webinar)

    with django_capture_on_commit_callbacks(execute=True):
        webinar_cancel_registration(
            registration=WebinarRegistration.objects.get(user=first, webinar=small_webinar)
        )

    statuses = dict(
        WebinarRegistration.objects.filter(webinar=small_webinar).values_list("user", "status")
    )
    assert statuses[first.pk] == "cancelled"
    assert statuses[waiting.pk] == "registered"
    assert statuses[later.pk] == "waitlisted"
    assert WebinarRegistration.objects.get(user=waiting).promoted_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [waiting.email]
    assert "Small room" in message.subject
    # In the recipient's time zone (and language, once the French catalogue has the text).
    assert "KST (UTC+9)" in message.body
    assert message.alternatives[0][0].startswith("<!DOCTYPE html>")


def test_cancelling_a_waitlist_place_promotes_nobody(small_webinar):
    people = [_verified() for _ in range(4)]
    for person in people:
        webinar_register(user=person, webinar=small_webinar)

    webinar_cancel_registration(registration=WebinarRegistration.objects.get(user=people[2]))

    assert WebinarRegistration.objects.get(user=people[3]).status == "waitlisted"


def test_cancelling_twice_changes_nothing(small_webinar):
    registration = webinar_register(user=_verified(), webinar=small_webinar)
    webinar_cancel_registration(registration=registration)
    cancelled_at = WebinarRegistration.objects.get().cancelled_at

    webinar_cancel_registration(registration=registration)

    assert WebinarRegistration.objects.get().cancelled_at == cancelled_at


def test_registering_again_after_cancelling_goes_to_the_back(small_webinar):
    person = _verified()
    registration = webinar_register(user=person, webinar=small_webinar)
    webinar_cancel_registration(registration=registration)
    others = [webinar_register(user=_verified(), webinar=small_webinar) for _ in range(2)]

    again = webinar_register(user=person, webinar=small_webinar)

    assert [o.status for o in others] == ["registered", "registered"]
    assert again.status == "waitlisted"
    assert again.position == 4


def test_a_cancelled_or_past_webinar_refuses_registration_with_a_reason():
    cancelled = factories.webinar(is_cancelled=True)
    past = factories.webinar(starts_at=timezone.now() - dt.timedelta(days=2))

    with pytest.raises(ValidationError) as refused_cancelled:
        webinar_register(user=_verified(), webinar=cancelled)
    with pytest.raises(ValidationError) as refused_past:
        webinar_register(user=_verified(), webinar=past)

    assert refused_cancelled.value.code == "cancelled"
    assert refused_cancelled.value.messages == ["This webinar is cancelled."]
    assert refused_past.value.code == "ended"


def test_an_unverified_address_must_be_confirmed_first(small_webinar):
    with pytest.raises(ValidationError) as error:
        webinar_register(user=UserFactory(email_verified_at=None), webinar=small_webinar)

    assert error.value.code == "unverified"


def test_a_course_webinar_is_for_the_courses_enrolled_learners_in_any_language():
    course = factories.course("Municipal strategy")
    spanish = factories.translate(course, "es", title="Estrategia municipal")
    english_webinar = factories.webinar(course, "Q&A")
    learner = _verified()

    with pytest.raises(ValidationError) as error:
        webinar_register(user=learner, webinar=english_webinar)
    assert error.value.code == "not_enrolled"
    assert "Municipal strategy" in error.value.messages[0]

    enrolment_create(user=learner, course=spanish)
    registration = webinar_register(user=learner, webinar=english_webinar)
    assert registration.status == "registered"


def test_more_seats_after_publication_go_to_the_people_waiting(small_webinar):
    people = [_verified() for _ in range(3)]
    for person in people:
        webinar_register(user=person, webinar=small_webinar)

    small_webinar.capacity = 3
    small_webinar.save_revision().publish()

    assert WebinarRegistration.objects.get(user=people[2]).status == "registered"


# --- the schedule and the calendar sequence -------------------------------------------------


def test_moving_or_cancelling_a_webinar_bumps_its_sequence_and_other_edits_do_not(small_webinar):
    small_webinar.refresh_from_db()
    assert small_webinar.sequence == 0

    small_webinar.title = "A new title"
    small_webinar.save_revision().publish()
    small_webinar.refresh_from_db()
    assert small_webinar.sequence == 0

    small_webinar.starts_at += dt.timedelta(hours=1)
    small_webinar.save_revision().publish()
    small_webinar.refresh_from_db()
    assert small_webinar.sequence == 1

    # Built from the latest revision, as the admin's edit view does.
    page = small_webinar.get_latest_revision_as_object()
    page.is_cancelled = True
    page.save_revision().publish()
    small_webinar.refresh_from_db()
    assert small_webinar.sequence == 2
    assert not webinar_sync_schedule(webinar=small_webinar)


# --- the pages ------------------------------------------------------------------------------


def test_a_learner_registers_from_the_page_and_sees_the_join_link_only_when_open(client):
    soon = factories.webinar(
        starts_at=timezone.now() + dt.timedelta(minutes=10), join_url="https://meet.example/xyz"
    )
    later = factories.webinar(
        starts_at=timezone.now() + dt.timedelta(days=3), join_url="https://meet.example/later"
    )
    client.force_login(_verified())

    assert "https://meet.example/xyz" not in _text(client.get(soon.url))
    response = client.post(_url("learn:webinar_register", soon.pk), follow=True)
    client.post(_url("learn:webinar_register", later.pk))

    text = _text(response)
    assert "You are registered" in text
    assert 'href="https://meet.example/xyz"' in text
    later_text = _text(client.get(later.url))
    assert "https://meet.example/later" not in later_text
    assert "The join link appears here 15 minutes before the start." in later_text


def test_the_waitlist_place_is_shown_on_the_page(client, small_webinar):
    for _ in range(2):
        webinar_register(user=_verified(), webinar=small_webinar)
    webinar_register(user=_verified(), webinar=small_webinar)
    me = _verified()
    client.force_login(me)

    assert "Join the waitlist" in _text(client.get(small_webinar.url))
    response = client.post(_url("learn:webinar_register", small_webinar.pk), follow=True)

    assert "You are number 2 on the waitlist" in _text(response)


def test_cancelling_from_the_page(client, small_webinar):
    me = _verified()
    webinar_register(user=me, webinar=small_webinar)
    client.force_login(me)

    response = client.post(_url("learn:webinar_cancel", small_webinar.pk), follow=True)

    assert "Your registration is cancelled" in _text(response)
    assert WebinarRegistration.objects.get().status == "cancelled"


def test_registration_needs_a_login_a_post_and_the_csrf_token(small_webinar):
    anonymous = Client()
    response = anonymous.post(_url("learn:webinar_register", small_webinar.pk))
    assert response.status_code == 302
    assert response.url.startswith(_url("accounts:login"))

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(_verified())
    assert strict.post(_url("learn:webinar_register", small_webinar.pk)).status_code == 403

    assert not WebinarRegistration.objects.exists()


def test_a_refused_registration_says_why(client):
    cancelled = factories.webinar(is_cancelled=True)
    client.force_login(_verified())

    response = client.post(_url("learn:webinar_register", cancelled.pk))

    assert response.status_code == 409
    assert "This webinar is cancelled." in _text(response)


def test_the_recording_and_materials_show_once_the_webinar_is_over(client):
    past = factories.webinar(
        starts_at=timezone.now() - dt.timedelta(days=1),
        recording_url="https://video.example/rec",
        materials="<p>Slides</p>",
    )
    upcoming = factories.webinar(recording_url="https://video.example/not-yet")

    assert "https://video.example/rec" in _text(client.get(past.url))
    assert "https://video.example/not-yet" not in _text(client.get(upcoming.url))


# --- concurrency (PostgreSQL row locks) -----------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_people_at_once_fill_three_seats_and_wait_in_arrival_order():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL.")
    webinar = factories.webinar(title="Popular", capacity=3)
    people = [_verified(full_name=f"Person {n}") for n in range(10)]
    barrier = threading.Barrier(len(people))
    errors = []

    def register(person):
        try:
            barrier.wait()
            webinar_register(user=person, webinar=webinar)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    rows = list(WebinarRegistration.objects.filter(webinar=webinar).order_by("position"))
    assert len(rows) == 10
    assert [row.position for row in rows] == list(range(1, 11))
    assert [row.status for row in rows] == ["registered"] * 3 + ["waitlisted"] * 7
    assert len({row.user_id for row in rows}) == 10
