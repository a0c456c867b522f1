"""Admin wiring of badges: the Secretariat's screens in the "Learning" submenu (course
badges, signing keys: courses.badges.admin). The issuer profile is a Wagtail setting and
registers itself (Settings → Badge issuer)."""

from __future__ import annotations

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from courses.badges.admin import badge_admin_policy, badge_keys_viewset, course_badge_viewset
from courses.badges.models import CourseBadge

register_permission_policy(CourseBadge, badge_admin_policy)


@hooks.register("register_admin_viewset")
def register_course_badges():
    return course_badge_viewset


@hooks.register("register_admin_viewset")
def register_badge_keys():
    return badge_keys_viewset
