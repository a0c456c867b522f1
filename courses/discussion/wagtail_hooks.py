"""Admin wiring of the discussion: the abuse reports in the "Learning" submenu."""

from __future__ import annotations

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from courses.discussion.admin import report_viewset
from courses.discussion.models import Report, Thread
from courses.discussion.permissions import discussion_policy, report_policy

register_permission_policy(Thread, discussion_policy)
register_permission_policy(Report, report_policy)


@hooks.register("register_admin_viewset")
def register_discussion_reports():
    return report_viewset
