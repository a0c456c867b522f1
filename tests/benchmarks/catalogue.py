"""The course catalogue of a sized benchmark dataset, as real Wagtail pages.

Every course, module, webinar and translation is a page in the tree, live, with a
revision, in the search index and the reference index, as if an editor had
published it; what is skipped is only the admin's path to that state (a second
save and the publish action for each page, which would triple the time). Lessons
are the demo courses' lessons (``courses.demo_content``: headings, text, callouts,
case studies, resources and a quiz), reused in turn.

The first course is the one the HTTP benchmark reads: 20 modules, two of them in
three, with French, Spanish and Korean translations of the course and its modules
(the demo's translated lessons where they exist, the English text otherwise, as
wagtail-localize leaves a page before its translator gets to it).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from wagtail.models import Locale, Page, Revision
from wagtail.signals import page_published

from cms.models import HomePage, StandardPage
from courses.demo_content import COURSES as DEMO_COURSES
from courses.models import CoursePage, ModulePage, Topic, WebinarPage
from tests.courses import factories

BENCH_COURSE_MODULES = 20
BENCH_COURSE_TITLES = {
    "en": "Building the social and solidarity economy in your city",
    "fr": "Construire l'économie sociale et solidaire dans votre ville",
    "es": "Construir la economía social y solidaria en su ciudad",
    "ko": "우리 도시에 사회연대경제 세우기",
}
LANGUAGES = ("en", "fr", "es", "ko")

THEMES = [
    "Social procurement",
    "Financing cooperatives",
    "Measuring the social economy",
    "Municipal SSE strategies",
    "Co-construction of public policy",
    "Community land trusts",
    "Incubating social enterprises",
    "The circular economy and the SSE",
    "Care cooperatives",
    "Fair trade towns",
    "Solidarity finance",
    "Platform cooperatives",
    "Energy communities",
    "Local food systems",
    "Young people and the SSE",
    "Women's cooperatives",
    "From the informal to the social economy",
    "Legal frameworks for the SSE",
    "Local development agencies",
    "Participatory budgeting",
]
SUFFIXES = [
    "",
    ": a practical introduction",
    " for city officials",
    ": advanced workshop",
    " in practice",
    ": case studies from GSEF members",
]
HOST_ZONES = [
    "Asia/Seoul",
    "America/Mexico_City",
    "Africa/Bamako",
    "America/Toronto",
    "Europe/Madrid",
    "Africa/Dakar",
]


@dataclass(frozen=True)
class Quiz:
    pass_mark: int
    # (question id, ids of the correct options, ids of the wrong ones)
    questions: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


@dataclass(frozen=True)
class Module:
    key: UUID
    page_id: int  # the English page
    title: str
    required: bool
    quiz: Quiz | None


@dataclass
class Course:
    page: CoursePage  # the English original
    modules: list[Module]
    webinars: list[WebinarPage] = field(default_factory=list)
    languages: tuple[str, ...] = ("en",)

    @property
    def key(self) -> UUID:
        return self.page.translation_key

    @property
    def required_count(self) -> int:
        return sum(1 for module in self.modules if module.required)


@dataclass
class Catalogue:
    courses: list[Course]
    open_webinars: list[WebinarPage]
    bare_page: StandardPage
    pages: int  # how many pages were made
    # The programme list: one programme of four courses per four courses (30 at 100x).
    programme_index: Page | None = None


# --- lessons ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lesson:
    """One demo module, in every language the demo has it in."""

    by_language: dict[str, dict]  # language → {"title", "summary", "body"}
    minutes: int

    def text(self, language: str) -> dict:
        return self.by_language.get(language) or self.by_language["en"]


def demo_lessons() -> list[Lesson]:
    lessons = []
    for content in DEMO_COURSES:
        translations = getattr(content, "TRANSLATIONS", {})
        for number, module in enumerate(content.COURSE["modules"]):
            texts = {"en": module}
            for language, course in translations.items():
                texts[language] = course["modules"][number]
            lessons.append(Lesson(by_language=texts, minutes=module.get("minutes", 30)))
    return lessons


def _without_quiz(body: list[dict]) -> list[dict]:
    return [block for block in body if block["type"] != "quiz"]


def _quiz(body: list[dict]) -> Quiz | None:
    for block in body:
        if block["type"] == "quiz":
            questions = []
            for question in block["value"]["questions"]:
                options = question["value"]["options"]
                questions.append(
                    (
                        question["id"],
                        tuple(o["id"] for o in options if o["value"]["correct"]),
                        tuple(o["id"] for o in options if not o["value"]["correct"]),
                    )
                )
            return Quiz(pass_mark=block["value"]["pass_mark"], questions=tuple(questions))
    return None


# --- publishing ----------------------------------------------------------------------------


class Publisher:
    """Adds live pages with one revision each, and counts them. Each sends
    ``page_published``, as Wagtail's publishing does, so that what listens to it (the
    course listing, the caches, webinar schedules) sees the pages as on a real site."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, parent: Page, page: Page, *, at: dt.datetime) -> Page:
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = at
        parent.add_child(instance=page)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        type(page).objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        page_published.send(sender=type(page), instance=page, revision=revision)
        self.count += 1
        return page


def _course_fields(number: int, rng: random.Random, now: dt.datetime) -> dict:
    """Enrolment window, audience and deadline: mostly open to everyone, as on GSEF today."""
    fields: dict = {"audience": CoursePage.Audience.EVERYONE}
    draw = rng.random()
    if number and draw < 0.10:
        fields["enrolment_closes_at"] = now - dt.timedelta(days=rng.randint(10, 200))
        fields["enrolment_opens_at"] = fields["enrolment_closes_at"] - dt.timedelta(days=90)
    elif number and draw < 0.15:
        fields["enrolment_opens_at"] = now + dt.timedelta(days=rng.randint(5, 60))
    elif draw < 0.25:
        fields["enrolment_closes_at"] = now + dt.timedelta(days=rng.randint(20, 200))
    if number and rng.random() < 0.15:
        fields["audience"] = CoursePage.Audience.MEMBERS
    draw = rng.random()
    if number == 0 or draw < 0.30:
        fields["deadline_policy"] = CoursePage.DeadlinePolicy.RELATIVE
        fields["deadline_days"] = rng.choice([30, 45, 60, 90])
    elif draw < 0.50:
        fields["deadline_policy"] = CoursePage.DeadlinePolicy.FIXED
        fields["deadline_date"] = (now + dt.timedelta(days=rng.randint(30, 240))).date()
        fields.pop("enrolment_closes_at", None)
        fields.pop("enrolment_opens_at", None)
    fields["completion_min_quiz_score"] = rng.choice([None, 60, 70])
    fields["level"] = rng.choice(list(CoursePage.Level.values))
    fields["format"] = rng.choice(list(CoursePage.Format.values))
    return fields


def build(
    *,
    courses: int,
    hosts: list,
    trainers: list,
    rng: random.Random,
    now: dt.datetime,
) -> Catalogue:
    """``courses`` courses (the first with 20 modules and three translations), their
    modules and webinars, a few open webinars, and a standard page for the yardstick."""
    publisher = Publisher()
    lessons = demo_lessons()
    catalogues = {language: factories.catalogue(language) for language in LANGUAGES}
    locales = {language: Locale.objects.get(language_code=language) for language in LANGUAGES}
    topics: dict[str, dict[UUID, Topic]] = {language: {} for language in LANGUAGES}
    for topic in Topic.objects.select_related("locale"):
        topics.setdefault(topic.locale.language_code, {})[topic.translation_key] = topic
    topic_keys = list(topics["en"])
    descriptions = [content.COURSE["description"] for content in DEMO_COURSES]
    lesson_cursor = 0
    made: list[Course] = []

    for number in range(courses):
        is_bench = number == 0
        theme, suffix = THEMES[number % len(THEMES)], SUFFIXES[number // len(THEMES) % 6]
        title = BENCH_COURSE_TITLES["en"] if is_bench else f"{theme}{suffix}"
        published = now - dt.timedelta(days=rng.randint(30, 720), minutes=number)
        module_count = BENCH_COURSE_MODULES if is_bench else rng.randint(4, 8)
        if is_bench:
            languages: tuple[str, ...] = LANGUAGES
        elif number % 8 == 4:
            languages = ("en", "fr", "es", "ko")
        elif number % 4 == 2:
            languages = ("en", "fr", "es")
        else:
            languages = ("en",)
        course_topics = rng.sample(topic_keys, k=min(len(topic_keys), rng.randint(1, 2)))
        fields = _course_fields(number, rng, now)
        course_hosts = hosts[:3] if is_bench else rng.sample(hosts, k=min(len(hosts), 2))
        course_trainers = rng.sample(trainers, k=min(len(trainers), 2))
        chosen = [lessons[(lesson_cursor + n) % len(lessons)] for n in range(module_count)]
        lesson_cursor += module_count

        english: CoursePage | None = None
        modules: list[Module] = []
        for language in languages:
            page = CoursePage(
                # Other courses keep the English title until their translator gets to them.
                title=BENCH_COURSE_TITLES[language] if is_bench else title,
                slug=f"course-{number}",
                summary=(
                    "A course for local government officials and SSE practitioners: "
                    f"{title.lower()}, with examples from GSEF member cities."
                ),
                description=descriptions[number % len(descriptions)],
                effort_hours=(Decimal(sum(lesson.minutes for lesson in chosen)) / 60).quantize(
                    Decimal("0.1")
                ),
                locale=locales[language],
                **fields,
            )
            if english is not None:
                page.translation_key = english.translation_key
            page.topics = [
                topics[language][key] for key in course_topics if key in topics[language]
            ]
            page.host_organisations = course_hosts
            page.trainers = course_trainers
            publisher.add(catalogues[language], page, at=published)
            for position, lesson in enumerate(chosen):
                text = lesson.text(language)
                # A third of the modules are read and marked complete, the others end in a quiz.
                body = text["body"] if position % 3 != 2 else _without_quiz(text["body"])
                module = ModulePage(
                    title=text["title"],
                    slug=f"module-{position + 1}",
                    summary=text["summary"],
                    estimated_minutes=lesson.minutes,
                    is_required=position % 7 != 6,
                    is_open_preview=position == 0,
                    body=body,
                    locale=locales[language],
                )
                if english is not None:
                    module.translation_key = modules[position].key
                publisher.add(page, module, at=published)
                if english is None:
                    modules.append(
                        Module(
                            key=module.translation_key,
                            page_id=module.pk,
                            title=module.title,
                            required=module.is_required,
                            quiz=_quiz(body),
                        )
                    )
            if english is None:
                english = page
        course = Course(page=english, modules=modules, languages=languages)
        # Every course has a webinar; one in three has a second. The first is over
        # (with a recording) for half the courses, the others are to come.
        for count in range(2 if is_bench or number % 3 == 0 else 1):
            past = count == 0 and (is_bench or number % 2 == 1)
            starts = now + dt.timedelta(days=rng.randint(-60, -2) if past else rng.randint(2, 45))
            course.webinars.append(
                _webinar(
                    publisher, english, f"{title}: live session {count + 1}", starts, rng, past
                )
            )
        made.append(course)

    webinar_index = factories.webinar_index("en")
    open_webinars = [
        _webinar(
            publisher,
            webinar_index,
            f"GSEF open webinar {number + 1}",
            now + dt.timedelta(days=(number - 3) * 9 + 1),
            rng,
            number < 3,
        )
        for number in range(6)
    ]
    home = HomePage.objects.get(locale=locales["en"])
    bare = StandardPage(
        title="About GSEF Academy",
        slug="about",
        intro="The learning platform of the Global Social Economy Forum.",
        body=[
            {
                "type": "paragraph",
                "value": "<p>GSEF Academy trains local government officials and social and "
                "solidarity economy practitioners of GSEF's member cities and networks.</p>",
            }
        ],
    )
    publisher.add(home, bare, at=now - dt.timedelta(days=400))
    programme_index = _programmes(publisher, home, made, now)
    return Catalogue(
        courses=made,
        open_webinars=open_webinars,
        bare_page=bare,
        pages=publisher.count,
        programme_index=programme_index,
    )


def _programmes(publisher: Publisher, home: Page, courses: list[Course], now: dt.datetime):
    """The programme list with a programme per four courses: three required, one elective."""
    from courses.models import ProgrammeCourse, ProgrammeIndexPage, ProgrammePage

    index = ProgrammeIndexPage(title="Programmes", slug="programmes")
    publisher.add(home, index, at=now - dt.timedelta(days=300))
    for number in range(len(courses) // 4):
        group = courses[number * 4 : number * 4 + 4]
        page = ProgrammePage(
            title=f"Programme {number + 1}: {THEMES[number % len(THEMES)]}",
            slug=f"programme-{number + 1}",
            summary="Four courses taken in order, with a programme certificate.",
            electives_required=1,
        )
        for position, course in enumerate(group):
            page.programme_courses.add(
                ProgrammeCourse(course=course.page, is_required=position < 3, sort_order=position)
            )
        publisher.add(index, page, at=now - dt.timedelta(days=200 - number))
    return index


def _webinar(
    publisher: Publisher,
    parent: Page,
    title: str,
    starts: dt.datetime,
    rng: random.Random,
    past: bool,
) -> WebinarPage:
    number = publisher.count
    page = WebinarPage(
        title=title,
        slug=f"webinar-{number}",
        description="<p>A live session with the course's trainers and guests from member "
        "cities: short talks, then questions from participants.</p>",
        starts_at=starts.replace(second=0, microsecond=0),
        host_time_zone=rng.choice(HOST_ZONES),
        duration_minutes=rng.choice([60, 90]),
        presenters="Min-ji Park, Seoul Metropolitan Government\nClaire Roy, City of Montreal",
        join_url="https://meet.example.org/gsef-" + str(number),
        recording_url="https://video.example.org/gsef-" + str(number) if past else "",
    )
    page.scheduled_fingerprint = page.schedule_fingerprint
    return publisher.add(parent, page, at=starts - dt.timedelta(days=30))
