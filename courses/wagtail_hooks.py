"""Admin wiring of the learning domain: saving a course in the admin updates who may edit
it; the "Learning" submenu and the viewsets of its screens (reports, enrolment, webinar
attendance, the outbox, certificates)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
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
from courses.views import certificate_admin, webinar_admin
from courses.views.learning_admin import learning_viewset
from courses.views.notification_admin import notification_delivery_viewset

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


# --- webinar attendance and the Learning menu ------------------------------------------------
#
# One "Learning" submenu, shown when one of its items is (SubmenuMenuItem.is_shown). Its
# items come from viewsets with ``menu_hook = "register_learning_menu_item"``: the reports
# and enrolment screens (``courses.views.learning_admin``, 100 to 400), webinar attendance
# (500), the outbox (600), the certificate register (700) and coordinators' zips (710).


@hooks.register("register_admin_menu_item")
def register_learning_menu():
    return SubmenuMenuItem(
        _("Learning"),
        Menu(register_hook_name="register_learning_menu_item"),
        icon_name="doc-full",
        order=450,
    )


@hooks.register("register_admin_viewset")
def register_learning_screens():
    return learning_viewset


@hooks.register("register_admin_viewset")
def register_webinar_attendance():
    return webinar_admin.webinar_attendance_viewset


@hooks.register("register_page_header_buttons")
def attendance_button_on_webinar_pages(page, user, view_name, next_url=None):
    """A "Record attendance" action in the header of a webinar page in the admin."""
    if isinstance(page.specific_deferred, WebinarPage):
        yield Button(
            _("Record attendance"),
            reverse("webinar_attendance:webinar", args=[page.pk]),
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
