"""The demo programme, "Building a local SSE ecosystem", and the prerequisites of its
courses, in the demo languages; called by ``courses.demo.seed``.

Safe to run again: the programme list and the programme are found by slug (English) or
by translation key and locale, a prerequisite by its two courses; what exists is left as
it is.
"""

from __future__ import annotations

from wagtail.models import Locale

from courses.models import (
    CourseIndexPage,
    CoursePage,
    CoursePrerequisite,
    ProgrammeCourse,
    ProgrammeIndexPage,
    ProgrammePage,
)

INTRO = "introduction-to-the-social-and-solidarity-economy"
STRATEGY = "designing-a-municipal-sse-strategy"
PROCUREMENT = "public-procurement-for-social-economy-enterprises"
FINANCING = "financing-cooperatives"

# (course slug, required): two required courses, then two electives of which one counts.
COURSES = [(INTRO, True), (STRATEGY, True), (PROCUREMENT, False), (FINANCING, False)]
ELECTIVES_REQUIRED = 1
# course slug → the slugs of the courses to complete first
PREREQUISITES = {STRATEGY: [INTRO], PROCUREMENT: [STRATEGY], FINANCING: [INTRO]}

INDEX = {
    "en": {"title": "Programmes", "slug": "programmes"},
    "fr": {"title": "Parcours", "slug": "parcours"},
    "es": {"title": "Programas", "slug": "programas"},
    "ko": {"title": "과정 프로그램", "slug": "programmes"},
}
PROGRAMME = {
    "en": {
        "title": "Building a local SSE ecosystem",
        "slug": "building-a-local-sse-ecosystem",
        "summary": (
            "From understanding the social and solidarity economy to a municipal strategy, "
            "then public procurement or financing: the path GSEF's member cities take."
        ),
    },
    "fr": {
        "title": "Construire un écosystème local de l'ESS",
        "slug": "construire-un-ecosysteme-local-de-l-ess",
        "summary": (
            "Comprendre l'économie sociale et solidaire, bâtir une stratégie municipale, "
            "puis la commande publique ou le financement : le parcours des villes membres."
        ),
    },
    "es": {
        "title": "Construir un ecosistema local de ESS",
        "slug": "construir-un-ecosistema-local-de-ess",
        "summary": (
            "De comprender la economía social y solidaria a una estrategia municipal, y luego "
            "la contratación pública o la financiación: el camino de las ciudades miembro."
        ),
    },
    "ko": {
        "title": "지역 사회연대경제 생태계 만들기",
        "slug": "building-a-local-sse-ecosystem",
        "summary": (
            "사회연대경제의 이해에서 지방정부 전략, 공공조달 또는 금융까지: "
            "GSEF 회원 도시들이 걷는 학습 경로입니다."
        ),
    },
}


def _courses(catalogue: CourseIndexPage) -> dict[str, CoursePage]:
    return {
        page.slug: page
        for page in CoursePage.objects.child_of(catalogue).filter(
            slug__in=[slug for slug, _required in COURSES]
        )
    }


def _prerequisites(courses: dict[str, CoursePage]) -> int:
    made = 0
    for slug, firsts in PREREQUISITES.items():
        course = courses.get(slug)
        if course is None:
            continue
        draft = course.get_latest_revision_as_object()
        have = {row.required_course_id for row in draft.prerequisites.all()}
        wanted = [courses[first] for first in firsts if first in courses]
        missing = [first for first in wanted if first.pk not in have]
        if not missing:
            continue
        for first in missing:
            draft.prerequisites.add(CoursePrerequisite(required_course=first))
        draft.save_revision().publish()
        made += len(missing)
    return made


def _translate(page, locale: Locale, fields: dict) -> int:
    if page.get_translation_or_none(locale) is not None:
        return 0
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return 1


def seed_programmes(*, catalogue: CourseIndexPage) -> str:
    """The demo programme and its courses' prerequisites, where missing."""
    courses = _courses(catalogue)
    if len(courses) < len(COURSES):
        return "Demo programme: skipped (its four demo courses are not all there)."
    made = _prerequisites(courses)
    home = catalogue.get_parent().specific
    index = ProgrammeIndexPage.objects.child_of(home).first()
    if index is None:
        index = ProgrammeIndexPage(**INDEX["en"])
        home.add_child(instance=index)
        index.save_revision().publish()
        made += 1
    programme = ProgrammePage.objects.child_of(index).filter(slug=PROGRAMME["en"]["slug"]).first()
    if programme is None:
        programme = ProgrammePage(**PROGRAMME["en"], electives_required=ELECTIVES_REQUIRED)
        for slug, required in COURSES:
            programme.programme_courses.add(
                ProgrammeCourse(course=courses[slug], is_required=required)
            )
        index.add_child(instance=programme)
        programme.save_revision().publish()
        made += 1
    for language, fields in INDEX.items():
        if language == "en":
            continue
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None or home.get_translation_or_none(locale) is None:
            continue
        made += _translate(index, locale, fields)
        made += _translate(programme, locale, PROGRAMME[language])
    followers = _followers(programme)
    return (
        f"Demo programme: {PROGRAMME['en']['title']} ({made} pages or prerequisites new; "
        f"{followers} demo learners follow it)."
    )


# Demo learners who follow the programme (they completed its first course in the demo).
FOLLOWERS = ("learner.seoul", "learner.montreal")


def _followers(programme: ProgrammePage) -> int:
    """Through the service, as the learner would on the programme page (idempotent)."""
    from django.core.exceptions import ValidationError

    from courses.services.programmes import programme_enrol
    from lms.demo import DEMO_EMAIL_DOMAIN
    from lms.models import User

    followed = 0
    for local_part in FOLLOWERS:
        learner = User.objects.filter(email=f"{local_part}@{DEMO_EMAIL_DOMAIN}").first()
        if learner is None:
            continue
        version = programme.get_translation_or_none(
            Locale.objects.filter(language_code=learner.preferred_language).first()
        )
        try:
            programme_enrol(user=learner, programme=(version or programme).specific)
        except ValidationError:
            continue
        followed += 1
    return followed
