"""The public, read-only catalogue for partner sites: Wagtail's API v2 at ``/api/v2/pages/``,
limited to live, public course pages (every language), with the fields a partner lists.

Separate from the organisation API (``/api/v1/``): no token, nothing about people. JSON
only (Django REST framework's browsable pages are not installed).
"""

from __future__ import annotations

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from courses.models import CoursePage

# Set on the page model when the app is ready (``apps.ApiConfig.ready``): what
# ``/api/v2/pages/?type=courses.CoursePage&fields=…`` may show of a course.
COURSE_API_FIELDS = [
    APIField("summary"),
    APIField("translation_key"),
    APIField("level"),
    APIField("format"),
    APIField("effort_hours"),
    APIField("audience"),
    APIField("enrolment_opens_at"),
    APIField("enrolment_closes_at"),
    APIField("certificate_enabled"),
]


def course_api_fields_register() -> None:
    CoursePage.api_fields = COURSE_API_FIELDS


class CataloguePagesAPIViewSet(PagesAPIViewSet):
    """Live public course pages only; every other page type is absent. The course fields
    come with ``?type=courses.CoursePage&fields=summary,level,…`` (Wagtail's rule)."""

    def get_base_queryset(self):
        return super().get_base_queryset().type(CoursePage)


router = WagtailAPIRouter("public_catalogue")
router.register_endpoint("pages", CataloguePagesAPIViewSet)
