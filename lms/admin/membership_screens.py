"""The screens that move a membership between states: invite, confirm, end, and the
secretariat's transfer. Wagtail generic views (``WagtailAdminTemplateMixin``: header,
breadcrumbs, and Wagtail's answer to a refusal), each asking
``lms.permissions.membership_policy`` which rows the person may act on; a row outside
them answers 404."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms import services
from lms.models import Membership, Organisation
from lms.permissions import membership_policy


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
        self.fields["organisation"].queryset = invitable_organisations(user).order_by("name")


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


def invitable_organisations(user):
    """The active organisations whose members ``user`` may manage (invite into)."""
    return membership_policy.organisations_user_has_permission_for(user, "manage").active()


def _scoped_membership(request, pk: int, action: str = "manage") -> Membership:
    """The membership, if the person may ``action`` it (else 404, as if absent)."""
    memberships = membership_policy.instances_user_has_permission_for(request.user, action)
    return get_object_or_404(memberships.select_related("user", "organisation"), pk=pk)


class MembershipScreenMixin(WagtailAdminTemplateMixin):
    """A screen under "Memberships": Wagtail's header, breadcrumbs and permission refusal."""

    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("memberships:index"),
                "label": capfirst(Membership._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class MembershipActionView(MembershipScreenMixin, TemplateView):
    """Confirm a request to join, or end a membership (record that someone left, refuse a
    request, withdraw an invitation): GET asks, POST does it."""

    template_name = "lms/admin/membership_action.html"
    action = ""  # "confirm" or "end"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        self.membership = _scoped_membership(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return (
            gettext("Confirm membership") if self.action == "confirm" else gettext("End membership")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, action=self.action, **kwargs)

    def post(self, request, pk: int):
        membership = self.membership
        values = {"name": membership.person_label, "organisation": membership.organisation.name}
        try:
            if self.action == "confirm":
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


class AdminFormView(MembershipScreenMixin, FormView):
    """A form screen that answers 400 when the form has errors."""

    http_method_names = ["get", "post"]

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MembershipTransferView(AdminFormView):
    """The secretariat moves a person to another organisation, with or without their
    history (GET asks, POST does it; logged in the membership's history)."""

    template_name = "lms/admin/membership_transfer.html"
    form_class = TransferForm
    page_title = _("Move to another organisation")

    def dispatch(self, request, *args, **kwargs):
        if not membership_policy.user_has_permission(request.user, "transfer"):
            raise PermissionDenied
        self.membership = _scoped_membership(request, kwargs["pk"], "transfer")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "membership": self.membership}

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, **kwargs)

    def form_valid(self, form):
        membership = self.membership
        try:
            transfer = services.membership_transfer(
                membership=membership,
                to_organisation=form.cleaned_data["to_organisation"],
                move_history=form.cleaned_data["move_history"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
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


class MembershipInviteView(AdminFormView):
    """Invite someone by e-mail to an organisation the person coordinates."""

    template_name = "lms/admin/membership_invite.html"
    form_class = InviteForm
    page_title = _("Invite people")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not invitable_organisations(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"preferred_language": self.request.user.preferred_language}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation = services.membership_invite(
                organisation=data["organisation"],
                email=data["email"],
                full_name=data["full_name"],
                preferred_language=data["preferred_language"],
                invited_by=self.request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        # Only the address typed: an existing account's name stays private until its
        # owner accepts.
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
        messages.success(self.request, message % values)
        return redirect("memberships:index")
