"""The learning domain's events: each sent once per real change, after commit, never on a
repeated call that changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses import events
from courses.models import Certificate
from courses.services.certificates import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    participation_issue,
)
from courses.services.learning import enrolment_create, enrolment_withdraw, module_complete
from courses.services.webinars import webinar_attendance_set, webinar_register
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNALS = ("enrolment_created", "course_completed", "certificate_issued", "certificate_revoked")


@pytest.fixture
def sent():
    """Every event sent, as (signal name, kwargs without the signal and sender)."""
    log = []
    receivers = {}
    for name in SIGNALS:

        def receiver(sender, signal, _name=name, **kwargs):
            log.append((_name, kwargs))

        receivers[name] = receiver
        getattr(events, name).connect(receiver, dispatch_uid=f"test-events-{name}")
    yield log
    for name in SIGNALS:
        getattr(events, name).disconnect(dispatch_uid=f"test-events-{name}")


@pytest.fixture
def course(bamako):
    page = factories.course("Cooperatives 101", hosts=(bamako,))
    factories.module(page, "Why it matters")
    return page


def _learner(organisation):
    user = UserFactory()
    membership_create(user=user, organisation=organisation, role="learner", confirmed=True)
    return user


def test_enrolling_sends_enrolment_created_once_and_only_after_commit(
    bamako, course, sent, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment = enrolment_create(user=learner, course=course)
    assert sent == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert sent == [("enrolment_created", {"enrolment_id": enrolment.pk, "user_id": learner.pk})]

    with django_capture_on_commit_callbacks(execute=True):
        again = enrolment_create(user=learner, course=course)  # already enrolled: a no-op
    assert again.pk == enrolment.pk
    assert len(sent) == 1


def test_re_enrolling_after_withdrawing_sends_it_again_for_the_same_enrolment(
    bamako, course, sent, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=learner, course=course)
        enrolment_withdraw(enrolment=enrolment)
    with django_capture_on_commit_callbacks(execute=True):
        back = enrolment_create(user=learner, course=course)
    assert back.pk == enrolment.pk
    assert [name for name, _ in sent] == ["enrolment_created", "enrolment_created"]
    assert {kwargs["enrolment_id"] for _, kwargs in sent} == {enrolment.pk}


def test_completing_sends_course_completed_then_certificate_issued_once(
    bamako, course, sent, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=learner, course=course)
    module = course.get_children().specific().first()
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=module)
    certificate = Certificate.objects.get()
    assert sent[1:] == [
        ("course_completed", {"enrolment_id": enrolment.pk, "user_id": learner.pk}),
        ("certificate_issued", {"certificate_id": certificate.pk}),
    ]
    # Completing the module again, or a duplicate issuing message: no new event.
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=module)
        result = certificate_issue(enrolment_id=enrolment.pk)
    assert not result.created
    assert len(sent) == 3


def test_a_participation_certificate_is_issued_once(
    bamako, secretariat, sent, django_capture_on_commit_callbacks
):
    past = timezone.now() - dt.timedelta(days=1)
    webinar = factories.webinar(
        title="Housing", starts_at=past, duration_minutes=60, participation_certificate=True
    )
    learner = _learner(bamako)
    with django_capture_on_commit_callbacks(execute=True):
        registration = webinar_register(
            webinar=webinar, user=learner, now=past - dt.timedelta(days=2)
        )
    with django_capture_on_commit_callbacks(execute=True):
        webinar_attendance_set(
            webinar=webinar, minutes_by_registration={registration.pk: 55}, by=secretariat
        )
    certificate = Certificate.objects.get(kind="participation")
    assert sent == [("certificate_issued", {"certificate_id": certificate.pk})]
    with django_capture_on_commit_callbacks(execute=True):
        assert not participation_issue(registration_id=registration.pk).created
    assert len(sent) == 1


def test_revoking_and_correcting_send_certificate_revoked_for_the_one_no_longer_valid(
    bamako, course, secretariat, sent, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=learner, course=course)
        module_complete(enrolment=enrolment, module=course.get_children().specific().first())
    original = Certificate.objects.get()
    sent.clear()

    with django_capture_on_commit_callbacks(execute=True):
        corrected = certificate_reissue(certificate=original, by=secretariat, learner_name="A. B.")
    assert sent == [
        ("certificate_revoked", {"certificate_id": original.pk}),
        ("certificate_issued", {"certificate_id": corrected.pk}),
    ]
    sent.clear()

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=corrected, by=secretariat, reason="Issued in error")
    assert sent == [("certificate_revoked", {"certificate_id": corrected.pk})]
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=corrected, by=secretariat, reason="Again")
    assert len(sent) == 1
