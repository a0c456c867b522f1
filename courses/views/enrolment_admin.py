"""The "Enrol learners" admin screen: a coordinator (or the secretariat) enrols members
picked from a list, or the people of a spreadsheet, in a course.

Writes go through ``courses.services.imports``; every person or row gets an answer:
enrolled, invited and enrolled, already enrolled, or refused with the reason.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from courses.models import CoursePage
from courses.selectors.reports import original_courses
from courses.services.imports import (
    MAX_ROWS,
    ImportReport,
    enrolment_create_for_members,
    enrolment_import,
    parse_enrolment_spreadsheet,
)
from lms.models import Membership, Organisation, User
from lms.permissions import organisation_policy


def enrollable_courses():
    """Live courses, once each (their original language version), by title."""
    return original_courses().live().order_by("title")


class MembersForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one person.")},
    )
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=gettext_lazy("Choose a course"),
    )
    due_on = forms.DateField(
        label=gettext_lazy("Deadline (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leave empty to use the course's own deadline, if it has one."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = User.objects.filter(
            memberships__organisation=organisation,
            memberships__status=Membership.Status.ACTIVE,
            is_active=True,
        ).order_by("full_name", "email")
        self.fields["members"].label_from_instance = lambda user: f"{user.full_name} <{user.email}>"
        self.fields["course"].queryset = enrollable_courses()


class SpreadsheetForm(forms.Form):
    spreadsheet = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy(
            "First row: e-mail, full name, course (its title in any language, its slug or "
            "its page number), deadline (YYYY-MM-DD, optional), language (en, fr, es or ko, "
            "optional: the language of the invitation for people without an account), "
            "cohort (its name or number, optional: the person joins that cohort of the "
            "course, whose end becomes their deadline; the course may then be left empty). "
            "At most 2 MB and 5,000 rows. Uploading the same file again changes nothing. "
            "A CSV file or an Excel workbook (.xlsx): save an .ods or .xls file as one of "
            "those first."
        ),
        # Only a hint to the browser's file picker; the service checks what arrives.
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


def _organisations(request: HttpRequest):
    return (
        organisation_policy.instances_user_has_permission_for(request.user, "view")
        .active()
        .order_by("name")
    )


def _chosen_organisation(request: HttpRequest, organisations) -> Organisation | None:
    wanted = request.POST.get("organisation") or request.GET.get("organisation")
    if wanted and str(wanted).isdigit():
        return organisations.filter(pk=int(wanted)).first()
    return organisations.first()


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Pick members and a course; or upload a spreadsheet (``enrol_upload``)."""
    organisations = _organisations(request)
    if not organisations.exists():
        raise PermissionDenied
    organisation = _chosen_organisation(request, organisations)
    if organisation is None:
        raise PermissionDenied
    form = MembersForm(request.POST or None, organisation=organisation)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = enrolment_create_for_members(
                users=list(form.cleaned_data["members"]),
                course=form.cleaned_data["course"],
                enrolled_by=request.user,
                due_on=form.cleaned_data["due_on"],
            )
            form = MembersForm(organisation=organisation)
        else:
            status = 400
    return _render(
        request,
        organisations=organisations,
        organisation=organisation,
        members_form=form,
        upload_form=SpreadsheetForm(),
        report=report,
        status=status,
    )


@require_http_methods(["GET", "POST"])
def enrol_upload(request: HttpRequest) -> HttpResponse:
    """Apply a spreadsheet of people and courses for one organisation."""
    organisations = _organisations(request)
    if not organisations.exists():
        raise PermissionDenied
    if request.method == "GET":
        return redirect("learning:enrol")
    organisation = _chosen_organisation(request, organisations)
    if organisation is None:
        raise PermissionDenied
    form = SpreadsheetForm(request.POST, request.FILES)
    report, file_errors = None, []
    if form.is_valid():
        parsed = parse_enrolment_spreadsheet(form.cleaned_data["spreadsheet"])
        file_errors = parsed.errors
        if not file_errors:
            report = enrolment_import(
                organisation=organisation,
                rows=parsed.rows,
                enrolled_by=request.user,
            )
    return _render(
        request,
        organisations=organisations,
        organisation=organisation,
        members_form=MembersForm(organisation=organisation),
        upload_form=form,
        report=report,
        file_errors=file_errors,
        status=400 if (file_errors or form.errors) else 200,
    )


def _render(
    request: HttpRequest,
    *,
    organisations,
    organisation: Organisation,
    members_form: MembersForm,
    upload_form: SpreadsheetForm,
    report: ImportReport | None,
    file_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "courses/admin/enrol.html",
        {
            "page_title": _("Enrol learners"),
            "organisations": organisations,
            "organisation": organisation,
            "several_organisations": organisations.count() > 1,
            "members_form": members_form,
            "upload_form": upload_form,
            "report": report,
            "file_errors": file_errors or [],
            "max_rows": MAX_ROWS,
            "upload_url": reverse("learning:enrol_upload"),
            "enrol_url": reverse("learning:enrol"),
        },
        status=status,
    )
