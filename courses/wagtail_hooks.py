"""Admin wiring of the learning domain: saving a course in the admin updates who may edit
it; webinar attendance screens for trainers, coordinators and the secretariat."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from courses import admin_authoring, admin_home  # noqa: F401  (they register admin hooks)
from courses.models import CoursePage, Enrolment, ReportExport, WebinarPage, WebinarRegistration
from courses.permissions import (
    enrolment_policy,
    report_export_policy,
    webinar_attendance_policy,
)
from courses.services.authoring import (
    course_sync_trainer_permissions,
    course_trainer_group_prune,
)
from courses.views import certificate_admin, enrolment_admin, exports, reports, webinar_admin
from courses.views.notification_admin import notification_delivery_viewset
from lms import roles

# The policies of rows with no viewset of their own (the outbox's and certificates' are
# registered by their admin modules), so anything Wagtail builds for them asks the same.
register_permission_policy(Enrolment, enrolment_policy)
register_permission_policy(ReportExport, report_export_policy)
register_permission_policy(WebinarRegistration, webinar_attendance_policy)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def sync_trainer_rights_after_saving_a_course(request, page):
    """Editing the Trainers field grants and revokes rights as soon as the form is saved.

    ``after_edit_page`` also runs after "Publish" and "Submit for review" in the
    edit view; the page it receives carries the trainers the editor just chose,
    even when only a draft was saved.
    """
    if isinstance(page, CoursePage):
        course_sync_trainer_permissions(course=page)


@hooks.register("after_copy_page")
def sync_trainer_rights_after_copying_a_course(request, page, new_page):
    """A copied course is a new course (new translation key): give it its own group."""
    if isinstance(new_page.specific_deferred, CoursePage):
        course_sync_trainer_permissions(course=new_page.specific)


@hooks.register("after_delete_page")
def prune_trainer_group_after_deleting_a_course(request, page):
    """Delete the group once no language version of the course is left."""
    if isinstance(page, CoursePage):
        course_trainer_group_prune(translation_key=page.translation_key)


# --- the notifications outbox (secretariat only; the "Learning" submenu links to it) ---


@hooks.register("register_admin_viewset")
def register_notification_outbox():
    return notification_delivery_viewset


# --- webinar attendance ---------------------------------------------------------------------


class AttendanceMenuItem(MenuItem):
    """Shown to those ``webinar_attendance_policy`` lets record attendance: secretariat,
    trainers, coordinators."""

    def is_shown(self, request) -> bool:
        return webinar_attendance_policy.user_has_permission(request.user, "change")


@hooks.register("register_admin_urls")
def register_webinar_attendance_urls():
    return [
        path(
            "webinars/attendance/",
            webinar_admin.attendance_index,
            name="courses_webinar_attendance_index",
        ),
        path(
            "webinars/<int:page_id>/attendance/",
            webinar_admin.attendance,
            name="courses_webinar_attendance",
        ),
    ]


@hooks.register("register_learning_menu_item")
def register_webinar_attendance_menu_item():
    return AttendanceMenuItem(
        _("Webinar attendance"),
        reverse("courses_webinar_attendance_index"),
        icon_name="calendar",
        order=500,
    )


# --- the Learning menu and its reports ------------------------------------------------------
#
# One "Learning" submenu. Another screen joins it with one hook function:
#
#     @hooks.register("register_learning_menu_item")
#     def register_…_menu_item():
#         return MenuItem(_("…"), reverse("…"), icon_name="…", order=…)
#
# Viewsets join it with ``menu_hook = "register_learning_menu_item"``: the outbox (600), the
# certificate register (700) and coordinators' zips (710), each shown by its policy.

LEARNING_URLS = [
    path("", reports.ProgressReportView.as_view(), name="progress"),
    path(
        "learners/<int:enrolment_id>/", reports.LearnerRecordView.as_view(), name="learner_record"
    ),
    path("enrol/", enrolment_admin.enrol, name="enrol"),
    path("enrol/upload/", enrolment_admin.enrol_upload, name="enrol_upload"),
    path("my-courses/", reports.TrainerCoursesView.as_view(), name="trainer_courses"),
    path("my-courses/<int:page_id>/", reports.TrainerCourseView.as_view(), name="trainer_course"),
    path("overview/", reports.SecretariatOverviewView.as_view(), name="overview"),
    path("exports/", exports.exports_index, name="exports"),
    path("exports/<int:pk>/download/", exports.export_download, name="export_download"),
]


@hooks.register("register_admin_urls")
def register_learning_urls():
    return [path("learning/", include((LEARNING_URLS, "learning"), namespace="learning"))]


def _in_scope(request):
    from courses.selectors.reports import report_scope

    if not hasattr(request, "_gsef_report_scope"):
        request._gsef_report_scope = report_scope(user=request.user)
    return request._gsef_report_scope


class ScopedMenuItem(MenuItem):
    """Shown when ``shown_to(scope)`` holds for the person's report scope."""

    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request) -> bool:
        return self.shown_to(_in_scope(request))


class TrainerMenuItem(ScopedMenuItem):
    """Trainers see "My courses" even before they teach one."""

    def is_shown(self, request) -> bool:
        return super().is_shown(request) or roles.is_trainer(request.user)


@hooks.register("register_admin_menu_item")
def register_learning_menu():
    # Shown when one of its items is (SubmenuMenuItem.is_shown).
    return SubmenuMenuItem(
        _("Learning"),
        Menu(register_hook_name="register_learning_menu_item"),
        icon_name="doc-full",
        order=450,
    )


@hooks.register("register_learning_menu_item")
def register_progress_report_menu_item():
    return ScopedMenuItem(
        _("Progress report"),
        reverse("learning:progress"),
        icon_name="doc-full",
        order=100,
        shown_to=lambda scope: not scope.is_empty,
    )


@hooks.register("register_learning_menu_item")
def register_enrol_menu_item():
    return ScopedMenuItem(
        _("Enrol learners"),
        reverse("learning:enrol"),
        icon_name="user",
        order=200,
        shown_to=lambda scope: scope.is_secretariat or scope.is_coordinator,
    )


@hooks.register("register_learning_menu_item")
def register_overview_menu_item():
    return ScopedMenuItem(
        _("Secretariat overview"),
        reverse("learning:overview"),
        icon_name="table",
        order=300,
        shown_to=lambda scope: scope.is_secretariat,
    )


@hooks.register("register_learning_menu_item")
def register_trainer_menu_item():
    return TrainerMenuItem(
        _("My courses"),
        reverse("learning:trainer_courses"),
        icon_name="doc-full-inverse",
        order=400,
        shown_to=lambda scope: scope.is_trainer or scope.is_secretariat,
    )


@hooks.register("register_page_header_buttons")
def attendance_button_on_webinar_pages(page, user, view_name, next_url=None):
    """A "Record attendance" action in the header of a webinar page in the admin."""
    if isinstance(page.specific_deferred, WebinarPage):
        yield Button(
            _("Record attendance"),
            reverse("courses_webinar_attendance", args=[page.pk]),
            icon_name="calendar",
            priority=40,
        )


# --- certificates ---------------------------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_certificate_register():
    return certificate_admin.certificate_viewset


@hooks.register("register_admin_viewset")
def register_certificate_downloads():
    # Its menu item joins the "Learning" submenu (menu_hook), shown by its policy.
    return certificate_admin.certificate_downloads_viewset
