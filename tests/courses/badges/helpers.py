"""Certificates with badges for the badge tests (the clock frozen at NOW)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from courses.badges.models import CourseBadge
from courses.models import Certificate
from courses.services.learning import enrolment_create, module_complete
from lms.services import membership_create
from tests.courses import factories as pages
from tests.factories import UserFactory

NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def certify(bamako, django_capture_on_commit_callbacks):
    """certify(title=…, validity_months=…) → (course, certificate) of a Bamako learner,
    issued at NOW (its credential is signed after commit)."""

    def make(title="Social economy for cities", validity_months=None):
        with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
            course, learner = _certify(bamako, title=title, validity_months=validity_months)
        return course, Certificate.objects.get(user=learner)

    return make


def _certify(bamako, *, title, validity_months):
    course = pages.course(title, hosts=(bamako,))
    if validity_months:
        CourseBadge.objects.create(
            course_key=course.translation_key, validity_months=validity_months
        )
    module = pages.module(course, "Only module")
    number = Certificate.objects.count()
    email = "Aminata@Bamako.example" if not number else f"learner{number}@bamako.example"
    learner = UserFactory(full_name="Aminata Diarra", email=email)
    membership_create(user=learner, organisation=bamako, confirmed=True)
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=module)
    return course, learner
