"""Builds a course catalogue the way editors do: pages, revisions, publication, translations.

Courses are created under the catalogue of their language and published with
``save_revision().publish()``, so the search index and ``first_published_at`` are
what they are on the real site. Translations are made with ``copy_for_translation``
(the catalogue and home page of the language are translated first when missing),
and keep the translation key of their original.
"""

from __future__ import annotations

import datetime as dt
import itertools

from wagtail.models import Locale, Page

from courses.models import CourseIndexPage, CoursePage, ModulePage, Topic
from courses.services.listing import course_listing_refresh
from lms.models import Organisation, User

_numbers = itertools.count(1)

CATALOGUE_TITLES = {"en": "Courses", "fr": "Cours", "es": "Cursos", "ko": "강좌"}


def locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def catalogue(language: str = "en") -> CourseIndexPage:
    """The live catalogue of ``language``, translated from the English one when missing."""
    english = CourseIndexPage.objects.get(locale__language_code="en")
    if language == "en":
        return english
    found = english.get_translation_or_none(locale(language))
    if found is not None:
        return found.specific
    home = english.get_parent()
    if home.get_translation_or_none(locale(language)) is None:
        _publish(home.specific.copy_for_translation(locale(language)))
    page = english.copy_for_translation(locale(language))
    page.title = CATALOGUE_TITLES[language]
    page.slug = f"courses-{language}"
    return _publish(page)


def topics(slugs: list[str] | tuple[str, ...], language: str = "en") -> list[Topic]:
    """The seeded topics with these slugs, in ``language``."""
    return list(Topic.objects.filter(locale__language_code=language, slug__in=slugs))


def course(
    title: str | None = None,
    *,
    language: str = "en",
    summary: str = "What the course teaches.",
    description: str = "",
    topic_slugs: tuple[str, ...] = (),
    hosts: tuple[Organisation, ...] = (),
    trainers: tuple[User, ...] = (),
    live: bool = True,
    published_at: dt.datetime | None = None,
    **fields,
) -> CoursePage:
    """A course in the catalogue of ``language``; ``fields`` are any other CoursePage fields."""
    number = next(_numbers)
    title = title or f"Course {number}"
    page = CoursePage(
        title=title,
        slug=f"course-{number}",
        summary=summary,
        description=description,
        live=False,
        **fields,
    )
    catalogue(language).add_child(instance=page)
    page.topics.set(topics(topic_slugs, language))
    page.host_organisations.set(hosts)
    page.trainers.set(trainers)
    page.save()  # parental many-to-many values are written when the page is saved
    if live:
        _publish(page)
    else:
        page.save_revision()
    if published_at is not None:
        CoursePage.objects.filter(pk=page.pk).update(first_published_at=published_at)
        page.refresh_from_db()
        # A queryset update sends no signal: the course listing is written as on publish.
        course_listing_refresh(translation_key=page.translation_key)
    return page


def translate(
    page: CoursePage,
    language: str,
    *,
    title: str | None = None,
    summary: str | None = None,
    description: str | None = None,
    live: bool = True,
) -> CoursePage:
    """The course copied into ``language`` (its topics swapped for that language's), published."""
    catalogue(language)
    translation = page.copy_for_translation(locale(language))
    if title is not None:
        translation.title = title
    if summary is not None:
        translation.summary = summary
    if description is not None:
        translation.description = description
    translation.topics.set(
        Topic.objects.filter(
            locale__language_code=language,
            translation_key__in=[topic.translation_key for topic in page.topics.all()],
        )
    )
    translation.save()
    if live:
        return _publish(translation)
    translation.save_revision()
    return translation


def module(
    course_page: CoursePage,
    title: str | None = None,
    *,
    live: bool = True,
    **fields,
) -> ModulePage:
    """A module at the end of ``course_page``."""
    number = next(_numbers)
    page = ModulePage(
        title=title or f"Module {number}", slug=f"module-{number}", live=False, **fields
    )
    course_page.add_child(instance=page)
    if live:
        return _publish(page)
    page.save_revision()
    return page


def quiz_body(
    questions: tuple = (
        (
            "Which is a social economy enterprise?",
            "single",
            (("A cooperative", True), ("A bank branch", False)),
        ),
        (
            "Which are SSE principles?",
            "multiple",
            (("Democratic governance", True), ("Profit first", False), ("Solidarity", True)),
        ),
    ),
    *,
    pass_mark: int = 100,
    lesson: str = "<p>The lesson.</p>",
) -> list[dict]:
    """A module body: a paragraph, then a quiz whose block ids are predictable.

    Question n has the id "qn"; its options "qn-a", "qn-b", … Every option has an
    explanation "why qn-x".
    """
    question_values = []
    for number, (prompt, kind, options) in enumerate(questions, start=1):
        question_values.append(
            {
                "type": "item",
                "id": f"q{number}",
                "value": {
                    "prompt": prompt,
                    "kind": kind,
                    "options": [
                        {
                            "type": "item",
                            "id": f"q{number}-{letter}",
                            "value": {
                                "text": text,
                                "correct": correct,
                                "explanation": f"why q{number}-{letter}",
                            },
                        }
                        for letter, (text, correct) in zip("abcdefgh", options, strict=False)
                    ],
                },
            }
        )
    return [
        {"type": "paragraph", "id": "lesson", "value": lesson},
        {
            "type": "quiz",
            "id": "quiz",
            "value": {
                "title": "Check your understanding",
                "introduction": "",
                "pass_mark": pass_mark,
                "questions": question_values,
            },
        },
    ]


def translate_module(
    module_page: ModulePage, language: str, *, title: str | None = None
) -> ModulePage:
    """The module copied into ``language`` under its course's translation, published."""
    translation = module_page.copy_for_translation(locale(language))
    if title is not None:
        translation.title = title
        translation.save()
    return _publish(translation)


def webinar_index(language: str = "en"):
    """The open webinar list under the home page of ``language``, made when missing."""
    from courses.models import WebinarIndexPage

    home = catalogue(language).get_parent()
    found = WebinarIndexPage.objects.child_of(home).first()
    if found is not None:
        return found
    page = WebinarIndexPage(title="Webinars", slug=f"webinars-{language}", live=False)
    home.add_child(instance=page)
    return _publish(page)


def webinar(
    parent: Page | None = None,
    title: str | None = None,
    *,
    local_start: dt.datetime | None = None,
    host_time_zone: str = "UTC",
    starts_at: dt.datetime | None = None,
    live: bool = True,
    **fields,
):
    """A webinar under ``parent`` (a course, or the open webinar list by default).

    Give the start either as the host's wall-clock time (``local_start``, naive, in
    ``host_time_zone``), as editors type it, or as an aware ``starts_at``.
    """
    from courses.models import WebinarPage
    from courses.models.webinars import wall_time_to_utc

    if local_start is not None:
        starts_at = wall_time_to_utc(local_start, host_time_zone)
    if starts_at is None:
        starts_at = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=7)
    number = next(_numbers)
    page = WebinarPage(
        title=title or f"Webinar {number}",
        slug=f"webinar-{number}",
        starts_at=starts_at,
        host_time_zone=host_time_zone,
        live=False,
        **fields,
    )
    (parent or webinar_index()).add_child(instance=page)
    if live:
        return _publish(page)
    page.save_revision()
    return page
