"""GSEF demo courses: six courses for local government officials, two of them in four languages.

The content lives in ``courses.demo_content`` (one module or package per course);
this module only turns it into pages. Courses are created under the English
catalogue the way an editor would (page, revision, publish); translations are
made the Wagtail way, with ``copy_for_translation``, so that they share the
translation key of their English page and live under the catalogue of their
language, which is itself a real translation (not an alias) of the English one.

Safe to run again: an English course is found by its slug in the English
catalogue and a translation by its translation key and locale, and whatever
exists is left exactly as it is (no new revision), so an editor's changes
survive a second ``seed_demo``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import ModuleType

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from courses.demo_content import COURSES
from courses.library_demo import link_demo_cases
from courses.models import CourseIndexPage, CoursePage, CourseSignatory, ModulePage, Topic
from courses.services.authoring import course_sync_trainer_permissions
from lms.demo import DEMO_EMAIL_DOMAIN
from lms.models import Organisation, User

# The catalogue page of each language (title, slug). The home page keeps the
# platform's name, "GSEF Academy", in every language: its title is the page's
# heading, and the name is not translated on GSEF's own material either.
CATALOGUE_TRANSLATIONS = {
    "fr": {"title": "Cours", "slug": "cours", "intro": ""},
    "es": {"title": "Cursos", "slug": "cursos", "intro": ""},
    "ko": {"title": "강좌", "slug": "courses", "intro": ""},
}

# Topic slugs the content uses, with the slugs an older or newer topic list may
# use for the same topic. A topic that does not exist yet is skipped.
TOPIC_ALIASES = {
    "financing": ("financing", "financing-the-social-economy"),
    "partnerships": ("partnerships", "local-government-civil-society-partnerships"),
}


@transaction.atomic
def seed() -> list[str]:
    """Create the demo courses and their translations that do not exist yet."""
    english = Locale.get_default()
    catalogue = CourseIndexPage.objects.filter(locale=english).order_by("path").first()
    if catalogue is None:
        return ["Demo courses: skipped (there is no English course catalogue)."]

    created = 0
    for content in COURSES:
        course, new_pages = _english_course(catalogue=catalogue, content=content.COURSE)
        created += new_pages
        translated = 0
        for language_code, translation in getattr(content, "TRANSLATIONS", {}).items():
            translated += _translate_course(
                course=course, content=content, language_code=language_code, text=translation
            )
        if new_pages or translated:
            # One trainer group for every language version of the course.
            course_sync_trainer_permissions(course=course)
        created += translated
    from courses.programme_demo import seed_programmes

    # After the demo learning: those enrolments were made before the courses had
    # prerequisites, as on a platform that adds programmes to courses already running.
    return [
        _summary(catalogue=catalogue, created=created),
        _demo_learning(),
        _demo_webinars(),
        link_demo_cases(),  # after the courses: a module links two library cases
        seed_programmes(catalogue=catalogue),
    ]


# --- webinars --------------------------------------------------------------------------------

INTRO_COURSE_SLUG = "introduction-to-the-social-and-solidarity-economy"

# (parent: "intro" course or the open "list"; slug; title; host zone; days from the
# day of seeding; local hour; minutes; extra fields). Dates are relative, so the demo
# always shows an upcoming course webinar, an upcoming open one and a past one.
DEMO_WEBINARS = (
    (
        "intro",
        "live-qa-the-social-economy-in-montreal",
        "Live Q&A: the social economy in Montreal",
        "America/Toronto",
        14,
        10,
        60,
        {
            "capacity": 40,
            "language": "en",
            "presenters": "Chantier de l'économie sociale\nCity of Montreal",
            "join_url": "https://meet.example.org/gsef-montreal-qa",
            "description": "<p>Questions and answers with Montreal's social economy "
            "network and city hall, for the learners of the introductory course.</p>",
        },
    ),
    (
        "list",
        "seouls-social-economy-ecosystem",
        "Seoul's social economy ecosystem",
        "Asia/Seoul",
        21,
        21,
        90,
        {
            "capacity": 100,
            "language": "en",
            "presenters": "Seoul Social Economy Center",
            "join_url": "https://meet.example.org/gsef-seoul-ecosystem",
            "description": "<p>How Seoul built its support centres, public procurement and "
            "social finance for the social economy. Open to everyone.</p>",
        },
    ),
    (
        "list",
        "lessons-from-bilbao",
        "Social economy and the city: lessons from Bilbao",
        "Europe/Madrid",
        -30,
        16,
        75,
        {
            "language": "es",
            "presenters": "Bilbao City Council",
            "recording_url": "https://video.example.org/gsef/lessons-from-bilbao",
            "materials": "<p>Slides and the case study are linked from the recording.</p>",
            "description": "<p>A conversation on municipal support for cooperatives.</p>",
        },
    ),
)

# Demo learners registered for the upcoming webinars (the services check the rules).
DEMO_WEBINAR_REGISTRATIONS = (
    ("learner", "live-qa-the-social-economy-in-montreal"),
    ("learner.bamako2", "live-qa-the-social-economy-in-montreal"),
    ("learner", "seouls-social-economy-ecosystem"),
    ("learner.seoul", "seouls-social-economy-ecosystem"),
)


def _webinar_list(home: Page) -> Page:
    from courses.models import WebinarIndexPage

    found = WebinarIndexPage.objects.child_of(home).first()
    if found is not None:
        return found
    page = WebinarIndexPage(
        title="Webinars",
        slug="webinars",
        intro="Open webinars for GSEF's members and partners, in your own time zone.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _demo_webinars() -> str:
    """Three webinars (a course one hosted in Montreal, an open one in Seoul, a past one
    with a recording) and a few registrations. Safe to run again: a webinar is found by
    its slug under its parent and left as it is."""
    from django.core.exceptions import ValidationError

    from courses.models import WebinarPage
    from courses.models.webinars import wall_time_to_utc
    from courses.services.webinars import webinar_register

    intro = CoursePage.objects.filter(slug=INTRO_COURSE_SLUG, locale__language_code="en").first()
    home = Page.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        return "Demo webinars: skipped (there is no home page)."
    parents = {"intro": intro, "list": _webinar_list(home)}
    today = timezone.localdate()
    made = 0
    for parent_name, slug, title, zone, days, hour, minutes, fields in DEMO_WEBINARS:
        parent = parents[parent_name]
        if parent is None or WebinarPage.objects.child_of(parent).filter(slug=slug).exists():
            continue
        day = today + datetime.timedelta(days=days)
        page = WebinarPage(
            title=title,
            slug=slug,
            starts_at=wall_time_to_utc(datetime.datetime.combine(day, datetime.time(hour)), zone),
            host_time_zone=zone,
            duration_minutes=minutes,
            **fields,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        made += 1
    for local_part, slug in DEMO_WEBINAR_REGISTRATIONS:
        person = User.objects.filter(email=f"{local_part}@{DEMO_EMAIL_DOMAIN}").first()
        webinar = WebinarPage.objects.filter(slug=slug).first()
        if person is None or webinar is None:
            continue
        try:
            webinar_register(user=person, webinar=webinar)
        except ValidationError:
            continue  # not enrolled in the course any more, or the webinar moved on
    total = WebinarPage.objects.filter(slug__in=[row[1] for row in DEMO_WEBINARS]).count()
    return f"Demo webinars: {total} webinars ({made} new)."


# --- learners' records ---------------------------------------------------------------------

# (learner's local part, course slug, how many modules done) — a dashboard worth
# looking at for each demo learner: one course half-way, one finished, one not started.
DEMO_ENROLMENTS = (
    ("learner", "introduction-to-the-social-and-solidarity-economy", 2),
    ("learner", "designing-a-municipal-sse-strategy", 0),
    ("learner", "public-procurement-for-social-economy-enterprises", 0),
    ("learner.seoul", "introduction-to-the-social-and-solidarity-economy", 99),
    ("learner.seoul", "partnership-governance-between-city-halls-and-civil-society", 1),
    ("learner.bamako", "designing-a-municipal-sse-strategy", 1),
    ("learner.bamako2", "introduction-to-the-social-and-solidarity-economy", 0),
    ("learner.mexico", "public-procurement-for-social-economy-enterprises", 2),
    ("learner.montreal", "introduction-to-the-social-and-solidarity-economy", 99),
)


def _right_answers(quiz) -> dict[str, list[str]]:
    return {
        question.id: [
            option.id
            for option in question.value["options"].bound_blocks
            if option.value["correct"]
        ]
        for question in quiz.value["questions"].bound_blocks
    }


def _demo_learning() -> str:
    """Enrol the demo learners and move them through some modules, through the services.

    Safe to run again: enrolling is a no-op when enrolled, and a module already
    completed is skipped (so no second quiz attempt is stored).
    """
    from django.core.exceptions import ValidationError

    from courses.models import Enrolment
    from courses.services.learning import (
        enrolment_create,
        module_complete,
        quiz_form_token,
        quiz_submit,
    )

    enrolled = 0
    for local_part, slug, modules_done in DEMO_ENROLMENTS:
        learner = User.objects.filter(email=f"{local_part}@{DEMO_EMAIL_DOMAIN}").first()
        course = CoursePage.objects.filter(slug=slug, locale__language_code="en").first()
        if learner is None or course is None:
            continue
        version = course.get_translation_or_none(
            Locale.objects.filter(language_code=learner.preferred_language).first()
        )
        course = (version or course).specific
        try:
            enrolment = enrolment_create(user=learner, course=course)
        except ValidationError:
            continue  # the course's window or audience changed since: nothing to show
        enrolled += 1
        done = set(enrolment.module_completions.values_list("module_key", flat=True))
        for module in list(ModulePage.objects.child_of(course).live().order_by("path"))[
            :modules_done
        ]:
            if module.translation_key in done:
                continue
            quiz = module.quiz
            if quiz is None:
                module_complete(enrolment=enrolment, module=module)
            else:
                quiz_submit(
                    enrolment=enrolment,
                    module=module,
                    answers=_right_answers(quiz),
                    form_token=quiz_form_token(enrolment=enrolment, module=module),
                )
    total = Enrolment.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}").count()
    return f"Demo learners: {total} enrolments ({enrolled} checked now)."


# --- English courses ---------------------------------------------------------------------


def _english_course(*, catalogue: CourseIndexPage, content: dict) -> tuple[CoursePage, int]:
    """The course and its modules in English; returns the course and how many pages were made."""
    created = 0
    course = CoursePage.objects.child_of(catalogue).filter(slug=content["slug"]).first()
    if course is None:
        course = _new_course(content=content, locale=catalogue.locale)
        catalogue.add_child(instance=course)
        course.save_revision().publish()
        created += 1

    existing = set(ModulePage.objects.child_of(course).values_list("slug", flat=True))
    for position, module in enumerate(content["modules"]):
        if module["slug"] in existing:
            continue
        page = ModulePage(
            title=module["title"],
            slug=module["slug"],
            summary=module["summary"],
            estimated_minutes=module["minutes"],
            is_required=module.get("required", True),
            # The first module is the course's shop window: anyone may read it.
            is_open_preview=position == 0,
            body=module["body"],
        )
        course.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return course, created


def _new_course(*, content: dict, locale: Locale) -> CoursePage:
    opens, closes = _enrolment_window(content)
    deadline = content.get("deadline", {"policy": "none"})
    deadline_date = None
    if "in_days" in deadline:
        deadline_date = timezone.localdate() + datetime.timedelta(days=deadline["in_days"])
    completion = content.get("completion", {})
    course = CoursePage(
        title=content["title"],
        slug=content["slug"],
        summary=content["summary"],
        description=content["description"],
        level=content["level"],
        format=content["format"],
        effort_hours=Decimal(content["effort_hours"]),
        audience=content.get("audience", CoursePage.Audience.EVERYONE),
        enrolment_opens_at=opens,
        enrolment_closes_at=closes,
        deadline_policy=deadline["policy"],
        deadline_date=deadline_date,
        deadline_days=deadline.get("days"),
        completion_requires_all_modules=completion.get("all_modules", True),
        completion_min_quiz_score=completion.get("min_quiz_score"),
        completion_min_webinars=completion.get("min_webinars", 0),
        certificate_enabled=content.get("certificate", True),
        signatories=[
            CourseSignatory(name=name, title=title, sort_order=order)
            for order, (name, title) in enumerate(content.get("signatories", []))
        ],
    )
    course.topics.set(_topics(content.get("topics", []), locale))
    course.host_organisations.set(_organisations(content.get("hosts", [])))
    course.audience_organisations.set(_organisations(content.get("audience_organisations", [])))
    course.trainers.set(_trainers(content.get("trainers", [])))
    return course


def _enrolment_window(content: dict) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """Dates relative to the day of seeding, so the demo shows each case whenever it is loaded.

    ``open``: opened a fortnight ago (and closes ``enrolment_closes_in_days`` after today
    if given);
    ``closed``: ran for five months and closed three weeks ago; ``upcoming``: opens
    in six weeks.
    """
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    closes_in = content.get("enrolment_closes_in_days")
    closes = (
        today + datetime.timedelta(days=closes_in, hours=23, minutes=59)
        if closes_in is not None
        else None
    )
    match content.get("enrolment", "open"):
        case "closed":
            return today - datetime.timedelta(days=171), today - datetime.timedelta(days=21)
        case "upcoming":
            return today + datetime.timedelta(days=42), closes
        case _:
            return today - datetime.timedelta(days=14), closes


def _topics(slugs: list[str], locale: Locale) -> list[Topic]:
    wanted = [alias for slug in slugs for alias in TOPIC_ALIASES.get(slug, (slug,))]
    return list(Topic.objects.filter(locale=locale, slug__in=wanted))


def _organisations(short_names: list[str]) -> list[Organisation]:
    return list(Organisation.objects.filter(short_name__in=short_names))


def _trainers(local_parts: list[str]) -> list[User]:
    users = []
    for local_part in local_parts:
        user = User.objects.with_email(f"{local_part}@{DEMO_EMAIL_DOMAIN}").first()
        if user is not None:
            users.append(user)
    return users


# --- translations ------------------------------------------------------------------------


def _translate_course(
    *, course: CoursePage, content: ModuleType, language_code: str, text: dict
) -> int:
    """The course and every module in one language; returns how many pages were made."""
    locale = Locale.objects.get(language_code=language_code)
    created = _ensure_catalogue(course.get_parent().specific, locale)

    signatories = text.get("signatories")
    created += _ensure_translation(
        course,
        locale,
        fields={
            "title": text["title"],
            "slug": text.get("slug", course.slug),
            "summary": text["summary"],
            "description": text["description"],
        },
        prepare=lambda page: _localise_course(page, locale, signatories),
    )

    modules = {module.slug: module for module in ModulePage.objects.child_of(course)}
    english_modules = content.COURSE["modules"]
    for english, translated in zip(english_modules, text["modules"], strict=True):
        module = modules.get(english["slug"])
        if module is None:
            continue
        created += _ensure_translation(
            module,
            locale,
            fields={
                "title": translated["title"],
                "slug": translated.get("slug", module.slug),
                "summary": translated["summary"],
                "body": translated["body"],
            },
        )
    return created


def _localise_course(page: CoursePage, locale: Locale, signatories: list | None) -> None:
    """What a copy cannot carry over: topics in the page's language, translated signatory titles."""
    page.topics.set(
        Topic.objects.filter(
            locale=locale,
            translation_key__in=[topic.translation_key for topic in page.topics.all()],
        )
    )
    if signatories:
        page.signatories = [
            CourseSignatory(name=name, title=title, sort_order=order)
            for order, (name, title) in enumerate(signatories)
        ]


def _ensure_catalogue(catalogue: CourseIndexPage, locale: Locale) -> int:
    """The home page and the catalogue in ``locale``, as real translations."""
    home = catalogue.get_parent().specific
    created = _ensure_translation(home, locale, fields={})
    created += _ensure_translation(
        catalogue, locale, fields=CATALOGUE_TRANSLATIONS[locale.language_code]
    )
    return created


def _ensure_translation(page: Page, locale: Locale, *, fields: dict, prepare=None) -> int:
    """Translate ``page`` into ``locale`` unless a translation exists; 1 if one was made."""
    if page.get_translation_or_none(locale) is not None:
        return 0
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if prepare is not None:
        prepare(translation)
    translation.save_revision().publish()
    return 1


# --- summary -----------------------------------------------------------------------------


def _summary(*, catalogue: CourseIndexPage, created: int) -> str:
    slugs = [content.COURSE["slug"] for content in COURSES]
    courses = CoursePage.objects.child_of(catalogue).filter(slug__in=slugs)
    keys = set(courses.values_list("translation_key", flat=True))
    modules = ModulePage.objects.none()
    for course in courses:
        modules |= ModulePage.objects.child_of(course)
    keys |= set(modules.values_list("translation_key", flat=True))
    translations = Page.objects.filter(translation_key__in=keys).exclude(locale=catalogue.locale)
    return (
        f"Demo courses: {courses.count()} courses, {modules.count()} modules, "
        f"{translations.count()} translated pages ({created} pages new)."
    )
