"""The learning domain's part of "Download my data" and of deleting an account."""

import pytest

from courses.models import Enrolment, QuizAttempt
from courses.services.learning import (
    enrolment_create,
    module_complete,
    quiz_form_token,
    quiz_submit,
)
from lms import personal_data
from lms.services import membership_create, user_erase
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(bamako):
    learner = UserFactory(full_name="Moussa Diarra")
    membership_create(user=learner, organisation=bamako, confirmed=True)
    course = factories.course("Cooperatives 101")
    lesson = factories.module(course, "Lesson")
    check = factories.module(course, "Check", body=factories.quiz_body())
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=lesson)
    quiz_submit(
        enrolment=enrolment,
        module=check,
        answers={"q1": ["q1-b"], "q2": ["q2-b"]},
        form_token=quiz_form_token(enrolment=enrolment, module=check),
    )
    return learner, enrolment


def test_the_export_holds_every_enrolment_module_and_attempt_of_the_learner(record):
    learner, _enrolment = record
    someone_else = UserFactory()
    enrolment_create(user=someone_else, course=factories.course("Not mine"))

    export = personal_data.user_export(user=learner)

    [course] = export["learning"]
    assert course["course"] == "Cooperatives 101"
    assert course["organisation"] == "District of Bamako"
    assert course["status"] == "active"
    assert course["completed_modules"][0]["module"] == "Lesson"
    assert course["quiz_attempts"][0] | {"submitted_at": None} == {
        "module": "Check",
        "score": 0,
        "passed": False,
        "answers": {"q1": ["q1-b"], "q2": ["q2-b"]},
        "submitted_at": None,
    }


def test_deleting_the_account_keeps_the_anonymous_record_for_the_organisation(record, bamako):
    learner, enrolment = record

    user_erase(user=learner)

    enrolment.refresh_from_db()
    assert enrolment.user is None
    assert enrolment.organisation == bamako
    assert enrolment.learner_erased_at is not None
    assert Enrolment.objects.filter(organisation=bamako).count() == 1
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_the_profile_lists_the_learning_notification_kinds():
    keys = [kind.key for kind in personal_data.notification_kinds()]

    assert {"enrolment", "inactivity", "deadline", "webinar", "digest"} <= set(keys)


def test_the_export_lists_the_emails_decided_for_the_learner(
    record, django_capture_on_commit_callbacks
):
    learner, _enrolment = record

    export = personal_data.user_export(user=learner)

    kinds = [row["kind"] for row in export["emails"]]
    assert "enrolment_confirmation" in kinds
