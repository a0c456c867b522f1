"""Who may read evaluation results, and whose free-text answers.

On the access model (``courses.permissions``): ``evaluation.view_response`` (granted to
the Secretariat, Coordinators and Trainers by ``evaluation.0002``) within the person's
reach — the secretariat every response, a coordinator those of enrolments attributed to
their organisations, a trainer those of the courses they teach. Free text needs
``evaluation.view_free_text`` (Secretariat and Trainers only) and is limited to the
courses the person teaches (every course for the secretariat): a coordinator who also
teaches reads the free text of their own courses only. A programme's end-of-programme
responses follow the programme enrolment: a coordinator's organisations, the trainers of
one of the programme's courses (free text too), the secretariat.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from courses.evaluation.models import Response
from courses.models import Enrolment, ProgrammeCourse, ProgrammeEnrolment
from courses.permissions import Reach, reach_of
from lms.permissions import has_permission

VIEW = "evaluation.view_response"
FREE_TEXT = "evaluation.view_free_text"


def responses_in(reach: Reach) -> QuerySet[Response]:
    """Responses whose enrolment is in ``reach`` (a subquery: one query however many)."""
    if reach.everything:
        return Response.objects.all()
    if reach.is_empty:
        return Response.objects.none()
    condition = Q(enrolment__in=Enrolment.objects.filter(reach.enrolment_q()).values("pk"))
    programmes = ProgrammeEnrolment.objects.none()
    if reach.organisation_ids:
        programmes = ProgrammeEnrolment.objects.filter(organisation_id__in=reach.organisation_ids)
    if reach.course_keys:
        programmes = programmes | ProgrammeEnrolment.objects.filter(
            programme_key__in=programmes_of_courses(reach.course_keys)
        )
    return Response.objects.filter(condition | Q(programme_enrolment__in=programmes.values("pk")))


def programmes_of_courses(course_keys) -> QuerySet:
    """Translation keys of the programmes naming one of ``course_keys`` (a subquery)."""
    return ProgrammeCourse.objects.filter(course__translation_key__in=course_keys).values(
        "page__translation_key"
    )


def free_text_course_keys(user, reach: Reach) -> frozenset[UUID] | None:
    """Courses whose free text ``user`` may read: None means every course."""
    if not has_permission(user, FREE_TEXT):
        return frozenset()
    if reach.everything:
        return None
    return reach.course_keys


def may_read_free_text(user, reach: Reach, course_key: UUID, *, programme: bool = False) -> bool:
    """For a programme (``course_key`` is then its key): those who teach one of its courses."""
    keys = free_text_course_keys(user, reach)
    if keys is None:
        return True
    if programme:
        return (
            bool(keys)
            and programmes_of_courses(keys).filter(page__translation_key=course_key).exists()
        )
    return course_key in keys


class ResponsePermissionPolicy(ModelPermissionPolicy):
    """ "view" = the results of the responses within reach; "view_free_text" = their texts,
    for the courses the person teaches (all for the secretariat)."""

    def user_has_permission(self, user, action) -> bool:
        if action == "view":
            return has_permission(user, VIEW) and not reach_of(user).is_empty
        if action == "view_free_text":
            return has_permission(user, FREE_TEXT) and not reach_of(user).is_empty
        return False

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[Response]:
        if not any(self.user_has_permission(user, action) for action in actions):
            return Response.objects.none()
        reach = reach_of(user)
        rows = responses_in(reach)
        if "view" in actions:
            return rows
        keys = free_text_course_keys(user, reach)
        if keys is None:
            return rows
        return rows.filter(
            Q(course_key__in=keys) | Q(course_key__in=programmes_of_courses(keys), enrolment=None)
        )

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return (
            self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )


response_policy = ResponsePermissionPolicy(Response)
