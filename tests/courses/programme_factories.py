"""Programmes built the way editors build them: an index under the home page of the
language, a programme page with its ordered courses, published (translations with
``copy_for_translation``, which copies the course list unchanged)."""

from __future__ import annotations

import itertools

from courses.models import ProgrammeCourse, ProgrammeIndexPage, ProgrammePage
from tests.courses import factories

_numbers = itertools.count(1)


def programme_index(language: str = "en") -> ProgrammeIndexPage:
    home = factories.catalogue(language).get_parent()
    found = ProgrammeIndexPage.objects.child_of(home).first()
    if found is not None:
        return found
    if language == "en":
        page = ProgrammeIndexPage(title="Programmes", slug="programmes", live=False)
        home.add_child(instance=page)
    else:  # a translation of the English list, as wagtail-localize makes it
        page = programme_index("en").copy_for_translation(factories.locale(language))
        page.slug = f"programmes-{language}"
        page.save()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def programme(
    title: str | None = None,
    *,
    required=(),
    electives=(),
    electives_required: int = 0,
    language: str = "en",
    **fields,
) -> ProgrammePage:
    """A published programme: ``required`` courses then ``electives``, in that order."""
    number = next(_numbers)
    page = ProgrammePage(
        title=title or f"Programme {number}",
        slug=f"programme-{number}",
        summary="A path of courses.",
        electives_required=electives_required,
        live=False,
        **fields,
    )
    for course in required:
        page.programme_courses.add(ProgrammeCourse(course=course, is_required=True))
    for course in electives:
        page.programme_courses.add(ProgrammeCourse(course=course, is_required=False))
    programme_index(language).add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page: ProgrammePage, language: str, *, title: str) -> ProgrammePage:
    programme_index(language)
    translation = page.copy_for_translation(factories.locale(language))
    translation.title = title
    translation.save()
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation
