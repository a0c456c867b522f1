"""Forms of the cohort screens: the admin's cohort form (facilitators are trainers), a
facilitator's message, and a coordinator's choice of members to enrol."""

from __future__ import annotations

import secrets

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.models import Membership, Organisation, User
from lms.permissions import TAUGHT_COURSES


def trainers():
    """People who may facilitate: those holding the trainers' permission (by group or
    directly), and superusers."""
    app_label, codename = TAUGHT_COURSES.split(".")
    holds = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    return (
        User.objects.filter(is_active=True)
        .filter(holds | Q(is_superuser=True))
        .distinct()
        .order_by("full_name", "email")
    )


class CohortForm(WagtailAdminModelForm):
    """The cohort's form in the admin: facilitators are chosen among trainers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "facilitators" in self.fields:
            field = self.fields["facilitators"]
            field.queryset = trainers()
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
            field.label_from_instance = lambda user: f"{user.full_name or user.email}"


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sent by e-mail to each member who is behind, with your name."),
    )
    form_nonce = forms.CharField(widget=forms.HiddenInput)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_nonce", secrets.token_urlsafe(24))


class CohortMembersForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person.")},
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = User.objects.filter(
            memberships__organisation=organisation,
            memberships__status=Membership.Status.ACTIVE,
            is_active=True,
        ).order_by("full_name", "email")
        self.fields["members"].label_from_instance = lambda user: f"{user.full_name} <{user.email}>"
