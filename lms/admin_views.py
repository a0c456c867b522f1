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

    def scoped_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_base_queryset(self):
        queryset = super().get_base_queryset().filter(pk__in=self.scoped_queryset().values("pk"))
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.scoped_queryset().filter(pk=obj.pk).exists():
            raise Http404
        return obj


def scoped(view_class, select_related: tuple[str, ...] = ()):
    return type(
        f"Scoped{view_class.__name__}",
        (ScopedMixin, view_class),
        {"select_related": select_related},
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
            setattr(self, name, scoped(getattr(self, name), self.select_related))
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


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
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
    """Admin edits go through the services' role bookkeeping (the Coordinators group)."""

    def save_instance(self):
        instance = super().save_instance()
        services.user_sync_coordinator_group(user=instance.user)
        return instance


# --- members: confirm, invite, end -------------------------------------------------------------


class MembershipActionsColumn(Column):
    """Plain links to confirm a pending membership or end an active one (no JavaScript)."""

    cell_template_name = "lms/admin/membership_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["confirm_url"] = (
            reverse("memberships:confirm", args=[instance.pk])
            if instance.status == Membership.Status.PENDING
            else ""
        )
        context["end_url"] = (
            reverse("memberships:end", args=[instance.pk])
            if instance.status != Membership.Status.ENDED
            else ""
        )
        return context


class MembershipIndexView(ModelViewSet.index_view_class):
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


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on certificates, in any script."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the invitation and of the platform"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.visible_to(user).active().order_by("name")
        )


def _scoped_membership(request, pk: int) -> Membership:
    """The membership, if the person may manage it (else 404, as if absent)."""
    return get_object_or_404(
        Membership.objects.visible_to(request.user).select_related("user", "organisation"), pk=pk
    )


def _membership_action(request, pk: int, *, action: str):
    membership = _scoped_membership(request, pk)
    if request.method == "POST":
        if action == "confirm":
            services.membership_confirm(membership=membership)
            messages.success(
                request,
                gettext("%(name)s is now a confirmed member of %(organisation)s.")
                % {"name": membership.user, "organisation": membership.organisation.name},
            )
        else:
            services.membership_end(membership=membership)
            messages.success(
                request,
                gettext(
                    "%(name)s no longer belongs to %(organisation)s. Their learning "
                    "history stays in the reports."
                )
                % {"name": membership.user, "organisation": membership.organisation.name},
            )
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
    """Confirm a pending membership (GET asks, POST does it)."""
    return _membership_action(request, pk, action="confirm")


@require_http_methods(["GET", "POST"])
def membership_end_view(request, pk: int):
    """Record that someone left the organisation (GET asks, POST does it)."""
    return _membership_action(request, pk, action="end")


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
            values = {
                "email": invitation.membership.user.email,
                "organisation": invitation.membership.organisation.name,
            }
            if invitation.account_created:
                message = gettext(
                    "%(email)s is invited: they will receive an e-mail with a link to choose "
                    "a password, and are a member of %(organisation)s."
                )
            elif invitation.membership_added:
                message = gettext(
                    "%(email)s already had an account: they are now a member of "
                    "%(organisation)s, and we told them by e-mail."
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
    icon = "user"
    menu_label = _("Memberships")
    name = "memberships"
    select_related = ("user", "organisation")
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    list_display = [
        "user",
        "organisation",
        "role",
        "status",
        "created_at",
        MembershipActionsColumn("actions", label=_("Actions"), accessor="pk"),
    ]
    list_filter = ["organisation", "role", "status"]
    list_export = ["user", "email", "organisation", "role", "status", "created_at", "confirmed_at"]
    export_filename = "gsef-memberships"
    ordering = ["organisation__name", "user__full_name"]
    panels = [
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("status")]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_view_class = type(
            "MembershipCreateView", (MembershipEditMixin, self.add_view_class), {}
        )
        self.edit_view_class = type(
            "MembershipEditView", (MembershipEditMixin, self.edit_view_class), {}
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("invite/", membership_invite_view, name="invite"),
            path("<int:pk>/confirm/", membership_confirm_view, name="confirm"),
            path("<int:pk>/end/", membership_end_view, name="end"),
        ]


class MembersViewSetGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 200
    items = (OrganisationViewSet, MembershipViewSet)
