"""Admin wiring of cohorts: the viewset in the "Learning" submenu and its permission
policy (courses.cohorts.admin, courses.cohorts.permissions)."""

from __future__ import annotations

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from courses.cohorts.admin import cohort_viewset
from courses.cohorts.models import Cohort
from courses.cohorts.permissions import cohort_policy

register_permission_policy(Cohort, cohort_policy)


@hooks.register("register_admin_viewset")
def register_cohorts():
    return cohort_viewset
