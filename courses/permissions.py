"""Who may see and act on the learning domain's rows: one Wagtail permission policy per
model, on the same rule as ``lms.permissions``.

A person's **reach** is decided here, once: everything (``lms.view_all_organisations``,
the secretariat), the enrolments attributed to the organisations they coordinate
(``lms.view_organisation_progress``; "attributed" is ``courses.selectors.attribution``'s
rule, called from here), and the enrolments of the courses they teach
(``lms.view_taught_course_progress``). Each policy then asks for its model's Django
permission (``courses.view_enrolment``, ``courses.change_certificate``…, granted to the
groups by ``courses.0011_access_permissions``) and filters rows by the reach.

Admin viewsets set these as ``permission_policy``; the report selectors
(``courses.selectors.reports.report_scope``), the exports, the zips and the attendance
screens call the same objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import F, Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from courses.models import (
    Certificate,
    CertificateArchive,
    CoursePage,
    Enrolment,
    NotificationDelivery,
    ReportExport,
    WebinarRegistration,
)
from courses.selectors.attribution import attributed_q
from courses.selectors.catalogue import original_page_pk
from lms.models import Membership, Organisation
from lms.permissions import (
    ORGANISATION_PROGRESS,
    OrganisationScopedPolicy,
    coordinated_organisations,
    follows_taught_courses,
    has_permission,
    sees_every_organisation,
)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


# --- reach: whose learning a person may follow ------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """Whose enrolments one person may see: everything, those attributed to some
    organisations, those of some courses (by translation key), or nothing."""

    everything: bool = False
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    course_keys: frozenset[UUID] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.organisation_ids or self.course_keys)

    def enrolment_q(self) -> Q:
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        if self.organisation_ids:
            condition |= attributed_q(self.organisation_ids)
        if self.course_keys:
            condition |= Q(course_key__in=self.course_keys)
        return condition


def original_courses() -> QuerySet[CoursePage]:
    """One page per course: its original language version."""
    return CoursePage.objects.annotate(
        original_pk=original_page_pk(CoursePage.objects.all())
    ).filter(pk=F("original_pk"))


def taught_course_keys(*, user) -> frozenset[UUID]:
    """Translation keys of the courses whose original version names ``user`` as a trainer."""
    if not _active(user):
        return frozenset()
    return frozenset(
        original_courses().filter(trainers=user).values_list("translation_key", flat=True)
    )


def reach_of(user) -> Reach:
    """``user``'s reach. Costs at most two queries after the permissions (which the admin
    has already loaded for the request's user)."""
    if not _active(user):
        return Reach()
    if sees_every_organisation(user):
        return Reach(everything=True)
    organisation_ids = (
        frozenset(coordinated_organisations(user).values_list("pk", flat=True))
        if has_permission(user, ORGANISATION_PROGRESS)
        else frozenset()
    )
    course_keys = taught_course_keys(user=user) if follows_taught_courses(user) else frozenset()
    return Reach(organisation_ids=organisation_ids, course_keys=course_keys)


class _PolicyMixin:
    """Per-instance answers from the rows the policy allows (one EXISTS query)."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )


class EnrolmentPermissionPolicy(_PolicyMixin, ModelPermissionPolicy):
    """Enrolments and their progress rows (completions, attempts), as the reports show them:
    "view" within the person's reach. Enrolling goes through the services."""

    def user_has_permission(self, user, action) -> bool:
        return has_permission(user, self._get_permission_name(action)) and (
            action == "view" or sees_every_organisation(user)
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[Enrolment]:
        if not self.user_has_any_permission(user, actions):
            return Enrolment.objects.none()
        return Enrolment.objects.filter(reach_of(user).enrolment_q())

    def organisations_user_follows(self, user, action="view") -> QuerySet[Organisation]:
        """The organisations whose enrolments ``user`` may ``action`` as their coordinator
        (not the secretariat's "every organisation"): what the coordinator's digest covers."""
        if not (
            self.user_has_permission(user, action) and has_permission(user, ORGANISATION_PROGRESS)
        ):
            return Organisation.objects.none()
        return coordinated_organisations(user)


class CertificatePermissionPolicy(_PolicyMixin, ModelPermissionPolicy):
    """Certificates. "view" (download the PDF): the learner it belongs to, coordinators of
    the organisation it counts for, the secretariat; a revoked or superseded certificate
    only to the secretariat. "manage" (the register: list, inspect, revoke, reissue;
    ``courses.change_certificate``): the secretariat. Nobody adds, edits or deletes one by
    hand, so Wagtail offers no such button."""

    def user_has_permission(self, user, action) -> bool:
        if not _active(user):
            return False
        if action == "view":
            return True  # every learner may download their own
        if action == "manage":
            return has_permission(user, "courses.change_certificate") and sees_every_organisation(
                user
            )
        return False

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[Certificate]:
        certificates = Certificate.objects.all()
        if not _active(user):
            return certificates.none()
        if sees_every_organisation(user) and self.user_has_any_permission(user, actions):
            return certificates  # the secretariat: every one, revoked and superseded too
        if "view" not in actions:
            return certificates.none()
        condition = Q(user=user)
        if has_permission(user, "courses.view_certificate") and has_permission(
            user, ORGANISATION_PROGRESS
        ):
            condition |= attributed_q(coordinated_organisations(user).values_list("pk", flat=True))
        return certificates.filter(condition, revoked_at__isnull=True, superseded_by__isnull=True)

    def user_has_permission_for_instance(self, user, action, instance: Certificate) -> bool:
        if action != "view" or sees_every_organisation(user):
            return super().user_has_permission_for_instance(user, action, instance)
        # The learner's own download costs no query beyond the certificate's successor.
        if not _active(user) or instance.revoked_at is not None or is_superseded(instance):
            return False
        if instance.user_id is not None and instance.user_id == user.pk:
            return True
        return (
            instance.organisation_id is not None
            and has_permission(user, "courses.view_certificate")
            and has_permission(user, ORGANISATION_PROGRESS)
            and coordinated_organisations(user).filter(pk=instance.organisation_id).exists()
        )


def is_superseded(certificate: Certificate) -> bool:
    try:
        return certificate.superseded_by is not None
    except Certificate.DoesNotExist:
        return False


class CertificateArchivePermissionPolicy(OrganisationScopedPolicy):
    """Zips of an organisation's certificates: a coordinator prepares ("add") them for their
    organisations and downloads ("view") those they asked for; the secretariat all."""

    actions_for_coordinators = frozenset({"view", "add"})

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        archives = super().instances_user_has_any_permission_for(user, actions)
        if sees_every_organisation(user):
            return archives
        return archives.filter(requested_by=user)


class ReportExportPermissionPolicy(_PolicyMixin, ModelPermissionPolicy):
    """Progress exports: the person who asked, while their reach is not empty, downloads
    ("view") their own; the secretariat every one."""

    def user_has_permission(self, user, action) -> bool:
        return has_permission(user, self._get_permission_name(action)) and (
            sees_every_organisation(user) or not reach_of(user).is_empty
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[ReportExport]:
        exports = ReportExport.objects.all()
        if not self.user_has_any_permission(user, actions):
            return exports.none()
        return exports if sees_every_organisation(user) else exports.filter(requested_by=user)


class SecretariatOnlyPolicy(ModelPermissionPolicy):
    """Rows only the secretariat looks at and acts on. ``actions`` maps each action the
    screens use to the Django permission it needs (e.g. "resend" → "change"); any other
    action (add, edit, delete) is nobody's, so Wagtail offers no such button."""

    def __init__(self, model, *, actions: dict[str, str]):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action) -> bool:
        return (
            action in self.actions
            and has_permission(user, self._get_permission_name(self.actions[action]))
            and sees_every_organisation(user)
        )


class WebinarAttendancePermissionPolicy(_PolicyMixin, ModelPermissionPolicy):
    """Webinar registrations, for recording attendance ("change"): the secretariat and the
    trainers of the webinar's course every registration; a coordinator those of the active
    members of the organisations they coordinate."""

    def user_has_permission(self, user, action) -> bool:
        if not has_permission(user, self._get_permission_name(action)):
            return False
        return (
            sees_every_organisation(user)
            or follows_taught_courses(user)
            or has_permission(user, ORGANISATION_PROGRESS)
        )

    def coordinated_people(self, user) -> QuerySet[Membership]:
        """User ids of the active members of the organisations ``user`` coordinates."""
        return Membership.objects.filter(
            organisation__in=coordinated_organisations(user), status=Membership.Status.ACTIVE
        ).values("user_id")

    def access(self, user, action, *, trains_course: Callable[[], bool]) -> str | None:
        """How much of one webinar's registrations ``user`` may ``action``: "all", only
        their "organisations"' people, or None. ``trains_course()`` says whether ``user``
        trains the webinar's course (asked only when it matters)."""
        if not self.user_has_permission(user, action):
            return None
        if sees_every_organisation(user) or (follows_taught_courses(user) and trains_course()):
            return "all"
        if has_permission(user, ORGANISATION_PROGRESS) and coordinated_organisations(user).exists():
            return "organisations"
        return None

    def for_webinar(
        self, user, action, webinar, *, trains_course: Callable[[], bool]
    ) -> QuerySet[WebinarRegistration] | None:
        """The registrations of ``webinar`` ``user`` may ``action``, or None when they may
        not manage this webinar at all."""
        access = self.access(user, action, trains_course=trains_course)
        if access is None:
            return None
        registrations = WebinarRegistration.objects.filter(webinar=webinar)
        if access == "all":
            return registrations
        return registrations.filter(user_id__in=self.coordinated_people(user))

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        registrations = WebinarRegistration.objects.all()
        if not self.user_has_any_permission(user, actions):
            return registrations.none()
        if sees_every_organisation(user):
            return registrations
        condition = Q(pk__in=[])
        if follows_taught_courses(user):
            # Every language version of a course the person trains.
            taught = CoursePage.objects.filter(
                translation_key__in=CoursePage.objects.filter(trainers=user).values(
                    "translation_key"
                )
            )
            for course in taught.only("path", "depth"):
                condition |= Q(webinar__path__startswith=course.path)
        if has_permission(user, ORGANISATION_PROGRESS):
            condition |= Q(user_id__in=self.coordinated_people(user))
        return registrations.filter(condition)


enrolment_policy = EnrolmentPermissionPolicy(Enrolment)
certificate_policy = CertificatePermissionPolicy(Certificate)
certificate_archive_policy = CertificateArchivePermissionPolicy(CertificateArchive)
report_export_policy = ReportExportPermissionPolicy(ReportExport)
notification_delivery_policy = SecretariatOnlyPolicy(
    NotificationDelivery, actions={"view": "view", "resend": "change"}
)
webinar_attendance_policy = WebinarAttendancePermissionPolicy(WebinarRegistration)
