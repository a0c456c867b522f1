"""Admin wiring of the learning domain: saving a course in the admin updates who may edit
it; webinar attendance screens for trainers, coordinators and the secretariat."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from courses.models import CoursePage, WebinarPage
from courses.services.authoring import (
    course_sync_trainer_permissions,
    course_trainer_group_prune,
)
from courses.views import webinar_admin
from lms import roles
from lms.models import Organisation


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


# --- webinar attendance ---------------------------------------------------------------------


class AttendanceMenuItem(MenuItem):
    """Shown to those who may record attendance: secretariat, trainers, coordinators."""

    def is_shown(self, request) -> bool:
        user = request.user
        return (
            roles.is_secretariat(user)
            or roles.is_trainer(user)
            or Organisation.objects.coordinated_by(user).exists()
        )


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


@hooks.register("register_admin_menu_item")
def register_webinar_attendance_menu_item():
    return AttendanceMenuItem(
        _("Webinar attendance"),
        reverse("courses_webinar_attendance_index"),
        icon_name="calendar",
        order=450,
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
