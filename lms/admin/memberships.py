"""Memberships in the admin: the list, and the screens that move a membership between
states (invite, confirm, end, and the secretariat's transfer), each asking
``lms.permissions.membership_policy`` which rows the person may act on."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import HeaderButton

from lms import services
from lms.admin import scoped
from lms.admin.organisations import OrganisationViewSet
from lms.admin_display import ViewerDateTimeColumn, ViewerExportMixin
from lms.models import Membership, Organisation
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
        if _invitable_organisations(self.request.user).exists():
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


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        required=False,
        help_text=_(
            "As it should appear on certificates, in any script. Needed only for someone "
            "who has no account yet."
        ),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the invitation and of the platform"),
        choices=settings.LANGUAGES,
        help_text=_("Someone who already has an account is written to in their own language."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _invitable_organisations(user).order_by("name")


class TransferForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Move to"), queryset=Organisation.objects.none(), empty_label=None
    )
    move_history = forms.BooleanField(
        label=_("Move their enrolments and certificates too"),
        required=False,
        help_text=_(
            "Left unticked, what they did so far keeps counting for the organisation they leave."
        ),
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = (
            Organisation.objects.active().exclude(pk=membership.organisation_id).order_by("name")
        )


def _invitable_organisations(user):
    """The active organisations whose members ``user`` may manage (invite into)."""
    return membership_policy.organisations_user_has_permission_for(user, "manage").active()


def _scoped_membership(request, pk: int, action: str = "manage") -> Membership:
    """The membership, if the person may ``action`` it (else 404, as if absent)."""
    memberships = membership_policy.instances_user_has_permission_for(request.user, action)
    return get_object_or_404(memberships.select_related("user", "organisation"), pk=pk)


def _membership_action(request, pk: int, *, action: str):
    membership = _scoped_membership(request, pk)
    values = {"name": membership.person_label, "organisation": membership.organisation.name}
    if request.method == "POST":
        try:
            if action == "confirm":
                services.membership_confirm(membership=membership, by=request.user)
                message = gettext("%(name)s is now a confirmed member of %(organisation)s.")
            else:
                services.membership_end(membership=membership, by=request.user)
                message = gettext(
                    "%(name)s no longer belongs to %(organisation)s. Their learning "
                    "history stays in the reports."
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message % values)
        return redirect("memberships:index")
    return render(
        request,
        "lms/admin/membership_action.html",
        {
            "membership": membership,
            "action": action,
            "page_title": gettext("Confirm membership")
            if action == "confirm"
            else gettext("End membership"),
        },
    )


@require_http_methods(["GET", "POST"])
def membership_confirm_view(request, pk: int):
    """Confirm a request to join (GET asks, POST does it)."""
    return _membership_action(request, pk, action="confirm")


@require_http_methods(["GET", "POST"])
def membership_end_view(request, pk: int):
    """Record that someone left, refuse a request or withdraw an invitation (GET asks,
    POST does it)."""
    return _membership_action(request, pk, action="end")


@require_http_methods(["GET", "POST"])
def membership_transfer_view(request, pk: int):
    """The secretariat moves a person to another organisation, with or without their
    history (GET asks, POST does it; logged in the membership's history)."""
    if not membership_policy.user_has_permission(request.user, "transfer"):
        raise PermissionDenied
    membership = _scoped_membership(request, pk, "transfer")
    form = TransferForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.membership_transfer(
                membership=membership,
                to_organisation=form.cleaned_data["to_organisation"],
                move_history=form.cleaned_data["move_history"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(name)s moved from %(from)s to %(to)s; %(count)d enrolment moved with them.",
                    "%(name)s moved from %(from)s to %(to)s; %(count)d enrolments moved with them.",
                    transfer.enrolments_moved,
                )
                % {
                    "name": membership.user,
                    "from": membership.organisation.name,
                    "to": transfer.membership.organisation.name,
                    "count": transfer.enrolments_moved,
                },
            )
            return redirect("memberships:index")
    return render(
        request,
        "lms/admin/membership_transfer.html",
        {
            "membership": membership,
            "form": form,
            "page_title": gettext("Move to another organisation"),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def membership_invite_view(request):
    """Invite someone by e-mail to an organisation the person coordinates."""
    if not _invitable_organisations(request.user).exists():
        raise PermissionDenied
    form = InviteForm(
        request.POST or None,
        user=request.user,
        initial={"preferred_language": request.user.preferred_language},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.membership_invite(
                organisation=data["organisation"],
                email=data["email"],
                full_name=data["full_name"],
                preferred_language=data["preferred_language"],
                invited_by=request.user,
                site_root=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            # Only the address typed: an existing account's name stays private until
            # its owner accepts.
            values = {
                "email": data["email"].strip().lower(),
                "organisation": invitation.membership.organisation.name,
            }
            if invitation.account_created:
                message = gettext(
                    "%(email)s is invited: they will receive an e-mail with a link to choose "
                    "a password, and are a member of %(organisation)s."
                )
            elif invitation.awaiting_answer and invitation.membership_added:
                message = gettext(
                    "%(email)s is invited to %(organisation)s. They become a member once they "
                    "accept; until then you see only this address."
                )
            elif invitation.awaiting_answer:
                message = gettext(
                    "%(email)s is already invited to %(organisation)s and has not answered yet."
                )
            elif invitation.membership_added:
                message = gettext(
                    "%(email)s had asked to join %(organisation)s: they are now a member."
                )
            else:
                message = gettext("%(email)s is already a member of %(organisation)s.")
            messages.success(request, message % values)
            return redirect("memberships:index")
    return render(
        request,
        "lms/admin/membership_invite.html",
        {"form": form, "page_title": gettext("Invite people")},
        status=400 if form.errors else 200,
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
            path("invite/", membership_invite_view, name="invite"),
            path("<int:pk>/confirm/", membership_confirm_view, name="confirm"),
            path("<int:pk>/end/", membership_end_view, name="end"),
            path("<int:pk>/transfer/", membership_transfer_view, name="transfer"),
        ]


class MembersViewSetGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 200
    items = (OrganisationViewSet, MembershipViewSet)
