"""Who may read, post in and moderate a course's discussion: one Wagtail permission
policy on ``Thread``, on the same rules as ``courses.permissions``.

- **Read and post**: the course's learners (a current enrolment, any language version),
  its trainers (the original version names them) and the secretariat.
- **A cohort's own discussion**: its members, its facilitators and the secretariat only
  (the course's other learners and trainers do not see it).
- **Moderate** (hide, lock, pin; the abuse reports in the admin): people holding
  ``discussion.moderate_thread`` (granted to Trainers and Secretariat by
  ``discussion.0002``) within their reach: every course for the secretariat
  (``lms.view_all_organisations``), the courses they teach for a trainer, the cohorts
  they facilitate.

Nothing compares a group's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from courses.discussion.models import Report, Thread
from courses.models import Enrolment
from courses.permissions import taught_course_keys
from lms.permissions import has_permission, sees_every_organisation

MODERATE = "discussion.moderate_thread"


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@dataclass(frozen=True)
class Standing:
    """What one person may do in one course's discussion."""

    may_read: bool = False
    may_moderate: bool = False
    is_trainer: bool = False

    @property
    def may_post(self) -> bool:
        return self.may_read


def enrolled_course_keys(user) -> QuerySet:
    return Enrolment.objects.current().filter(user=user).values("course_key")


class DiscussionPolicy(ModelPermissionPolicy):
    """Threads: "view" (read and post) and "moderate", per course (translation key)."""

    def standing(
        self, user, course_key: UUID, *, enrolled: bool | None = None, taught=None
    ) -> Standing:
        """``user``'s standing in the discussion of ``course_key``: at most three queries
        (permissions, taught courses, enrolment), fewer when the caller already knows
        whether they are ``enrolled`` or the courses they have ``taught``."""
        if not _active(user):
            return Standing()
        moderates = has_permission(user, MODERATE)
        if sees_every_organisation(user):
            return Standing(may_read=True, may_moderate=moderates)
        if course_key in (taught_course_keys(user=user) if taught is None else taught):
            return Standing(may_read=True, may_moderate=moderates, is_trainer=True)
        if enrolled is None:
            enrolled = enrolled_course_keys(user).filter(course_key=course_key).exists()
        return Standing(may_read=enrolled)

    def cohort_standing(self, user, cohort) -> Standing:
        """``user``'s standing in a cohort's own discussion: its members and facilitators
        read and post, facilitators (with the permission) and the secretariat moderate."""
        if not _active(user):
            return Standing()
        moderates = has_permission(user, MODERATE)
        if sees_every_organisation(user):
            return Standing(may_read=True, may_moderate=moderates)
        if user.facilitated_cohorts.filter(pk=cohort.pk).exists():
            return Standing(may_read=True, may_moderate=moderates, is_trainer=True)
        return Standing(may_read=user.cohort_memberships.filter(cohort_id=cohort.pk).exists())

    def thread_standing(self, user, thread: Thread, *, taught=None) -> Standing:
        """In the thread's cohort's discussion, or else its course's (whether ``user`` is
        enrolled read with the thread when ``courses.discussion.kept.with_state`` did)."""
        if thread.cohort_id is not None:
            return self.cohort_standing(user, thread.cohort)
        enrolled = getattr(thread, "reader_enrolled", None)
        return self.standing(user, thread.course_key, enrolled=enrolled, taught=taught)

    def user_has_permission(self, user, action) -> bool:
        if not _active(user):
            return False
        if action == "moderate":
            return has_permission(user, MODERATE)
        return action == "view"

    def course_keys_q(self, user, action: str) -> Q:
        """Rows (with a ``course_key``) ``user`` may ``action``, as a condition."""
        if not self.user_has_permission(user, action):
            return Q(pk__in=[])
        if sees_every_organisation(user):
            return Q()
        condition = Q(cohort__isnull=True, course_key__in=taught_course_keys(user=user))
        if action == "view":
            condition |= Q(cohort__isnull=True, course_key__in=enrolled_course_keys(user))
            condition |= Q(cohort__members__user=user)
        condition |= Q(cohort__facilitators=user)
        return condition

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[Thread]:
        condition = Q(pk__in=[])
        for action in actions:
            condition |= self.course_keys_q(user, action)
        return Thread.objects.filter(pk__in=Thread.objects.filter(condition).values("pk"))

    def user_has_permission_for_instance(self, user, action, instance: Thread) -> bool:
        standing = self.thread_standing(user, instance)
        return standing.may_moderate if action == "moderate" else standing.may_read


class ReportPolicy(ModelPermissionPolicy):
    """Abuse reports, for the admin's moderation list: those about posts in the
    discussions a person moderates ("view", "change" = resolve)."""

    def user_has_permission(self, user, action) -> bool:
        return action in {"view", "change"} and discussion_policy.user_has_permission(
            user, "moderate"
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[Report]:
        if not self.user_has_any_permission(user, actions):
            return Report.objects.none()
        if sees_every_organisation(user):
            return Report.objects.all()
        return Report.objects.filter(
            Q(
                post__thread__cohort__isnull=True,
                post__thread__course_key__in=taught_course_keys(user=user),
            )
            | Q(post__thread__cohort__facilitators=user)
        )


discussion_policy = DiscussionPolicy(Thread)
report_policy = ReportPolicy(Report)
