"""'Module 3 is due Friday': the sweep reminds the members who have not completed a module
before its due date, in their language and time zone, once per (member, module)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from courses.cohorts.services import cohort_enrol
from courses.models import NotificationDelivery
from courses.services.learning import module_complete
from courses.services.notifications import notifications_sweep
from courses.services.notifications.recheck import skip_reason
from courses.services.notifications.rendering import notification_render
from tests.cohorts.helpers import make_cohort
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# Wednesday 3 March 2027, 10:00 UTC; module three is due on Friday 5 March.
WEDNESDAY = dt.datetime(2027, 3, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def setting(db):
    course = factories.course("Municipal strategy")
    factories.translate(course, "fr", title="Stratégie municipale")
    one = factories.module(course, "Module 1")
    three = factories.module(course, "Module 3")
    cohort = make_cohort(
        course,
        starts_on=dt.date(2027, 2, 22),
        ends_on=dt.date(2027, 3, 26),
        modules=[(one, None, dt.date(2027, 2, 26)), (three, None, dt.date(2027, 3, 5))],
    )
    return course, one, three, cohort


def _join(cohort, **fields):
    user = UserFactory(**fields)
    return cohort_enrol(cohort=cohort, user=user, now=WEDNESDAY - dt.timedelta(days=7))


def _due():
    return list(NotificationDelivery.objects.filter(kind="cohort_due").order_by("pk"))


def test_members_who_have_not_done_the_module_are_reminded_once(setting):
    _course, one, three, cohort = setting
    pending = _join(cohort, full_name="Awa")
    done = _join(cohort, full_name="Kim")
    module_complete(enrolment=done.enrolment, module=three, now=WEDNESDAY)
    with time_machine.travel(WEDNESDAY, tick=False):
        notifications_sweep(now=WEDNESDAY, send=False)
        notifications_sweep(now=WEDNESDAY + dt.timedelta(hours=6), send=False)
    rows = _due()
    assert [(row.recipient_id, row.slot) for row in rows] == [
        (pending.user_id, f"module:{three.translation_key}")
    ]
    assert rows[0].subject_key == f"cohort_member:{pending.pk}"
    # Module 1 (due last week) is not reminded after the fact.
    assert all(str(one.translation_key) not in row.slot for row in rows)


def test_nothing_is_sent_three_days_or_more_before(setting):
    _course, _one, _three, cohort = setting
    _join(cohort)
    with time_machine.travel(WEDNESDAY - dt.timedelta(days=1), tick=False):
        notifications_sweep(now=WEDNESDAY - dt.timedelta(days=1), send=False)
    assert _due() == []


def test_it_waits_for_the_members_daytime_and_speaks_their_language(setting):
    _course, _one, _three, cohort = setting
    member = _join(cohort, full_name="Camille", preferred_language="fr", time_zone="Asia/Seoul")
    with time_machine.travel(WEDNESDAY, tick=False):
        notifications_sweep(now=WEDNESDAY, send=False)
    (row,) = _due()
    # 10:00 UTC is 19:00 in Seoul: still daytime there (until 20:00).
    assert row.due_at == WEDNESDAY
    rendered = notification_render(row)
    assert rendered.language == "fr"
    assert rendered.subject == "« Module 3 » est dû vendredi" or "vendredi" in rendered.subject
    assert "Spring 2027" in rendered.text
    assert member.user.email


def test_the_subject_in_english_names_the_day(setting):
    _course, _one, _three, cohort = setting
    _join(cohort, full_name="Ana")
    with time_machine.travel(WEDNESDAY, tick=False):
        notifications_sweep(now=WEDNESDAY, send=False)
        rendered = notification_render(_due()[0])
    assert rendered.subject == "“Module 3” is due Friday"
    assert "5 March 2027" in rendered.text


def test_completing_the_module_before_sending_skips_it(setting):
    _course, _one, three, cohort = setting
    member = _join(cohort)
    with time_machine.travel(WEDNESDAY, tick=False):
        notifications_sweep(now=WEDNESDAY, send=False)
    (row,) = _due()
    assert skip_reason(row, WEDNESDAY) == ""
    module_complete(enrolment=member.enrolment, module=three, now=WEDNESDAY)
    assert skip_reason(row, WEDNESDAY) == "module completed"
