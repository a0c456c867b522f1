"""GET /courses, /courses/{key}: the catalogue in every language."""

from __future__ import annotations

from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Router

from courses.api.endpoints.common import READ_PROBLEMS
from courses.api.problems import ApiProblem
from courses.api.schemas import Course, CourseList
from courses.api.selectors import api_courses
from lms.urls_absolute import absolute_url

router = Router(tags=["courses"])


def _course(pages, request) -> dict:
    original = pages[0]
    languages = []
    for page in pages:
        url = page.get_url(request=request)
        languages.append(
            {
                "language": page.locale.language_code,
                "title": page.title,
                "summary": page.summary,
                "url": absolute_url(url) if url else None,
            }
        )
    return {
        "key": original.translation_key,
        "title": original.title,
        "original_language": original.locale.language_code,
        "level": original.level,
        "format": original.format,
        "effort_hours": original.effort_hours,
        "audience": original.audience,
        "enrolment_opens_at": original.enrolment_opens_at,
        "enrolment_closes_at": original.enrolment_closes_at,
        "certificate_enabled": original.certificate_enabled,
        "languages": languages,
    }


@router.get("/courses", response={200: CourseList, **READ_PROBLEMS}, summary="List courses")
def list_courses(request):
    """Every published course, with its title and summary in each language it exists in.
    Scope: read. Programmes are not listed by the API (their certificates are, in
    /certificates, with kind "programme")."""
    return {"items": [_course(pages, request) for pages in api_courses()]}


@router.get("/courses/{key}", response={200: Course, **READ_PROBLEMS}, summary="One course")
def get_course(request, key: UUID):
    """One published course by its key (the same in every language). Scope: read."""
    found = api_courses(key=key)
    if not found:
        raise ApiProblem(404, _("No published course has this key."), slug="not-found")
    return _course(found[0], request)
