"""Admin screens for webinar attendance: trainers, coordinators and the secretariat
record minutes attended one by one or from the video platform's report.

Who sees what is decided by ``courses.selectors.webinars.attendance_scope``: the
secretariat and the trainers of the webinar's course see everyone; a coordinator
sees only the people of the organisations they coordinate. Writes go through
``courses.services.webinars``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import WebinarPage
from courses.selectors.webinars import (
    attendance_access,
    attendance_scope,
    webinars_for_attendance,
)
from courses.services.webinars import webinar_attendance_import, webinar_attendance_set


class AttendanceReportForm(forms.Form):
    report = forms.FileField(
        label=gettext_lazy("Attendance report (CSV)"),
        help_text=gettext_lazy(
            "Columns: name, email, join time, leave time. Times with an offset "
            "(2027-03-16T10:05:00-04:00) or on the host's clock (2027-03-16 10:05:00). "
            "Importing the same file again changes nothing. At most 5 MB."
        ),
        # Only a hint to the browser's file picker; the service checks what arrives.
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


def attendance_index(request: HttpRequest) -> HttpResponse:
    """The webinars that have started and that the person may record attendance for."""
    webinars = webinars_for_attendance(user=request.user)
    return render(
        request,
        "courses/admin/webinar_attendance_index.html",
        {"webinars": webinars, "page_title": _("Webinar attendance")},
    )


def _minutes(request: HttpRequest, scope) -> dict[int, int | None]:
    """{registration id: minutes or None} from the inputs named minutes-<id>."""
    values: dict[int, int | None] = {}
    for name, raw in request.POST.items():
        if not name.startswith("minutes-"):
            continue
        try:
            pk = int(name.removeprefix("minutes-"))
        except ValueError:
            continue
        raw = raw.strip()
        if not raw:
            values[pk] = None
            continue
        try:
            values[pk] = int(raw)
        except ValueError as error:
            raise ValidationError(
                _("“%(value)s” is not a number of minutes.") % {"value": raw}, code="invalid"
            ) from error
    return values


def attendance(request: HttpRequest, page_id: int) -> HttpResponse:
    """One webinar's registrations, the minutes attended, a report upload, the absentees."""
    webinar = get_object_or_404(WebinarPage, pk=page_id)
    scope = attendance_scope(user=request.user, webinar=webinar)
    if scope is None:
        raise PermissionDenied
    upload_form = AttendanceReportForm()
    report = None
    errors: list[str] = []
    if request.method == "POST":
        try:
            if request.POST.get("action") == "import":
                upload_form = AttendanceReportForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    report = webinar_attendance_import(
                        webinar=webinar,
                        data=upload_form.cleaned_data["report"],
                        by=request.user,
                    )
            else:
                changed = webinar_attendance_set(
                    webinar=webinar,
                    minutes_by_registration=_minutes(request, scope),
                    by=request.user,
                )
                messages.success(
                    request, _("Attendance saved (%(count)s changed).") % {"count": changed}
                )
                return redirect(reverse("courses_webinar_attendance", args=[webinar.pk]))
        except ValidationError as error:
            errors = error.messages
    registrations = list(scope.select_related("user").order_by("status", "user__full_name", "pk"))
    started = timezone.now() >= webinar.starts_at
    return render(
        request,
        "courses/admin/webinar_attendance.html",
        {
            "webinar": webinar,
            "page_title": _("Attendance: %(title)s") % {"title": webinar.title},
            "registrations": registrations,
            "absentees": [
                row
                for row in registrations
                if started and row.status == "registered" and not row.attended
            ],
            "has_started": started,
            "threshold": webinar.attendance_threshold_minutes,
            "upload_form": upload_form,
            "report": report,
            "errors": errors,
            "coordinator_only": attendance_access(user=request.user, webinar=webinar)
            == "organisations",
        },
        status=400 if errors else 200,
    )
