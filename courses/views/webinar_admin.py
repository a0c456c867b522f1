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
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import WebinarPage
from courses.permissions import webinar_attendance_policy
from courses.selectors.webinars import (
    attendance_access,
    attendance_scope,
    webinars_for_attendance,
)
from courses.services.webinars import webinar_attendance_import, webinar_attendance_set
from lms.admin.scoped import PolicyViewSet


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


class AttendanceIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The webinars that have started and that the person may record attendance for."""

    template_name = "courses/admin/webinar_attendance_index.html"
    page_title = gettext_lazy("Webinar attendance")
    header_icon = "calendar"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["webinars"] = webinars_for_attendance(user=self.request.user)
        return context


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


class AttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """One webinar's registrations, the minutes attended, a report upload, the absentees."""

    template_name = "courses/admin/webinar_attendance.html"
    header_icon = "calendar"

    def dispatch(self, request, *args, **kwargs):
        self.webinar = get_object_or_404(WebinarPage, pk=kwargs["page_id"])
        self.scope = attendance_scope(user=request.user, webinar=self.webinar)
        if self.scope is None:
            raise PermissionDenied
        self.upload_form = AttendanceReportForm()
        self.report = None
        self.errors: list[str] = []
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Attendance: %(title)s") % {"title": self.webinar.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("webinar_attendance:index"), "label": _("Webinar attendance")},
            {"url": "", "label": self.webinar.title},
        ]

    def post(self, request, *args, **kwargs):
        webinar = self.webinar
        try:
            if request.POST.get("action") == "import":
                self.upload_form = AttendanceReportForm(request.POST, request.FILES)
                if self.upload_form.is_valid():
                    self.report = webinar_attendance_import(
                        webinar=webinar,
                        data=self.upload_form.cleaned_data["report"],
                        by=request.user,
                    )
            else:
                changed = webinar_attendance_set(
                    webinar=webinar,
                    minutes_by_registration=_minutes(request, self.scope),
                    by=request.user,
                )
                messages.success(
                    request, _("Attendance saved (%(count)s changed).") % {"count": changed}
                )
                return redirect(reverse("webinar_attendance:webinar", args=[webinar.pk]))
        except ValidationError as error:
            self.errors = error.messages
        return self.get(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400 if self.errors else 200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        webinar = self.webinar
        registrations = list(
            self.scope.select_related("user").order_by("status", "user__full_name", "pk")
        )
        started = timezone.now() >= webinar.starts_at
        context.update(
            webinar=webinar,
            registrations=registrations,
            absentees=[
                row
                for row in registrations
                if started and row.status == "registered" and not row.attended
            ],
            has_started=started,
            threshold=webinar.attendance_threshold_minutes,
            upload_form=self.upload_form,
            report=self.report,
            errors=self.errors,
            coordinator_only=attendance_access(user=self.request.user, webinar=webinar)
            == "organisations",
        )
        return context


class WebinarAttendanceViewSet(PolicyViewSet):
    """Webinar attendance, in the "Learning" submenu for whom ``webinar_attendance_policy``
    lets record attendance ("change"): the secretariat, trainers and coordinators. Which
    webinars and which people each sees is ``attendance_scope``'s."""

    name = "webinar_attendance"
    url_prefix = "webinars/attendance"
    icon = "calendar"
    menu_label = gettext_lazy("Webinar attendance")
    menu_hook = "register_learning_menu_item"
    menu_order = 500
    permission_policy = webinar_attendance_policy
    permission_action = "change"

    def get_urlpatterns(self):
        return [
            path("", AttendanceIndexView.as_view(), name="index"),
            path("<int:page_id>/", AttendanceView.as_view(), name="webinar"),
        ]


webinar_attendance_viewset = WebinarAttendanceViewSet()
