"""Joining a cohort: the cohort's own rules (its end, its window, its capacity, also under
concurrent enrolment), the course's rules still apply, and self-paced enrolment goes on."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from courses.cohorts.models import CohortMember
from courses.cohorts.services import cohort_enrol
from courses.models import Enrolment
from courses.services.learning import enrolment_create
from tests.cohorts.helpers import NOW, make_cohort
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return factories.course("Building a local SSE ecosystem")


def test_joining_a_cohort_enrols_in_its_course_with_the_cohorts_end_as_deadline(
    course, bamako_learner
):
    cohort = make_cohort(course)
    member = cohort_enrol(cohort=cohort, user=bamako_learner, now=NOW)
    enrolment = Enrolment.objects.get(user=bamako_learner, course_key=course.translation_key)
    assert member.enrolment == enrolment
    assert enrolment.due_on == dt.date(2027, 3, 12)
    assert member.organisation == enrolment.organisation
    assert member.organisation.short_name == "Bamako"
    assert member.source == "self"


def test_joining_twice_returns_the_same_membership(course, bamako_learner):
    cohort = make_cohort(course)
    first = cohort_enrol(cohort=cohort, user=bamako_learner, now=NOW)
    assert cohort_enrol(cohort=cohort, user=bamako_learner, now=NOW) == first
    assert CohortMember.objects.count() == 1


def test_a_cohort_past_its_end_refuses_with_the_date(course, bamako_learner):
    cohort = make_cohort(course, starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 3, 12))
    with pytest.raises(ValidationError) as error:
        cohort_enrol(cohort=cohort, user=bamako_learner, now=NOW + dt.timedelta(days=10))
    assert error.value.messages == ["This cohort ended on 12 March 2027."]
    assert error.value.code == "cohort_ended"
    assert not Enrolment.objects.exists()


def test_the_last_day_counts_on_the_cohorts_clock(course, bamako_learner):
    cohort = make_cohort(course, ends_on=dt.date(2027, 3, 12), time_zone="Asia/Seoul")
    # 23:00 UTC on the 11th is already the 12th in Seoul: still open.
    cohort_enrol(
        cohort=cohort, user=bamako_learner, now=dt.datetime(2027, 3, 11, 23, tzinfo=dt.UTC)
    )
    late = UserFactory()
    with pytest.raises(ValidationError, match="ended on 12 March 2027"):
        cohort_enrol(cohort=cohort, user=late, now=dt.datetime(2027, 3, 12, 15, 30, tzinfo=dt.UTC))


def test_outside_the_enrolment_window_it_says_when(course, bamako_learner):
    cohort = make_cohort(
        course, enrolment_opens_on=dt.date(2027, 3, 5), enrolment_closes_on=dt.date(2027, 3, 8)
    )
    with pytest.raises(ValidationError, match="opens on 5 March 2027"):
        cohort_enrol(cohort=cohort, user=bamako_learner, now=NOW)
    with pytest.raises(ValidationError, match="closed on 8 March 2027"):
        cohort_enrol(cohort=cohort, user=bamako_learner, now=NOW + dt.timedelta(days=6))
    cohort_enrol(cohort=cohort, user=bamako_learner, now=NOW + dt.timedelta(days=3))


def test_a_full_cohort_refuses(course):
    cohort = make_cohort(course, capacity=2)
    for _ in range(2):
        cohort_enrol(cohort=cohort, user=UserFactory(), now=NOW)
    with pytest.raises(ValidationError) as error:
        cohort_enrol(cohort=cohort, user=UserFactory(), now=NOW)
    assert error.value.messages == ["This cohort is full (2 places)."]


def test_the_courses_rules_still_apply(bamako_learner):
    unpublished = factories.course("Draft course", live=False)
    cohort = make_cohort(unpublished)
    with pytest.raises(ValidationError, match="not published"):
        cohort_enrol(cohort=cohort, user=bamako_learner, now=NOW)
    closed = factories.course(
        "Closed course", enrolment_closes_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    )
    with pytest.raises(ValidationError):
        cohort_enrol(cohort=make_cohort(closed, name="B"), user=bamako_learner, now=NOW)
    assert not CohortMember.objects.exists()


def test_a_self_paced_learner_joins_with_their_progress_and_self_paced_goes_on(course):
    module = factories.module(course, "Module 1")
    factories.module(course, "Module 2")
    learner, other = UserFactory(), UserFactory()
    with time_machine.travel(NOW, tick=False):
        enrolment = enrolment_create(user=learner, course=course, now=NOW)
        enrolment_create(user=other, course=course, now=NOW)
    from courses.services.learning import module_complete

    module_complete(enrolment=enrolment, module=module, now=NOW)
    cohort = make_cohort(course)
    member = cohort_enrol(cohort=cohort, user=learner, now=NOW)
    assert member.enrolment_id == enrolment.pk
    enrolment.refresh_from_db()
    assert enrolment.modules_completed == 1
    assert enrolment.due_on == cohort.ends_on
    # The other learner stays self-paced, no deadline.
    assert Enrolment.objects.get(user=other).due_on is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_people_at_once_take_three_places_and_seven_are_told_it_is_full():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL.")
    course = factories.course("Popular course")
    cohort = make_cohort(course, capacity=3)
    people = [UserFactory() for _ in range(10)]
    barrier = threading.Barrier(len(people))
    refused, errors = [], []

    def join(person):
        try:
            barrier.wait()
            cohort_enrol(cohort=cohort, user=person, now=NOW)
        except ValidationError as error:
            refused.append(error.code)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert CohortMember.objects.filter(cohort=cohort).count() == 3
    assert refused == ["cohort_full"] * 7
    assert Enrolment.objects.filter(course_key=course.translation_key).count() == 3
