"""A person's cohorts are in "Download my data"; deleting the account keeps the membership
counting in the cohort's results, without the person."""

from __future__ import annotations

import pytest

from courses.cohorts.models import CohortMember
from courses.cohorts.services import cohort_enrol
from lms import personal_data
from lms.services import user_erase
from tests.cohorts.helpers import NOW, make_cohort
from tests.courses import factories
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_persons_cohorts_and_erasure_keeps_the_row():
    course = factories.course("Municipal strategy")
    facilitator = trainer_user()
    cohort = make_cohort(course, facilitators=[facilitator])
    learner = UserFactory()
    cohort_enrol(cohort=cohort, user=learner, now=NOW)
    exported = personal_data.exporters()["cohorts"](learner)
    assert exported == [
        {
            "cohort": "Spring 2027",
            "role": "member",
            "starts_on": "2027-03-01",
            "ends_on": "2027-03-12",
            "joined_at": NOW.isoformat(),
            "source": "self",
        }
    ]
    assert personal_data.exporters()["cohorts"](facilitator)[0]["role"] == "facilitator"
    user_erase(user=learner)
    member = CohortMember.objects.get(cohort=cohort)
    assert member.user is None and member.enrolment is not None
