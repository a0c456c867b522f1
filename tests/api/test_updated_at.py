"""Enrolment.updated_at moves with every write, partial saves and bulk updates included,
so the API's updated_since misses no change."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from courses.models import Enrolment
from courses.services.learning import enrolment_create, enrolment_withdraw
from tests.courses import factories

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_updated_at_follows_creation_partial_saves_and_bulk_updates(bamako_learner, seoul):
    course = factories.course("Cooperatives 101")
    with time_machine.travel(START, tick=False):
        enrolment = enrolment_create(user=bamako_learner, course=course)
    assert enrolment.updated_at == START

    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        enrolment_withdraw(enrolment=enrolment)  # save(update_fields=[status, withdrawn_at])
    enrolment.refresh_from_db()
    assert enrolment.updated_at == START + dt.timedelta(hours=1)

    with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
        Enrolment.objects.filter(pk=enrolment.pk).update(organisation=seoul)
    enrolment.refresh_from_db()
    assert enrolment.updated_at == START + dt.timedelta(hours=2)
