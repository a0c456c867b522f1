"""The "Learning" admin screens (``/admin/learning/``, URL names ``learning:…``) as one
Wagtail viewset: the progress report and a learner's record, enrolling members, the
secretariat's overview, a trainer's courses, and progress exports.

The viewset also gives the "Learning" submenu one item per screen, each shown to the
people whose reach (``courses.permissions.reach_of``, read once per request through
``report_scope``) lets them use it; the screens refuse the others with the same rule.
Other viewsets join the submenu with ``menu_hook = "register_learning_menu_item"``: the
outbox (600), webinar attendance (500), the certificate register (700) and coordinators'
zips (710), each shown by its own permission policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from courses.selectors.reports import ReportScope, report_scope
from courses.views import enrolment_admin, exports, programme_admin, reports
from lms.permissions import follows_taught_courses, has_permission


def request_scope(request) -> ReportScope:
    """The person's report scope, resolved once per request (menus ask it several times)."""
    if not hasattr(request, "_gsef_report_scope"):
        request._gsef_report_scope = report_scope(user=request.user)
    return request._gsef_report_scope


@dataclass(frozen=True)
class Screen:
    """One screen of the submenu: its label, URL name, icon, order, and who sees it."""

    label: str
    url_name: str
    icon: str
    order: int
    shown_to: Callable[[ReportScope, object], bool]


class ScreenMenuItem(MenuItem):
    """Shown when ``shown_to(scope, user)`` holds for the person's report scope."""

    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request) -> bool:
        return self.shown_to(request_scope(request), request.user)


class LearningViewSet(ViewSet):
    """``/admin/learning/``: the reports and enrolment screens, each with its menu item."""

    name = "learning"
    icon = "doc-full"
    menu_hook = "register_learning_menu_item"
    screens = (
        Screen(
            gettext_lazy("Progress report"),
            "progress",
            "doc-full",
            100,
            lambda scope, user: not scope.is_empty,
        ),
        Screen(
            gettext_lazy("Enrol learners"),
            "enrol",
            "user",
            200,
            lambda scope, user: scope.is_secretariat or scope.is_coordinator,
        ),
        Screen(
            gettext_lazy("Enrol in a programme"),
            "enrol_programme",
            "user",
            210,
            lambda scope, user: has_permission(user, "courses.add_programmeenrolment"),
        ),
        Screen(
            gettext_lazy("Secretariat overview"),
            "overview",
            "table",
            300,
            lambda scope, user: scope.is_secretariat,
        ),
        Screen(
            gettext_lazy("My courses"),
            "trainer_courses",
            "doc-full-inverse",
            400,
            # Trainers see "My courses" even before they teach one.
            lambda scope, user: scope.is_secretariat or follows_taught_courses(user),
        ),
    )

    def get_urlpatterns(self):
        return [
            path("", reports.ProgressReportView.as_view(), name="progress"),
            path(
                "learners/<int:enrolment_id>/",
                reports.LearnerRecordView.as_view(),
                name="learner_record",
            ),
            path("enrol/", enrolment_admin.enrol, name="enrol"),
            path("enrol/upload/", enrolment_admin.enrol_upload, name="enrol_upload"),
            path("enrol/programme/", programme_admin.enrol_programme, name="enrol_programme"),
            path("my-courses/", reports.TrainerCoursesView.as_view(), name="trainer_courses"),
            path(
                "my-courses/<int:page_id>/",
                reports.TrainerCourseView.as_view(),
                name="trainer_course",
            ),
            path("overview/", reports.SecretariatOverviewView.as_view(), name="overview"),
            path("exports/", exports.exports_index, name="exports"),
            path("exports/<int:pk>/download/", exports.export_download, name="export_download"),
        ]

    def get_screen_menu_item(self, screen: Screen) -> ScreenMenuItem:
        return ScreenMenuItem(
            screen.label,
            reverse(self.get_url_name(screen.url_name)),
            name=f"{self.name}-{screen.url_name}",
            icon_name=screen.icon,
            order=screen.order,
            shown_to=screen.shown_to,
        )

    def register_menu_item(self):
        # One item per screen rather than Wagtail's one per viewset.
        for screen in self.screens:
            hooks.register(self.menu_hook, lambda screen=screen: self.get_screen_menu_item(screen))
        self.menu_item_is_registered = True


learning_viewset = LearningViewSet()
