"""Who may download a library document: ``library_document_policy``.

A public document: anyone. A members-only one: a person logged in with an active
membership of an active member organisation, or who acts for every organisation (the
secretariat, through ``lms.view_all_organisations``). Asked by the download view and by
the hook on Wagtail's own document address, never by comparing a group's name.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from cms.library.models import LibraryItemDocument
from lms.models import Membership
from lms.permissions import sees_every_organisation


def is_active_member(user) -> bool:
    """Logged in, active, with an active membership of an active member organisation."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    cached = getattr(user, "_library_member", None)
    if cached is None:
        cached = sees_every_organisation(user) or (
            Membership.objects.active().filter(user=user, organisation__is_active=True).exists()
        )
        user._library_member = cached
    return cached


class LibraryDocumentPolicy(BasePermissionPolicy):
    """The one action is "view" (download)."""

    def __init__(self):
        super().__init__(LibraryItemDocument)

    def user_has_permission(self, user, action) -> bool:
        return action == "view"

    def instances_user_has_permission_for(self, user, action) -> QuerySet:
        rows = LibraryItemDocument.objects.all()
        if action != "view":
            return rows.none()
        return rows if is_active_member(user) else rows.filter(members_only=False)

    def user_has_permission_for_instance(self, user, action, instance: Model) -> bool:
        if action != "view":
            return False
        return not instance.members_only or is_active_member(user)


library_document_policy = LibraryDocumentPolicy()
