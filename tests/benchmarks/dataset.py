"""A GSEF-sized learning dataset, made with bulk_create so that thousands of rows take seconds.

Used by the report tests (query counts) and by ``tests.benchmarks.bench_reports``.
Courses, modules and webinars are real pages (published the editors' way); people,
memberships, enrolments, quiz attempts and webinar registrations are inserted in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.utils import timezone

from courses.models import Enrolment, QuizAttempt, WebinarRegistration
from lms.models import Membership, Organisation, Region, User
from tests.courses import factories as pages

REGIONS = [choice for choice, _label in Region.choices]
COUNTRIES = ["KR", "ML", "MX", "CA", "ES", "FR", "SN", "JO", "GB", "BR", "JP", "IT"]


@dataclass
class Dataset:
    organisations: list[Organisation]
    courses: list
    learners: list[User]
    enrolments: int


def organisations(count: int, *, prefix: str = "Bench") -> list[Organisation]:
    rows = [
        Organisation(
            name=f"{prefix} organisation {n}",
            short_name=f"{prefix}{n}",
            kind=Organisation.Kind.LOCAL_GOVERNMENT,
            country=COUNTRIES[n % len(COUNTRIES)],
            city=f"City {n}",
            region=REGIONS[n % len(REGIONS)],
        )
        for n in range(count)
    ]
    return Organisation.objects.bulk_create(rows)


def generate(
    *,
    learners: int = 2000,
    courses: int = 10,
    organisation_count: int = 1,
    organisation_list: list[Organisation] | None = None,
    seed: int = 2026,
    prefix: str = "Bench",
) -> Dataset:
    """``learners`` people spread over the organisations, each enrolled in every course."""
    rng = random.Random(seed)
    now = timezone.now()
    orgs = organisation_list or organisations(organisation_count, prefix=prefix)
    course_pages = []
    quiz_keys = {}
    for number in range(courses):
        course = pages.course(f"{prefix} course {number}")
        pages.module(course, f"{prefix} lesson {number}")
        quiz = pages.module(course, f"{prefix} quiz {number}", body=pages.quiz_body())
        webinar = pages.webinar(
            course, f"{prefix} webinar {number}", starts_at=now - dt.timedelta(days=3)
        )
        course_pages.append((course, webinar))
        quiz_keys[course.translation_key] = quiz.translation_key

    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix.lower()}{n}-{uuid.uuid4().hex[:6]}@bench.example",
                full_name=f"{prefix} learner {n}",
                password="!",  # unusable: nobody logs in as them
                email_verified_at=now,
            )
            for n in range(learners)
        ],
        batch_size=1000,
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                organisation=orgs[n % len(orgs)],
                status=Membership.Status.ACTIVE,
                confirmed_at=now,
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    enrolment_rows = []
    for n, user in enumerate(users):
        for course, _webinar in course_pages:
            status = rng.choice(["active", "active", "completed", "withdrawn"])
            progress = 100 if status == "completed" else rng.choice([0, 20, 40, 60, 80])
            enrolled_at = now - dt.timedelta(days=rng.randint(0, 120))
            enrolment_rows.append(
                Enrolment(
                    user=user,
                    course_key=course.translation_key,
                    course_page=course,
                    organisation=orgs[n % len(orgs)],
                    status=status,
                    source="import",
                    enrolled_at=enrolled_at,
                    completed_at=now - dt.timedelta(days=rng.randint(0, 80))
                    if status == "completed"
                    else None,
                    due_on=(now + dt.timedelta(days=rng.randint(-30, 60))).date(),
                    progress_percent=progress,
                    modules_completed=progress // 50,
                    modules_required=2,
                    last_activity_at=enrolled_at,
                )
            )
    enrolments = Enrolment.objects.bulk_create(enrolment_rows, batch_size=5000)
    attempts, registrations = [], []
    positions: dict[int, int] = {}
    for enrolment in enrolments[::2]:
        score = rng.choice([0, 50, 100])
        attempts.append(
            QuizAttempt(
                enrolment=enrolment,
                module_key=quiz_keys[enrolment.course_key],
                form_nonce=uuid.uuid4().hex,
                answers={"q1": ["q1-a"], "q2": ["q2-a"]},
                results={"q1": score >= 50, "q2": score == 100},
                score=score,
                pass_mark=100,
                passed=score == 100,
                submitted_at=now,
            )
        )
    webinars = {course.translation_key: webinar for course, webinar in course_pages}
    for enrolment in enrolments[::3]:
        webinar = webinars[enrolment.course_key]
        positions[webinar.pk] = positions.get(webinar.pk, 0) + 1
        registrations.append(
            WebinarRegistration(
                webinar=webinar,
                user_id=enrolment.user_id,
                status="registered",
                position=positions[webinar.pk],
                created_at=now,
                attended=rng.random() < 0.6,
            )
        )
    QuizAttempt.objects.bulk_create(attempts, batch_size=5000)
    WebinarRegistration.objects.bulk_create(registrations, batch_size=5000)
    return Dataset(
        organisations=orgs,
        courses=[course for course, _webinar in course_pages],
        learners=users,
        enrolments=len(enrolments),
    )
