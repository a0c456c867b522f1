"""Memberships in the admin: the list, and the screens that move a membership between
states (invite, confirm, end, and the secretariat's transfer), each asking
``lms.permissions.membership_policy`` which rows the person may act on."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import HeaderButton

from lms import services
from lms.admin import membership_screens as screens
from lms.admin import scoped
from lms.admin.organisations import OrganisationViewSet
from lms.admin_display import ViewerDateTimeColumn, ViewerExportMixin
from lms.models import Membership
from lms.permissions import membership_policy


class MembershipEditView(scoped.EditView):
    """Admin edits change the role only (states move through the services), and keep the
    services' role bookkeeping (the Coordinators group)."""

    def save_instance(self):
        instance = super().save_instance()
        services.user_sync_coordinator_group(user=instance.user)
        return instance


def membership_add_view(request):
    """Nobody adds an existing account to an organisation without its owner's consent:
    "add" is the invitation."""
    return redirect("memberships:invite")


# --- members: confirm, invite, end, transfer ---------------------------------------------------


class PersonColumn(Column):
    """The person's name, or only the address typed while an invitation is unanswered."""

    def get_value(self, instance):
        return instance.person_label


class MembershipActionsColumn(Column):
    """Plain links to confirm a request, end a membership, or (secretariat) move the person
    to another organisation (no JavaScript)."""

    cell_template_name = "lms/admin/membership_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        Status = Membership.Status
        context["confirm_url"] = (
            reverse("memberships:confirm", args=[instance.pk])
            if instance.status == Status.REQUESTED
            else ""
        )
        context["end_url"] = (
            reverse("memberships:end", args=[instance.pk])
            if instance.status != Status.ENDED
            else ""
        )
        request = parent_context.get("request")
        context["transfer_url"] = (
            reverse("memberships:transfer", args=[instance.pk])
            if instance.status == Status.ACTIVE
            and request
            and membership_policy.user_has_permission(request.user, "transfer")
            else ""
        )
        context["label"] = instance.person_label
        return context


class MembershipIndexView(ViewerExportMixin, scoped.IndexView):
    select_related = ("user", "organisation")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if screens.invitable_organisations(self.request.user).exists():
            buttons = [
                *buttons,
                HeaderButton(
                    _("Invite people"), url=reverse("memberships:invite"), icon_name="mail"
                ),
            ]
        return buttons

    def search_queryset(self, queryset):
        # A name matches only where the organisation may see it: an unanswered invitation
        # is found by the address typed, never by the person's name.
        if not self.search_query:
            return queryset
        query = self.search_query
        name_visible = Q(status__in=[Membership.Status.REQUESTED, Membership.Status.ACTIVE]) | Q(
            status=Membership.Status.ENDED, confirmed_at__isnull=False
        )
        return queryset.filter(
            Q(user__email__icontains=query)
            | Q(organisation__name__icontains=query)
            | (Q(user__full_name__icontains=query) & name_visible)
        )


class MembershipViewSet(scoped.ScopedModelViewSet):
    model = Membership
    permission_policy = membership_policy
    index_view_class = MembershipIndexView
    edit_view_class = MembershipEditView
    icon = "user"
    menu_label = _("Memberships")
    name = "memberships"
    inspect_view_enabled = True
    inspect_view_fields = [
        "person_label",
        "email",
        "organisation",
        "role",
        "status",
        "status_changed_at",
        "created_at",
        "confirmed_at",
    ]
    search_backend_name = None
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    list_display = [
        PersonColumn("person", label=_("Person"), sort_key="user__full_name"),
        Column("email", label=_("E-mail address"), sort_key="user__email"),
        "organisation",
        "role",
        "status",
        ViewerDateTimeColumn(
            "status_changed_at", label=_("In this state since"), sort_key="status_changed_at"
        ),
        MembershipActionsColumn("actions", label=_("Actions"), accessor="pk"),
    ]
    list_filter = ["organisation", "role", "status"]
    list_export = [
        "person_label",
        "email",
        "organisation",
        "role",
        "status",
        "status_changed_at",
        "created_at",
        "confirmed_at",
    ]
    export_headings = {"person_label": _("Person"), "email": _("E-mail address")}
    export_filename = "gsef-memberships"
    ordering = ["organisation__name", "user__email"]
    # States move through the services only (confirm, end, invite, transfer, the person's
    # answer): the form edits the role.
    panels = [FieldPanel("role")]

    @property
    def add_view(self):
        return membership_add_view

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("invite/", screens.MembershipInviteView.as_view(), name="invite"),
            path(
                "<int:pk>/confirm/",
                screens.MembershipActionView.as_view(action="confirm"),
                name="confirm",
            ),
            path("<int:pk>/end/", screens.MembershipActionView.as_view(action="end"), name="end"),
            path("<int:pk>/transfer/", screens.MembershipTransferView.as_view(), name="transfer"),
        ]


class MembersViewSetGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 200
    items = (OrganisationViewSet, MembershipViewSet)
