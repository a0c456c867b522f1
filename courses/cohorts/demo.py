"""Demo data: one cohort running now (dates relative to the seeding day) of the demo
introduction course, facilitated by the demo trainer, with learners from Seoul, Bamako,
Montréal and Mexico City, one ahead and the others behind. Safe to run again."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.cohorts.models import Cohort, CohortModule
from courses.cohorts.services import cohort_enrol
from courses.models import CoursePage, ModulePage, WebinarPage
from courses.services.learning import module_complete
from lms.demo import DEMO_EMAIL_DOMAIN
from lms.models import User

COHORT_NAME = "Local SSE ecosystems: cities learning together"
COURSE_SLUG = "introduction-to-the-social-and-solidarity-economy"
FACILITATOR = "trainer.minji"
MEMBERS = ("learner.seoul", "learner.bamako", "learner.montreal", "learner.mexico")


def _person(local_part: str) -> User | None:
    return User.objects.with_email(f"{local_part}@{DEMO_EMAIL_DOMAIN}").first()


def seed() -> list[str]:
    course = (
        CoursePage.objects.live().filter(slug=COURSE_SLUG, locale__language_code="en").first()
        or CoursePage.objects.live().order_by("pk").first()
    )
    if course is None:
        return ["Demo cohort: skipped (no live course)."]
    today = timezone.localdate()
    starts_on = today - dt.timedelta(days=14)
    cohort = Cohort.objects.filter(name=COHORT_NAME).first()
    created = cohort is None
    if created:
        cohort = Cohort(
            name=COHORT_NAME,
            course_page=course,
            starts_on=starts_on,
            ends_on=today + dt.timedelta(days=42),
            enrolment_closes_on=today + dt.timedelta(days=14),
            capacity=40,
        )
        cohort.full_clean()
        cohort.save()
        facilitator = _person(FACILITATOR)
        if facilitator is not None:
            cohort.facilitators.set([facilitator])
        cohort.webinars.set(WebinarPage.objects.live().descendant_of(course))
        cohort.save()
        modules = ModulePage.objects.live().child_of(course).order_by("path")
        for number, module in enumerate(modules):
            # One module a week: the first two are already due, so some members are behind.
            CohortModule.objects.create(
                cohort=cohort,
                module_page=module,
                module_key=module.translation_key,
                release_on=starts_on + dt.timedelta(days=7 * number),
                due_on=starts_on + dt.timedelta(days=7 * number + 6),
                sort_order=number,
            )
    now = timezone.now()
    joined, refused = 0, []
    for local_part in MEMBERS:
        person = _person(local_part)
        if person is None:
            continue
        try:
            member = cohort_enrol(cohort=cohort, user=person, now=now)
        except ValidationError as error:
            refused.append(f"{local_part}: {' '.join(error.messages)}")
            continue
        joined += 1
        if local_part == "learner.seoul" and member.enrolment is not None:
            # Seoul is ahead: the modules already due are done.
            for row in cohort.schedule.filter(due_on__lt=today).select_related("module_page"):
                if row.module_page is not None and row.module_page.specific.quiz is None:
                    with contextlib.suppress(ValidationError):  # already done, or withdrawn
                        module_complete(enrolment=member.enrolment, module=row.module_page, now=now)
    line = (
        f"Demo cohort “{COHORT_NAME}”: {'created' if created else 'already there'}, "
        f"{joined} members (Seoul, Bamako, Montréal, Mexico City)"
    )
    return [line + (f"; refused: {'; '.join(refused)}" if refused else "")]
