"""Who may do what, to which rows: one Wagtail permission policy per model.

The roles are Django permissions, granted to the Trainers, Coordinators and Secretariat
groups by migrations (``lms.0003_platform_roles``, ``lms.0007_access_permissions``); no
code compares a group's name. A policy answers the three questions of
``wagtail.permission_policies.base.BasePermissionPolicy``:

- ``user_has_permission(user, action)``: may this person do ``action`` to some rows?
- ``instances_user_has_permission_for(user, action)``: to which rows?
- ``user_has_permission_for_instance(user, action, instance)``: to this row?

A person with ``lms.view_all_organisations`` (the secretariat; superusers) acts on every
organisation's rows; anyone else on the rows of the organisations they coordinate (an
active coordinator membership), and only with the model permission for the action.
Admin viewsets set these policies as ``permission_policy``; selectors, exports, zips and
digests call the same objects.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from lms.models import Membership, Organisation, User

ALL_ORGANISATIONS = "lms.view_all_organisations"
ORGANISATION_PROGRESS = "lms.view_organisation_progress"
TAUGHT_COURSES = "lms.view_taught_course_progress"


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def has_permission(user, name: str) -> bool:
    """Django's ``has_perm`` for an active person: their permissions are read once per
    request, in one query or from the shared cache (``lms.accounts.backends``)."""
    if not _active(user):
        return False
    return user.has_perm(name)


def sees_every_organisation(user) -> bool:
    """The secretariat's reach: every organisation's people, learning and records."""
    return has_permission(user, ALL_ORGANISATIONS)


def follows_taught_courses(user) -> bool:
    """A trainer's reach: the learners of the courses that name them as a trainer."""
    return has_permission(user, TAUGHT_COURSES)


def users_with_permission(name: str) -> QuerySet[User]:
    """Active people holding ``name`` ("app.codename") through a group or their own (not
    superusers: a permission names a role, and the superuser has no role)."""
    app_label, codename = name.split(".")
    return (
        User.objects.active()
        .filter(
            Q(groups__permissions__codename=codename)
            & Q(groups__permissions__content_type__app_label=app_label)
            | Q(user_permissions__codename=codename)
            & Q(user_permissions__content_type__app_label=app_label)
        )
        .distinct()
    )


def coordinated_organisations(user) -> QuerySet[Organisation]:
    """The organisations in which ``user`` is an active coordinator (one subquery)."""
    if not _active(user):
        return Organisation.objects.none()
    return Organisation.objects.coordinated_by(user)


def forget_permissions(user) -> None:
    """Drop the permissions Django cached on this user object (after a group change)."""
    for name in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, name):
            delattr(user, name)


class OrganisationScopedPolicy(ModelPermissionPolicy):
    """Rows that belong to an organisation through ``organisation_lookup``.

    ``actions_for_coordinators``: the actions a coordinator may take on their own
    organisations' rows when they hold the model permission; any other action needs
    ``lms.view_all_organisations`` too (the secretariat's). An action is the permission
    ``<app>.<action>_<model>``: custom ones ("manage", "transfer") are in ``Meta.permissions``.
    """

    organisation_lookup = "organisation"
    actions_for_coordinators: frozenset[str] = frozenset({"view"})

    def user_has_permission(self, user, action) -> bool:
        if not has_permission(user, self._get_permission_name(action)):
            return False
        return action in self.actions_for_coordinators or sees_every_organisation(user)

    def organisation_scope(self, user) -> QuerySet[Organisation] | None:
        """None for every organisation, else the organisations whose rows ``user`` reaches."""
        if sees_every_organisation(user):
            return None
        return coordinated_organisations(user)

    def organisations_user_has_permission_for(self, user, action) -> QuerySet[Organisation]:
        """The organisations in whose rows ``user`` may ``action`` (to choose one from)."""
        if not self.user_has_permission(user, action):
            return Organisation.objects.none()
        organisations = self.organisation_scope(user)
        return Organisation.objects.all() if organisations is None else organisations

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        organisations = self.organisation_scope(user)
        if organisations is None:
            return queryset
        return queryset.filter(**{f"{self.organisation_lookup}__in": organisations.values("pk")})

    def user_has_permission_for_instance(self, user, action, instance: Model) -> bool:
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance: Model) -> bool:
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )


class OrganisationPermissionPolicy(OrganisationScopedPolicy):
    """Member organisations: the secretariat adds and edits them; a coordinator sees their own."""

    organisation_lookup = "pk"


class MembershipPermissionPolicy(OrganisationScopedPolicy):
    """Memberships: a coordinator sees and manages (invites, confirms, ends) those of their
    organisations; the secretariat every one, and alone moves a person elsewhere."""

    actions_for_coordinators = frozenset({"view", "manage"})


class UserPermissionPolicy(OrganisationScopedPolicy):
    """People as the admin shows them: the secretariat manages every account; a coordinator
    sees the people who belong (an active membership) to their organisations."""

    organisation_lookup = "memberships__organisation"

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if self.organisation_scope(user) is None:
            return queryset
        return User.objects.filter(
            pk__in=queryset.filter(memberships__status=Membership.Status.ACTIVE).values("pk")
        )


organisation_policy = OrganisationPermissionPolicy(Organisation)
membership_policy = MembershipPermissionPolicy(Membership)
user_policy = UserPermissionPolicy(User)
