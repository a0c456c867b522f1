"""The enrolment window is written twice, in Python (``enrolment_status``, what a course
page says and what ``enrolment_create`` allows) and in SQL (``open_for_enrolment_q``, the
catalogue's "open now" filter). These tests pin them together at the exact opening and
closing instants and one microsecond either side: open from the opening instant
included, closed from the closing instant included.
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from courses.models import CoursePage
from courses.selectors.catalogue import EnrolmentStatus, enrolment_status, open_for_enrolment_q
from courses.services.learning import enrolment_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPENS = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
CLOSES = dt.datetime(2027, 4, 1, 17, 30, tzinfo=dt.UTC)
TICK = dt.timedelta(microseconds=1)

INSTANTS = [
    (OPENS - TICK, EnrolmentStatus.NOT_YET_OPEN),
    (OPENS, EnrolmentStatus.OPEN),
    (OPENS + TICK, EnrolmentStatus.OPEN),
    (CLOSES - TICK, EnrolmentStatus.OPEN),
    (CLOSES, EnrolmentStatus.CLOSED),
    (CLOSES + TICK, EnrolmentStatus.CLOSED),
]


@pytest.fixture
def windowed():
    with time_machine.travel(OPENS - dt.timedelta(days=30), tick=False):
        return factories.course("Windowed", enrolment_opens_at=OPENS, enrolment_closes_at=CLOSES)


@pytest.mark.parametrize(("now", "expected"), INSTANTS)
def test_the_python_and_sql_windows_agree_at_the_edges(windowed, now, expected):
    in_sql = CoursePage.objects.filter(open_for_enrolment_q(now), pk=windowed.pk).exists()

    assert enrolment_status(course=windowed, now=now) == expected
    assert in_sql == (expected == EnrolmentStatus.OPEN)


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(None, CLOSES), (OPENS, None), (None, None)],
    ids=["no-start", "no-end", "no-limit"],
)
@pytest.mark.parametrize("now", [OPENS - TICK, OPENS, CLOSES - TICK, CLOSES])
def test_a_missing_end_of_the_window_means_no_limit_in_both(opens, closes, now):
    with time_machine.travel(OPENS - dt.timedelta(days=30), tick=False):
        course = factories.course(enrolment_opens_at=opens, enrolment_closes_at=closes)
    in_sql = CoursePage.objects.filter(open_for_enrolment_q(now), pk=course.pk).exists()

    assert in_sql == (enrolment_status(course=course, now=now) == EnrolmentStatus.OPEN)


@pytest.mark.parametrize(("now", "expected"), INSTANTS)
def test_enrolling_at_the_edges_of_the_window(windowed, now, expected):
    learner = UserFactory()

    if expected == EnrolmentStatus.OPEN:
        assert enrolment_create(user=learner, course=windowed, now=now).enrolled_at == now
        return
    with pytest.raises(ValidationError) as error:
        enrolment_create(user=learner, course=windowed, now=now)
    assert error.value.code == expected.value
