"""The "Enrol in a programme" admin screen: a coordinator (or the secretariat) puts members
picked from a list on a programme, through ``programme_enrol`` (source coordinator), the
service learners join with themselves. Every person gets an answer: enrolled, already
following it, or refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from courses.models import ProgrammeEnrolment, ProgrammePage
from courses.services.programmes import ENROL_PERMISSION, programme_enrol
from lms.models import Membership, Organisation, User
from lms.permissions import has_permission, organisation_policy


def enrollable_programmes():
    """Live programmes, once each (their original language version), by title."""
    originals: dict = {}
    for pk, key in (
        ProgrammePage.objects.live().order_by("-pk").values_list("pk", "translation_key")
    ):
        originals[key] = pk  # the oldest page of each key is read last and wins
    return ProgrammePage.objects.filter(pk__in=originals.values()).order_by("title")


class ProgrammeMembersForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one person.")},
    )
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Programme"),
        queryset=ProgrammePage.objects.none(),
        empty_label=gettext_lazy("Choose a programme"),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = User.objects.filter(
            memberships__organisation=organisation,
            memberships__status=Membership.Status.ACTIVE,
            is_active=True,
        ).order_by("full_name", "email")
        self.fields["members"].label_from_instance = lambda user: f"{user.full_name} <{user.email}>"
        self.fields["programme"].queryset = enrollable_programmes()


@dataclass(frozen=True)
class Outcome:
    person: User
    result: str  # "enrolled", "already", "refused"
    message: str = ""


@require_http_methods(["GET", "POST"])
def enrol_programme(request: HttpRequest) -> HttpResponse:
    """Pick an organisation's members and a programme."""
    if not has_permission(request.user, ENROL_PERMISSION):
        raise PermissionDenied
    organisations = (
        organisation_policy.instances_user_has_permission_for(request.user, "view")
        .active()
        .order_by("name")
    )
    wanted = request.POST.get("organisation") or request.GET.get("organisation") or ""
    organisation = (
        organisations.filter(pk=int(wanted)).first() if wanted.isdigit() else organisations.first()
    )
    if organisation is None:
        raise PermissionDenied
    form = ProgrammeMembersForm(request.POST or None, organisation=organisation)
    outcomes: list[Outcome] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            programme = form.cleaned_data["programme"]
            now = timezone.now()
            for person in form.cleaned_data["members"]:
                before = ProgrammeEnrolment.objects.filter(
                    user=person, programme_key=programme.translation_key
                ).exclude(status=ProgrammeEnrolment.Status.WITHDRAWN)
                if before.exists():
                    outcomes.append(Outcome(person, "already"))
                    continue
                try:
                    programme_enrol(
                        user=person,
                        programme=programme,
                        source=ProgrammeEnrolment.Source.COORDINATOR,
                        enrolled_by=request.user,
                        now=now,
                    )
                except ValidationError as error:
                    outcomes.append(Outcome(person, "refused", " ".join(error.messages)))
                else:
                    outcomes.append(Outcome(person, "enrolled"))
            form = ProgrammeMembersForm(organisation=organisation)
        else:
            status = 400
    return render(
        request,
        "courses/admin/enrol_programme.html",
        {
            "page_title": _("Enrol in a programme"),
            "organisations": organisations,
            "organisation": organisation,
            "several_organisations": organisations.count() > 1,
            "form": form,
            "outcomes": outcomes,
            "action_url": reverse("learning:enrol_programme"),
        },
        status=status,
    )
