"""Who may do what with cohorts: one permission policy (the access model,
docs/architecture.md), asked by the admin viewsets, the cohort screens and the selectors.

- view (``view_cohort``): secretariat and coordinators every cohort (coordinators choose
  one to enrol into: names and dates only); trainers the cohorts they facilitate.
- follow (``view_cohortmember``: members, progress, results) and message
  (``add_cohortmessage``): secretariat every cohort; facilitators theirs.
- add (``add_cohort``); change (``change_cohort``): secretariat all, trainers theirs;
  delete (``delete_cohort``): secretariat.
- enrol (``add_cohortmember``): secretariat and coordinators, every cohort (which
  learners each may enrol is ``enrolment_create``'s rule).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from courses.cohorts.models import Cohort
from lms.permissions import has_permission, sees_every_organisation

PERMISSIONS = {
    "view": "cohorts.view_cohort",
    "follow": "cohorts.view_cohortmember",
    "message": "cohorts.add_cohortmessage",
    "add": "cohorts.add_cohort",
    "change": "cohorts.change_cohort",
    "delete": "cohorts.delete_cohort",
    "enrol": "cohorts.add_cohortmember",
}
# Actions that reach every cohort for whoever holds the permission, facilitator or not.
OPEN_TO_ALL_HOLDERS = frozenset({"enrol"})


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class CohortPermissionPolicy(ModelPermissionPolicy):
    """Cohorts, by action (see the module's table)."""

    def _get_permission_name(self, action: str) -> str:
        return PERMISSIONS.get(action, f"cohorts.{action}_cohort")

    def user_has_permission(self, user, action) -> bool:
        return action in PERMISSIONS and has_permission(user, self._get_permission_name(action))

    def _rows_for(self, user, action) -> Q | None:
        """The condition on cohorts for one action, or None for none at all."""
        if not self.user_has_permission(user, action):
            return None
        if sees_every_organisation(user) or action in OPEN_TO_ALL_HOLDERS:
            return Q()
        if action == "delete":
            return None
        if action == "view" and has_permission(user, PERMISSIONS["enrol"]):
            return Q()  # coordinators choose among all cohorts (names and dates only)
        return Q(facilitators=user)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[Cohort]:
        conditions = [self._rows_for(user, action) for action in actions]
        conditions = [condition for condition in conditions if condition is not None]
        if not conditions:
            return Cohort.objects.none()
        if any(not condition for condition in conditions):  # an empty Q(): every row
            return Cohort.objects.all()
        combined = Q(pk__in=[])
        for condition in conditions:
            combined |= condition
        return Cohort.objects.filter(pk__in=Cohort.objects.filter(combined).values("pk"))

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        if not _active(user):
            return False
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )


cohort_policy = CohortPermissionPolicy(Cohort)
