"""A Bamako learner who completed a one-module course, hence holds its certificate, and
the people who must not have its badge."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from courses.badges.models import CourseBadge
from courses.models import Certificate
from courses.services.learning import enrolment_create, module_complete
from lms.services import membership_create
from tests.courses import factories as pages
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The lookup limit counts in the shared cache: each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_certified(bamako, django_capture_on_commit_callbacks):
    """make_certified(validity_months=None) → (course, certificate, owner): the
    certificate of "Social economy for cities", its badge valid that many months."""

    def make(validity_months: int | None = None):
        return _certified(bamako, django_capture_on_commit_callbacks, validity_months)

    return make


@pytest.fixture
def certified(make_certified):
    """(course, certificate, owner): the certificate of "Social economy for cities"."""
    return make_certified()


def _certified(bamako, django_capture_on_commit_callbacks, validity_months):
    course = pages.course("Social economy for cities", hosts=(bamako,))
    if validity_months:
        CourseBadge.objects.create(
            course_key=course.translation_key, validity_months=validity_months
        )
    module = pages.module(course, "Only module")
    owner = UserFactory(full_name="Aminata Diarra", email="aminata@bamako.example")
    membership_create(user=owner, organisation=bamako, confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=owner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=module)
    return course, Certificate.objects.get(user=owner), owner
