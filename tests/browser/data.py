"""The site the journeys walk through: the GSEF demo, and what a journey needs beyond it.

Written once for the browser suite by the ``site`` fixture (tests/browser/conftest.py).
Every journey adds its own people (unique e-mail addresses), so the journeys do not
depend on one another's order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Locale

from courses import demo
from courses.models import CourseIndexPage, CoursePage
from courses.services.authoring import course_assign_trainers
from lms import demo as lms_demo
from lms.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from lms.models import User
from tests.courses import factories
from tests.factories import UserFactory, trainer_user

INTRO_SLUG = "introduction-to-the-social-and-solidarity-economy"

# The course's webinar in each language the learner journeys use (held in that language):
# title, host's time zone, description.
INTRO_WEBINARS = {
    "fr": (
        "Questions-réponses en direct : l'ESS à Bamako",
        "Africa/Bamako",
        "<p>Vos questions aux formateurs du cours.</p>",
    ),
    "ko": (
        "실시간 질의응답: 서울의 사회적경제",
        "Asia/Seoul",
        "<p>강좌 강사들에게 질문하세요.</p>",
    ),
}

TRAINER_EMAIL = "trainer.browser@members.example"
TRAINER_PASSWORD = "a trainer's own passphrase 2026"
DRAFT_COURSE_TITLE = "New course (draft)"

# A Spanish-speaking learner who will forget their password (tests/browser/test_accessibility.py).
FORGETFUL_EMAIL = "ane.forgetful@members.example"


@dataclass(frozen=True)
class SiteData:
    intro_courses: dict[str, CoursePage]  # by language
    draft_course: CoursePage  # opened by the secretariat for the trainer to write
    trainer: User
    secretariat_email: str
    coordinator_email: str
    password: str  # every demo account's


def seed() -> SiteData:
    lms_demo.seed()
    demo.seed()

    english = CoursePage.objects.get(slug=INTRO_SLUG, locale__language_code="en")
    intro_courses = {}
    start = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=10), dt.time(15, 0))
    for language, (title, zone, description) in INTRO_WEBINARS.items():
        course = english.get_translation(Locale.objects.get(language_code=language)).specific
        factories.webinar(
            course,
            title,
            local_start=start,
            host_time_zone=zone,
            language=language,
            capacity=30,
            duration_minutes=60,
            join_url="https://meet.example.org/gsef-intro",
            presenters="GSEF Secretariat",
            description=description,
        )
        intro_courses[language] = course

    # Trainers write courses; only the secretariat adds one to the catalogue (test_authoring:
    # a trainer holds no rights on the catalogue). So the secretariat opens an empty draft
    # and names the trainer, as it does for a new course, and the trainer writes the rest.
    trainer = trainer_user(email=TRAINER_EMAIL, full_name="Claire Bouchard")
    trainer.set_password(TRAINER_PASSWORD)
    trainer.save()
    catalogue = CourseIndexPage.objects.get(locale__language_code="en")
    draft = CoursePage(
        title=DRAFT_COURSE_TITLE, slug="social-procurement", summary="To be written.", live=False
    )
    catalogue.add_child(instance=draft)
    draft.save_revision()
    draft = CoursePage.objects.get(pk=draft.pk)
    course_assign_trainers(course=draft, trainers=[trainer])

    UserFactory(email=FORGETFUL_EMAIL, full_name="Ane Goikoetxea", preferred_language="es")

    return SiteData(
        intro_courses=intro_courses,
        draft_course=CoursePage.objects.get(pk=draft.pk),
        trainer=trainer,
        secretariat_email=f"secretariat@{DEMO_EMAIL_DOMAIN}",
        coordinator_email=f"coordinator.bamako@{DEMO_EMAIL_DOMAIN}",
        password=DEMO_PASSWORD,
    )
