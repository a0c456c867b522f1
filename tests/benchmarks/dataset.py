"""Learning datasets for the benchmarks, made in bulk so that thousands of rows take seconds.

Two generators:

- ``generate``: one organisation's learners, each enrolled in every course (2,000 by
  10 in ``tests.benchmarks.bench_reports``; a few rows in the report tests, which count
  queries). Courses, modules and webinars are real pages, published the editors' way;
  people, memberships, enrolments, quiz attempts and registrations use bulk_create.
- ``generate_size``: the whole platform at a size of ``SIZES`` (``small`` is GSEF
  today), for ``tests.benchmarks.bench_scale`` and ``bench_http``: the catalogue as
  real pages (``tests.benchmarks.catalogue``), then people, memberships, enrolments
  with their progress (completed modules, quiz attempts), and webinar registrations,
  loaded with COPY (``tests.benchmarks.bulk``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.models import (
    CalendarFeed,
    Enrolment,
    ModuleCompletion,
    QuizAttempt,
    WebinarRegistration,
)
from lms import roles
from lms.models import Membership, Organisation, Region, User
from tests.benchmarks import bulk
from tests.benchmarks import catalogue as catalogue_module
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


# --- the platform at a size ----------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    """How big the platform is. Courses grow slowly (a catalogue stays something a
    secretariat can curate); organisations, learners and enrolments grow with the size."""

    name: str
    organisations: int
    learners: int
    courses: int


SIZES = {
    "small": Size("small", organisations=64, learners=3_000, courses=30),  # GSEF today
    "10x": Size("10x", organisations=640, learners=30_000, courses=60),
    "100x": Size("100x", organisations=6_400, learners=300_000, courses=120),
}
# Courses per learner: a third have not enrolled yet, a few take four; 1.03 on average,
# so the enrolments are about as many as the learners (300,000 at 100x).
COURSES_PER_LEARNER = {0: 35, 1: 40, 2: 15, 3: 7, 4: 3}
TIME_ZONES = [
    "Asia/Seoul",
    "America/Mexico_City",
    "Africa/Bamako",
    "America/Toronto",
    "Europe/Madrid",
    "Africa/Dakar",
    "Europe/Paris",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "UTC",
]
LANGUAGE_WEIGHTS = {"en": 40, "fr": 20, "es": 25, "ko": 15}
FIRST_NAMES = [
    "Ana", "Min-jun", "Aminata", "Claire", "Javier", "Seo-yeon", "Moussa", "Lucía",
    "Pierre", "Ji-ho", "Fatou", "Diego", "Marie", "Hyun-woo", "Ibrahim", "Sofía",
]  # fmt: skip
LAST_NAMES = [
    "García", "Kim", "Traoré", "Tremblay", "López", "Park", "Diallo", "Martínez",
    "Roy", "Lee", "Keïta", "Hernández", "Gagnon", "Choi", "Coulibaly", "Etxeberria",
]  # fmt: skip

# The columns COPY writes, in the order of the tuples built below (bulk.copy_rows).
USER_COLUMNS = (
    "id password is_superuser email full_name preferred_language time_zone "
    "notification_preferences is_active date_joined email_verified_at"
)
MEMBERSHIP_COLUMNS = "user_id organisation_id role status created_at confirmed_at status_changed_at"
ENROLMENT_COLUMNS = (
    "id user_id course_key course_page_id organisation_id status source enrolled_by_id "
    "enrolled_at due_on completed_at withdrawn_at progress_percent modules_completed "
    "modules_required last_activity_at last_module_key updated_at"
)
COMPLETION_COLUMNS = "enrolment_id module_key module_page_id method completed_at"
ATTEMPT_COLUMNS = (
    "enrolment_id module_key module_page_id form_nonce answers results score pass_mark "
    "passed submitted_at"
)
REGISTRATION_COLUMNS = (
    "webinar_id user_id status position created_at attended_minutes attended attendance_recorded_at"
)


@dataclass
class ScaleDataset:
    """What the sized benchmarks need to find again in the generated database."""

    size: Size
    catalogue: catalogue_module.Catalogue
    organisations: list[Organisation]  # the largest first
    learner: User  # whose dashboard and module page the HTTP benchmark reads
    learner_module: catalogue_module.Module  # a module of the first course they have not done
    coordinator: User  # of the largest organisation
    counts: dict[str, int]
    timings: dict[str, float]

    @property
    def course(self) -> catalogue_module.Course:
        return self.catalogue.courses[0]


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


class _Records:
    """Rows of the learning record tables, built in memory and then COPYed."""

    def __init__(self, *, now: dt.datetime, rng: random.Random, enrolment_ids: Iterator[int]):
        self.now = now
        self.rng = rng
        self.enrolment_ids = enrolment_ids
        self.enrolments: list[tuple] = []
        self.completions: list[tuple] = []
        self.attempts: list[tuple] = []
        self.registrations: list[tuple] = []
        self.positions: dict[int, int] = {}
        self.nonces = itertools.count(1)
        self.module_texts: dict[UUID, tuple[str, str]] = {}
        self.answer_texts: dict[tuple[UUID, bool], tuple[str, str, int]] = {}

    def enrol(
        self,
        *,
        user_id: int,
        organisation_id: int,
        course: catalogue_module.Course,
        status: str,
        enrolled_at: dt.datetime,
        done: int,
        source: str = "self",
        enrolled_by_id: int | None = None,
        due_on: dt.date | None = None,
        failed_next_quiz: bool = False,
    ) -> int:
        """One enrolment whose first ``done`` modules are completed, with its quiz attempts."""
        now, rng = self.now, self.rng
        modules = course.modules
        enrolment_id = next(self.enrolment_ids)
        enrolled_at = max(enrolled_at, course.page.first_published_at)
        last_activity = enrolled_at + (now - enrolled_at) * (0.2 + 0.8 * rng.random())
        step = (last_activity - enrolled_at) / max(done, 1)
        required_done = 0
        for position, module in enumerate(modules[:done]):
            at = enrolled_at + step * (position + 1)
            required_done += module.required
            method = "marked"
            if module.quiz is not None:
                method = "quiz"
                if rng.random() < 0.25:
                    self._attempt(enrolment_id, module, at - dt.timedelta(minutes=20), passed=False)
                self._attempt(enrolment_id, module, at, passed=True)
            self.completions.append((enrolment_id, *self._module_text(module), method, at))
        if failed_next_quiz and done < len(modules) and modules[done].quiz is not None:
            self._attempt(enrolment_id, modules[done], last_activity, passed=False)
        page = course.page
        if due_on is None and page.deadline_policy == "relative":
            due_on = (enrolled_at + dt.timedelta(days=page.deadline_days)).date()
        elif due_on is None and page.deadline_policy == "fixed":
            due_on = page.deadline_date
        required = course.required_count
        completed = status == "completed"
        progress = 100 if completed else round(100 * required_done / required) if required else 0
        self.enrolments.append(
            (
                enrolment_id,
                user_id,
                course.key,
                page.pk,
                organisation_id,
                status,
                source,
                enrolled_by_id,
                enrolled_at,
                due_on,
                last_activity if completed else None,
                min(now, last_activity + dt.timedelta(days=2)) if status == "withdrawn" else None,
                progress,
                required_done,
                required,
                last_activity,
                modules[done - 1].key if done else None,
                # Its last change: the withdrawal, or the learner's last activity.
                min(now, last_activity + dt.timedelta(days=2))
                if status == "withdrawn"
                else last_activity,
            )
        )
        return enrolment_id

    def _attempt(
        self, enrolment_id: int, module: catalogue_module.Module, at: dt.datetime, *, passed: bool
    ) -> None:
        key, page_id = self._module_text(module)
        answers, results, score = self._answers(module, passed)
        quiz = module.quiz
        self.attempts.append(
            (
                enrolment_id,
                key,
                page_id,
                f"bench-{next(self.nonces)}",
                answers,
                results,
                score,
                quiz.pass_mark,
                score >= quiz.pass_mark,
                at,
            )
        )

    def _module_text(self, module: catalogue_module.Module) -> tuple[str, str]:
        # Made once per module: a million rows repeat a few hundred keys.
        found = self.module_texts.get(module.key)
        if found is None:
            found = self.module_texts[module.key] = (str(module.key), str(module.page_id))
        return found

    def _answers(self, module: catalogue_module.Module, passed: bool) -> tuple[str, str, int]:
        """What a learner answered (JSON) and scored: all right, or the first question wrong."""
        found = self.answer_texts.get((module.key, passed))
        if found is not None:
            return found
        answers, results = {}, {}
        for number, (question, right, wrong) in enumerate(module.quiz.questions):
            correct = passed or number > 0 or not wrong
            answers[question] = list(right) if correct else [wrong[0]]
            results[question] = correct
        score = round(100 * sum(results.values()) / len(results))
        found = self.answer_texts[module.key, passed] = (
            json.dumps(answers),
            json.dumps(results),
            score,
        )
        return found

    def register(
        self, *, webinar, user_id: int, at: dt.datetime, attended: bool | None = None
    ) -> None:
        """A seat at ``webinar``; for a webinar that is over, whether they attended."""
        position = self.positions.get(webinar.pk, 0) + 1
        self.positions[webinar.pk] = position
        over = webinar.ends_at <= self.now
        if attended is None:
            attended = over and self.rng.random() < 0.6
        minutes = None
        if over:
            minutes = webinar.duration_minutes if attended else self.rng.randint(0, 20)
        self.registrations.append(
            (
                webinar.pk,
                user_id,
                "registered",
                position,
                min(at, webinar.starts_at - dt.timedelta(hours=1)),
                minutes,
                attended,
                webinar.ends_at if over else None,
            )
        )

    def load(self) -> dict[str, int]:
        return {
            "enrolments": bulk.copy_rows(
                Enrolment,
                ENROLMENT_COLUMNS,
                self.enrolments,
            ),
            "completed modules": bulk.copy_rows(
                ModuleCompletion,
                COMPLETION_COLUMNS,
                self.completions,
            ),
            "quiz attempts": bulk.copy_rows(
                QuizAttempt,
                ATTEMPT_COLUMNS,
                self.attempts,
            ),
            "webinar registrations": bulk.copy_rows(
                WebinarRegistration,
                REGISTRATION_COLUMNS,
                self.registrations,
            ),
        }


def _people(size: Size, organisations: list[Organisation], rng: random.Random, now: dt.datetime):
    """Learners (each a member of one organisation, the big ones having many more),
    one coordinator per organisation, and the learner the HTTP benchmark logs in as.
    Returns (learner rows (id, organisation id), coordinator id per organisation id,
    the benchmark learner's id)."""
    count = size.learners + len(organisations) + 1
    ids = iter(bulk.reserve_ids(User, count))
    weights = _cumulative([1 / (rank + 1) for rank in range(len(organisations))])
    homes = rng.choices(organisations, cum_weights=weights, k=size.learners)
    languages = rng.choices(
        list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()), k=count
    )
    users, memberships, learners, coordinators = [], [], [], {}
    day = dt.timedelta(days=1)

    def person(user_id, *, email, name, language, zone, joined, role, organisation, status):
        users.append((user_id, "!", False, email, name, language, zone, {}, True, joined, joined))
        confirmed = joined + day if status == "active" else None
        memberships.append(
            (user_id, organisation.pk, role, status, joined, confirmed, confirmed or joined)
        )

    for number, organisation in enumerate(homes):
        user_id = next(ids)
        person(
            user_id,
            email=f"learner{number}@member{organisation.pk}.bench.example",
            name=f"{FIRST_NAMES[number % 16]} {LAST_NAMES[(number // 16) % 16]}",
            language=languages[number],
            zone=TIME_ZONES[number % len(TIME_ZONES)],
            joined=now - dt.timedelta(days=rng.randint(30, 700), seconds=number),
            role="learner",
            organisation=organisation,
            status="active" if rng.random() < 0.95 else "requested",
        )
        learners.append((user_id, organisation.pk))
    for number, organisation in enumerate(organisations):
        user_id = next(ids)
        coordinators[organisation.pk] = user_id
        person(
            user_id,
            email=f"coordinator@member{organisation.pk}.bench.example",
            name=f"Coordinator {number}",
            language="en",
            zone=TIME_ZONES[number % len(TIME_ZONES)],
            joined=now - dt.timedelta(days=800),
            role="coordinator",
            organisation=organisation,
            status="active",
        )
    learner_id = next(ids)
    person(
        learner_id,
        email="learner@bench.example",
        name="Aminata Traoré",
        language="en",
        zone="America/Mexico_City",
        joined=now - dt.timedelta(days=90),
        role="learner",
        organisation=organisations[0],
        status="active",
    )
    bulk.copy_rows(
        User,
        USER_COLUMNS,
        users,
    )
    bulk.copy_rows(
        Membership,
        MEMBERSHIP_COLUMNS,
        memberships,
    )
    return learners, coordinators, learner_id


def _learning_records(
    *,
    learners: list[tuple[int, int]],
    coordinators: dict[int, int],
    catalogue: catalogue_module.Catalogue,
    records: _Records,
) -> None:
    """Enrolments of every learner, in popular courses more than in others, with progress."""
    rng, now = records.rng, records.now
    courses = [
        course
        for course in catalogue.courses
        if course.page.enrolment_opens_at is None or course.page.enrolment_opens_at < now
    ]
    popularity = _cumulative([1 / (rank + 1) ** 0.7 for rank in range(len(courses))])
    counts = rng.choices(
        list(COURSES_PER_LEARNER), weights=list(COURSES_PER_LEARNER.values()), k=len(learners)
    )
    statuses = ["active", "completed", "withdrawn"]
    for (user_id, organisation_id), count in zip(learners, counts, strict=True):
        taken: set[int] = set()
        while len(taken) < count:
            taken.add(rng.choices(range(len(courses)), cum_weights=popularity)[0])
        for index in taken:
            course = courses[index]
            published = course.page.first_published_at
            enrolled_at = published + (now - published) * rng.random()
            status = rng.choices(statuses, weights=(65, 25, 10))[0]
            modules = len(course.modules)
            if status == "completed":
                done = modules
            elif status == "active":
                done = rng.randint(0, modules - 1)
            else:
                done = rng.randint(0, modules // 2)
            source = rng.choices(["self", "coordinator", "import"], weights=(60, 25, 15))[0]
            records.enrol(
                user_id=user_id,
                organisation_id=organisation_id,
                course=course,
                status=status,
                enrolled_at=enrolled_at,
                done=done,
                source=source,
                enrolled_by_id=coordinators[organisation_id] if source != "self" else None,
                failed_next_quiz=status == "active" and rng.random() < 0.3,
            )
            if status != "withdrawn":
                for webinar in course.webinars:
                    if rng.random() < 0.3:
                        records.register(webinar=webinar, user_id=user_id, at=enrolled_at)
        if rng.random() < 0.03:
            webinar = rng.choice(catalogue.open_webinars)
            records.register(webinar=webinar, user_id=user_id, at=webinar.starts_at)


def _benchmark_learner(
    *, learner_id: int, organisation: Organisation, catalogue, records: _Records
) -> catalogue_module.Module:
    """The learner whose pages the HTTP benchmark reads: six courses in every state, a
    third of the way through the first, webinars to come and a recording they missed.
    Returns the module of the first course they are to read next (it has a quiz)."""
    now = records.now
    course = catalogue.courses[0]
    today = now.date()
    records.enrol(
        user_id=learner_id,
        organisation_id=organisation.pk,
        course=course,
        status="active",
        enrolled_at=now - dt.timedelta(days=20),
        done=6,
    )
    others = [c for c in catalogue.courses[1:] if c.page.enrolment_opens_at is None][:5]
    plans = [
        ("active", 1, today + dt.timedelta(days=5)),
        ("active", 2, today - dt.timedelta(days=3)),
        ("active", 0, None),
        ("completed", None, None),
        ("withdrawn", 1, None),
    ]
    for other, (status, done, due_on) in zip(others, plans, strict=True):
        records.enrol(
            user_id=learner_id,
            organisation_id=organisation.pk,
            course=other,
            status=status,
            enrolled_at=now - dt.timedelta(days=60),
            done=len(other.modules) if done is None else done,
            due_on=due_on,
        )
    upcoming = [w for w in course.webinars if w.starts_at > now]
    past = [w for w in course.webinars if w.starts_at <= now]
    for webinar in upcoming + catalogue.open_webinars[3:4]:
        records.register(webinar=webinar, user_id=learner_id, at=now - dt.timedelta(days=1))
    for webinar in past:
        records.register(
            webinar=webinar, user_id=learner_id, at=now - dt.timedelta(days=19), attended=False
        )
    CalendarFeed.objects.create(user_id=learner_id)
    return next(module for module in course.modules[6:] if module.quiz is not None)


def generate_size(size: Size, *, seed: int = 2026, log=print) -> ScaleDataset:
    """The platform at ``size`` in the current (empty, migrated) database."""
    rng = random.Random(seed)
    now = timezone.now().replace(microsecond=0)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    with transaction.atomic():
        orgs = organisations(size.organisations, prefix="Member")
        trainers = User.objects.bulk_create(
            [
                User(email=f"trainer{n}@bench.example", full_name=f"Trainer {n}", password="!")
                for n in range(12)
            ]
        )
        group = Group.objects.get(name=roles.TRAINERS)
        group.user_set.add(*trainers)
        built = catalogue_module.build(
            courses=size.courses, hosts=orgs[:20], trainers=trainers, rng=rng, now=now
        )
    timings["pages"] = time.perf_counter() - started
    log(f"  {built.pages:,} pages in {timings['pages']:.1f} s")

    mark = time.perf_counter()
    with transaction.atomic():
        bulk.skip_triggers()
        learners, coordinators, learner_id = _people(size, orgs, rng, now)
        # As lms.services.user_sync_coordinator_group does: the group carries the
        # coordinators' permissions (their reach in reports and exports).
        Group.objects.get(name=roles.COORDINATORS).user_set.add(*coordinators.values())
        records = _Records(
            now=now,
            rng=rng,
            enrolment_ids=iter(bulk.reserve_ids(Enrolment, 2 * size.learners + 100)),
        )
        _learning_records(
            learners=learners, coordinators=coordinators, catalogue=built, records=records
        )
        learner_module = _benchmark_learner(
            learner_id=learner_id, organisation=orgs[0], catalogue=built, records=records
        )
        counts = records.load()
    timings["people and records"] = time.perf_counter() - mark
    log(
        f"  {len(learners) + len(orgs) + 1:,} people and "
        + ", ".join(f"{count:,} {name}" for name, count in counts.items())
        + f" in {timings['people and records']:.1f} s"
    )

    mark = time.perf_counter()
    bulk.vacuum_analyze()
    timings["vacuum analyze"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    log(f"  VACUUM ANALYZE in {timings['vacuum analyze']:.1f} s")
    return ScaleDataset(
        size=size,
        catalogue=built,
        organisations=orgs,
        learner=User.objects.get(pk=learner_id),
        learner_module=learner_module,
        coordinator=User.objects.get(pk=coordinators[orgs[0].pk]),
        counts={
            "organisations": len(orgs),
            "learners": len(learners),
            "courses": size.courses,
            "pages": built.pages,
            **counts,
        },
        timings=timings,
    )
