"""A course with a module, two learners from different cities, its trainer; people who
must be refused: a learner of another course, a trainer of another course, a member of
another organisation who is not enrolled. The clock is frozen (NOW)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine

from courses.models import CoursePage, Enrolment, ModulePage
from lms.models import User
from tests.courses import factories as pages
from tests.factories import MembershipFactory, UserFactory, trainer_user

NOW = dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC)


@dataclass
class World:
    course: CoursePage
    module: ModulePage
    trainer: User
    seoul_learner: User
    bamako_learner: User
    other_course: CoursePage
    other_learner: User
    other_trainer: User
    outsider: User


def enrol(user: User, course: CoursePage) -> Enrolment:
    return Enrolment.objects.create(
        user=user, course_key=course.translation_key, course_page=course, enrolled_at=NOW
    )


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock) -> World:
    trainer = trainer_user(full_name="Ana Trainer")
    other_trainer = trainer_user(full_name="Otto Other")
    course = pages.course("Social economy policy", trainers=(trainer,))
    module = pages.module(course, "Public procurement")
    other_course = pages.course("Another course", trainers=(other_trainer,))
    seoul_learner = UserFactory(full_name="Min-jun Kim", preferred_language="ko")
    bamako_learner = UserFactory(full_name="Awa Traoré", preferred_language="fr")
    other_learner = UserFactory(full_name="Other Learner")
    outsider = MembershipFactory(user__full_name="Out Sider").user  # another organisation's
    enrol(seoul_learner, course)
    enrol(bamako_learner, course)
    enrol(other_learner, other_course)
    return World(
        course=course,
        module=module,
        trainer=trainer,
        seoul_learner=seoul_learner,
        bamako_learner=bamako_learner,
        other_course=other_course,
        other_learner=other_learner,
        other_trainer=other_trainer,
        outsider=outsider,
    )
