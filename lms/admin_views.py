"""Wagtail admin screens for people, member organisations and memberships.

Every screen is scoped: the secretariat sees all members, a coordinator only the
organisations they coordinate. Out-of-scope objects answer 404, as if absent.
"""

from __future__ import annotations

import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from lms import services
from lms.admin_display import ViewerDateTimeColumn, ViewerExportMixin, ViewerInspectMixin
from lms.models import Membership, Organisation, User

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]

# --- users -----------------------------------------------------------------------

_USER_FIELDS = ["email", "full_name", "preferred_language", "time_zone", "is_superuser", "groups"]


class _GsefUserFormMixin(forms.ModelForm):
    # Wagtail's forms assume first and last names; GSEF's members write names in
    # many scripts and orders, so we keep one full name.
    first_name = None
    last_name = None
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES, initial="UTC")

    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only an administrator may make another administrator: the secretariat
        # manages people and roles, not the platform's keys.
        if request_user is None or not request_user.is_superuser:
            self.fields.pop("is_superuser", None)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        others = User.objects.with_email(email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("A user with this e-mail address already exists."))
        return email


class GsefUserCreationForm(_GsefUserFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = _USER_FIELDS

    def save(self, commit: bool = True):
        # Made by the secretariat on the person's behalf: nobody will click a
        # confirmation link, so the address counts as confirmed.
        self.instance.email_verified_at = self.instance.email_verified_at or timezone.now()
        return super().save(commit=commit)


class GsefUserEditForm(_GsefUserFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*_USER_FIELDS, "is_active"]


class UserIndexView(wagtail_users.IndexView):
    @property
    def search_fields(self):
        return ["email", "full_name"]

    def order_queryset(self, queryset):
        if self.ordering in ("name", "-name"):
            return queryset.order_by(("-" if self.ordering.startswith("-") else "") + "full_name")
        return super().order_queryset(queryset)


class RequestUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_user": self.request.user}


class UserCreateView(RequestUserFormMixin, wagtail_users.CreateView):
    pass


class UserEditView(RequestUserFormMixin, wagtail_users.EditView):
    def get_object(self, *args, **kwargs):
        user = super().get_object(*args, **kwargs)
        # Editing an administrator (their password, their e-mail) is taking their keys.
        if user.is_superuser and not self.request.user.is_superuser:
            raise PermissionDenied
        return user


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    create_template_name = "lms/admin/user_create.html"
    edit_template_name = "lms/admin/user_edit.html"

    def get_form_class(self, for_update: bool = False):
        return GsefUserEditForm if for_update else GsefUserCreationForm


# --- organisation scoping ----------------------------------------------------------


class ScopedMixin:
    """Limits a generic admin view to the objects ``visible_to`` the requesting user."""

    select_related: tuple[str, ...] = ()
    #: False for views whose listing is not of the model (history lists log entries).
    scope_listing: bool = True

    def scoped_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_base_queryset(self):
        if not self.scope_listing:
            return super().get_base_queryset()
        queryset = super().get_base_queryset().filter(pk__in=self.scoped_queryset().values("pk"))
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.scoped_queryset().filter(pk=obj.pk).exists():
            raise Http404
        return obj


def scoped(view_class, select_related: tuple[str, ...] = (), scope_listing: bool = True):
    return type(
        f"Scoped{view_class.__name__}",
        (ScopedMixin, view_class),
        {"select_related": select_related, "scope_listing": scope_listing},
    )


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view is limited by the model's ``visible_to``."""

    #: Relations the listing shows, fetched with the rows.
    select_related: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        for name in (
            "index_view_class",
            "edit_view_class",
            "delete_view_class",
            "history_view_class",
            "usage_view_class",
            "inspect_view_class",
            "copy_view_class",
        ):
            listing = name not in ("history_view_class", "usage_view_class")
            setattr(
                self,
                name,
                scoped(
                    getattr(self, name),
                    self.select_related if listing else (),
                    scope_listing=listing,
                ),
            )
        super().__init__(*args, **kwargs)


# --- organisations and memberships ------------------------------------------------------


class OrganisationDeleteView(DeleteView):
    """Refuses, with the reason, to delete an organisation that has members."""

    def form_valid(self, form):
        members = self.object.memberships.count()
        if members:
            messages.error(
                self.request,
                ngettext(
                    "%(organisation)s still has %(count)d member. Mark it as no longer an "
                    "active member instead: its history stays.",
                    "%(organisation)s still has %(count)d members. Mark it as no longer an "
                    "active member instead: its history stays.",
                    members,
                )
                % {"organisation": self.object.name, "count": members},
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)


class ViewerInspectView(ViewerInspectMixin, ModelViewSet.inspect_view_class):
    """Dates and times in the viewer's zone, a dash for an empty field."""


class OrganisationIndexView(ViewerExportMixin, ModelViewSet.index_view_class):
    """The member list; its export writes dates as ISO 8601."""


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    index_view_class = OrganisationIndexView
    inspect_view_class = ViewerInspectView
    delete_view_class = OrganisationDeleteView
    icon = "group"
    menu_label = _("Organisations")
    name = "organisations"
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["name", "short_name", "city"]
    list_display = ["name", "short_name", "kind", "country", "city", "region", "is_active"]
    list_filter = ["region", "country", "kind", "is_active"]
    list_export = [
        "name",
        "short_name",
        "kind",
        "country",
        "city",
        "region",
        "website",
        "joined_on",
        "is_active",
    ]
    export_filename = "gsef-member-organisations"
    ordering = ["name"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("kind")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("country"), FieldPanel("city")]), FieldPanel("region")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("logo"),
                FieldPanel("joined_on"),
                FieldPanel("is_active"),
            ],
            heading=_("Membership of GSEF"),
        ),
    ]


class MembershipEditMixin:
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
            if instance.status == Status.ACTIVE and request and request.user.is_secretariat
            else ""
        )
        context["label"] = instance.person_label
        return context


class MembershipIndexView(ViewerExportMixin, ModelViewSet.index_view_class):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if Organisation.objects.visible_to(self.request.user).active().exists():
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
        self.fields["organisation"].queryset = (
            Organisation.objects.visible_to(user).active().order_by("name")
        )


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


def _scoped_membership(request, pk: int) -> Membership:
    """The membership, if the person may manage it (else 404, as if absent)."""
    return get_object_or_404(
        Membership.objects.visible_to(request.user).select_related("user", "organisation"), pk=pk
    )


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
    if not request.user.is_secretariat:
        raise PermissionDenied
    membership = _scoped_membership(request, pk)
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
    if not Organisation.objects.visible_to(request.user).active().exists():
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


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    index_view_class = MembershipIndexView
    inspect_view_class = ViewerInspectView
    icon = "user"
    menu_label = _("Memberships")
    name = "memberships"
    select_related = ("user", "organisation")
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_view_class = type(
            "MembershipEditView", (MembershipEditMixin, self.edit_view_class), {}
        )

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
