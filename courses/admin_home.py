"""The Wagtail admin home, per role: what a trainer, a coordinator and the secretariat
come to the admin to do, each in one panel above Wagtail's own.

A panel asks the same scope as the report it links to (``courses.selectors.reports.
report_scope``, ``Membership.objects.visible_to``), so it never shows more than that
report; its rows come from ``courses.selectors.admin_home``. Imported from
``courses.wagtail_hooks``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from courses.selectors import admin_home as selectors
from courses.selectors.reports import ReportScope, report_scope, taught_courses
from lms import roles


def _scope(request) -> ReportScope:
    # The "Learning" menu resolves the same scope on the same request: share it.
    if not hasattr(request, "_gsef_report_scope"):
        request._gsef_report_scope = report_scope(user=request.user)
    return request._gsef_report_scope


class RolePanel(Component):
    """A home panel; ``get_rows`` gives its template what it lists."""

    order = 50

    def __init__(self, request, *, now=None):
        self.request = request
        self.now = now or timezone.now()

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None):
        context = super().get_context_data(parent_context)
        context.update(self.get_rows())
        context["request"] = self.request
        return context

    def get_rows(self) -> dict[str, Any]:
        raise NotImplementedError


class TrainerPanel(RolePanel):
    """My courses (edit and learners), drafts and submissions, translations to sync."""

    name = "gsef_trainer"
    template_name = "courses/admin/home/trainer.html"
    order = 40

    def get_rows(self):
        scope = _scope(self.request)
        courses = taught_courses(scope=ReportScope(course_keys=scope.course_keys))
        work = selectors.trainer_work(course_keys=scope.course_keys)
        return {
            "courses": courses,
            "drafts": work.drafts,
            "outdated": work.outdated,
            "can_sync": self.request.user.has_perm("wagtail_localize.submit_translation"),
            "my_courses_url": reverse("learning:trainer_courses"),
        }


class CoordinatorPanel(RolePanel):
    """Requests to join, learners behind, latest completions of my organisations."""

    name = "gsef_coordinator"
    template_name = "courses/admin/home/coordinator.html"
    order = 41

    def get_rows(self):
        scope = _scope(self.request)
        organisations_only = ReportScope(organisation_ids=scope.organisation_ids)
        requested, members = selectors.members_awaiting_confirmation(user=self.request.user)
        progress = reverse("learning:progress")
        behind = selectors.learners_behind(scope=organisations_only, now=self.now)
        return {
            "requested": requested,
            "members": members,
            "members_url": reverse("memberships:index") + "?status=requested",
            "behind": behind,
            "overdue_url": f"{progress}?overdue=on",
            "inactive_url": f"{progress}?status=active&inactive_days={behind.inactive_days}",
            "completions": selectors.latest_completions(scope=organisations_only),
            "completed_url": f"{progress}?status=completed",
        }


class SecretariatPanel(RolePanel):
    """The review queue, member organisations gone quiet, e-mails that failed."""

    name = "gsef_secretariat"
    template_name = "courses/admin/home/secretariat.html"
    order = 39

    def get_rows(self):
        in_review, states = selectors.review_queue()
        failed, deliveries = selectors.failed_notifications()
        return {
            "in_review": in_review,
            "states": states,
            "workflow_url": reverse("wagtailadmin_reports:workflow"),
            "quiet": selectors.organisations_without_activity(now=self.now),
            "overview_url": reverse("learning:overview"),
            "failed": failed,
            "deliveries": deliveries,
            "outbox_url": reverse("notification_deliveries:index") + "?status=failed",
        }


def role_panels(request) -> list[Component]:
    """The panels this person's roles call for (none for a plain editor)."""
    user = request.user
    panels: list[Component] = []
    if roles.is_secretariat(user):
        return [SecretariatPanel(request)]
    scope = _scope(request)
    if roles.is_trainer(user):
        panels.append(TrainerPanel(request))
    if scope.is_coordinator:
        panels.append(CoordinatorPanel(request))
    return panels


@hooks.register("construct_homepage_panels")
def add_role_panels(request, panels):
    panels[:0] = role_panels(request)
