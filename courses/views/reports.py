"""The "Learning" admin reports: progress (coordinators, trainers, secretariat), one
learner's record, a trainer's courses, and the secretariat's overview.

Every view starts from ``courses.selectors.reports.report_scope``: a person with nothing
in scope is refused (403), and a record outside their scope answers 404, as if absent.
Exports stream: CSV line by line, XLSX from a write-only workbook, both reading the
rows in chunks (``QuerySet.iterator``) so a 100,000-row export never sits in memory.
The progress report's export of more than ``settings.EXPORT_SYNC_MAX_ROWS`` rows is
built by a task instead (``courses.services.exports``; its page: ``courses.views.exports``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from uuid import UUID

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_countries import countries
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from courses import charts
from courses.models import CoursePage, Enrolment
from courses.selectors.reports import (
    PROGRESS_BANDS,
    OverviewFilters,
    ProgressFilters,
    ReportScope,
    chart_data,
    course_choices,
    course_webinar_attendance,
    learner_record,
    organisation_overview,
    original_courses,
    overview_totals,
    progress_enrolments,
    progress_report,
    quiz_question_results,
    report_scope,
    taught_courses,
)
from courses.services.exports import (
    PROGRESS_COLUMNS,
    QUIZ_HEADING,
    certificate_display,
    learner_name,
    write_xlsx,
    yes_no,
)
from courses.views.exports import export_progress_report
from lms import roles
from lms.datetimes import display_date, display_datetime, export_value
from lms.models import Organisation, Region

EXPORT_CHUNK = 2000
NO_VALUE = "—"


class ScopedReportMixin:
    """Resolves what the person may see once per request; refuses those with nothing."""

    scope: ReportScope

    def dispatch(self, request, *args, **kwargs):
        self.scope = report_scope(user=request.user)
        if not self.is_allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def is_allowed(self) -> bool:
        return not self.scope.is_empty


class _Rows:
    """A queryset read in chunks, for the spreadsheet writers (they only iterate)."""

    def __init__(self, queryset):
        self.model = queryset.model
        self.queryset = queryset

    def __iter__(self):
        return self.queryset.iterator(chunk_size=EXPORT_CHUNK)


class StreamedExportMixin:
    """Wagtail's spreadsheet export, reading rows in chunks and spooling XLSX to disk."""

    #: {field: (heading, function(row) -> value)}
    export_columns: dict[str, tuple[str, Callable]] = {}

    @property
    def list_export(self):
        return list(self.export_columns)

    @property
    def export_headings(self):
        return {name: heading for name, (heading, _value) in self.export_columns.items()}

    def to_row_dict(self, item):
        # Dates and times as ISO 8601, instants with the offset of the viewer's zone.
        viewer = self.request.user
        return {
            name: export_value(value(item), viewer)
            for name, (_heading, value) in self.export_columns.items()
        }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(_Rows(queryset), spreadsheet_format)

    def write_xlsx(self, queryset, output):
        # The same workbook as the progress export: named sheet, bold frozen header row,
        # filters, column widths (courses.services.exports.write_xlsx).
        write_xlsx(
            queryset,
            self.export_columns,
            output,
            viewer=self.request.user,
            sheet_title=str(self.get_page_title()),
        )

    def write_xlsx_response(self, queryset):
        # Spooled: small exports stay in memory, large ones go to a temporary file.
        output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
        self.write_xlsx(queryset, output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{self.get_filename()}.xlsx",
        )

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


# --- the progress report ----------------------------------------------------------------------


class ProgressFilterForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Organisation"), required=False, coerce=int, empty_value=None
    )
    course = forms.TypedChoiceField(
        label=gettext_lazy("Course"), required=False, coerce=UUID, empty_value=None
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)
    inactive_days = forms.IntegerField(
        label=gettext_lazy("Inactive for at least (days)"),
        required=False,
        min_value=1,
        max_value=3650,
    )

    def __init__(self, *args, scope: ReportScope, fixed_course: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(scope.organisations().order_by("name").values_list("pk", "name"))
        if len(organisations) > 1:
            self.fields["organisation"].choices = [("", _("All")), *organisations]
        else:
            del self.fields["organisation"]
        if fixed_course:
            del self.fields["course"]
        else:
            self.fields["course"].choices = [("", _("All")), *course_choices(scope=scope)]
        self.fields["status"].choices = [("", _("All")), *Enrolment.Status.choices]

    def filters(self) -> ProgressFilters:
        if not self.is_valid():
            return ProgressFilters()
        data = self.cleaned_data
        return ProgressFilters(
            organisation_id=data.get("organisation"),
            course_key=data.get("course"),
            status=data.get("status") or None,
            overdue=bool(data.get("overdue")),
            inactive_days=data.get("inactive_days"),
        )


def _percent(value) -> str:
    return "" if value is None else f"{round(value)} %"


class ProgressReportView(ScopedReportMixin, StreamedExportMixin, ReportView):
    """One row per learner and course, with filters, charts and exports."""

    page_title = gettext_lazy("Progress report")
    header_icon = "doc-full"
    template_name = "courses/reports/progress.html"
    results_template_name = "courses/reports/progress_results.html"
    index_url_name = "learning:progress"
    export_filename = "gsef-progress"
    paginate_by = 50
    show_charts = True

    # The same columns as the exports built by a task (courses.services.exports).
    export_columns = PROGRESS_COLUMNS

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.get_page_title()}]

    @property
    def columns(self):
        return [
            TitleColumn(
                "learner",
                label=_("Learner"),
                accessor=learner_name,
                get_url=lambda row: reverse("learning:learner_record", args=[row.pk]),
            ),
            Column(
                "organisation",
                label=_("Organisation"),
                accessor=lambda row: row.organisation.short_name if row.organisation_id else "",
            ),
            Column("course", label=_("Course"), accessor="course_title"),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column(
                "progress",
                label=_("Progress"),
                accessor=lambda row: (
                    f"{row.progress_percent} % ({row.modules_completed}/{row.modules_required})"
                ),
            ),
            Column("quiz", label=QUIZ_HEADING, accessor=lambda row: _percent(row.quiz_score)),
            Column("webinars", label=_("Webinars attended"), accessor="webinars_attended"),
            Column(
                "last_activity",
                label=_("Last activity"),
                accessor=lambda row: display_datetime(row.last_activity_at, self.request.user),
            ),
            Column("due_on", label=_("Deadline"), accessor=lambda row: display_date(row.due_on)),
            Column("overdue", label=_("Overdue"), accessor=lambda row: yes_no(row.is_overdue)),
            Column("certificate", label=_("Certificate"), accessor=certificate_display),
        ]

    @cached_property
    def filter_form(self) -> ProgressFilterForm:
        return ProgressFilterForm(self.request.GET or None, scope=self.scope)

    def report_scope(self) -> ReportScope:
        return self.scope

    def get_queryset(self):
        return progress_report(scope=self.report_scope(), filters=self.filter_form.filters())

    def export_course_key(self) -> UUID | None:
        """The one course an export is limited to (a trainer's course page), if any."""
        return None

    def get(self, request, *args, **kwargs):
        # An export neither paginates nor draws charts: it counts the rows (one cheap
        # query), then writes them here or, when they are many, queues a task.
        if self.is_export:
            return export_progress_report(self, request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["csv_url"] = self.csv_export_url
        context["xlsx_url"] = self.xlsx_export_url
        context["export_limit"] = settings.EXPORT_SYNC_MAX_ROWS
        context["export_in_background"] = context["items_count"] > settings.EXPORT_SYNC_MAX_ROWS
        context["exports_url"] = reverse("learning:exports")
        if self.show_charts:
            context["charts"] = report_charts(self)
        return context


def report_charts(view: ProgressReportView) -> list[charts.Chart]:
    """The three charts of the progress report, for the filtered rows."""
    scope = view.report_scope()
    data = chart_data(
        enrolments=progress_enrolments(scope=scope, filters=view.filter_form.filters()),
        titles=scope.course_titles,
    )
    by_course = [
        (
            row["title"] or "",
            (100 * row["completed"] / row["total"]) if row["total"] else 0,
            f"{row['completed']}/{row['total']}",
        )
        for row in data["by_course"]
    ]
    band_labels = [f"{low}\N{EN DASH}{min(high, 100)} %" for low, high in PROGRESS_BANDS] + [
        _("Completed")
    ]
    weeks = [display_date(week) for week, _e, _c in data["weeks"]]
    return [
        charts.horizontal_bars(
            title=_("Completion by course"),
            description=_(
                "For each course, the share of learners (not withdrawn) who completed it."
            ),
            rows=by_course,
            maximum=100,
            headings=[_("Course"), _("Completed / enrolled")],
        ),
        charts.horizontal_bars(
            title=_("Progress distribution"),
            description=_("How many learners are at each stage of their course."),
            rows=[
                (label, value, str(value))
                for label, value in zip(band_labels, data["bands"], strict=True)
            ],
            headings=[_("Progress"), _("Learners")],
        ),
        charts.grouped_columns(
            title=_("Activity over the last 12 weeks"),
            description=_("Enrolments and completions per week (weeks start on Monday)."),
            categories=weeks,
            series=[
                (_("Enrolments"), [enrolled for _w, enrolled, _c in data["weeks"]]),
                (_("Completions"), [completed for _w, _e, completed in data["weeks"]]),
            ],
            headings=[_("Week of"), _("Enrolments"), _("Completions")],
        ),
    ]


# --- one learner's record ---------------------------------------------------------------------


class LearnerRecordView(ScopedReportMixin, WagtailAdminTemplateMixin, TemplateView):
    """One learner's record in one course: modules, quiz attempts, webinars."""

    template_name = "courses/reports/learner_record.html"
    header_icon = "user"

    def get_page_title(self):
        return _("Learner record")

    def get_context_data(self, **kwargs):
        record = learner_record(scope=self.scope, enrolment_id=self.kwargs["enrolment_id"])
        if record is None:
            raise Http404
        context = super().get_context_data(**kwargs)
        context.update(
            record=record,
            enrolment=record.enrolment,
            learner=learner_name(record.enrolment),
            back_url=reverse("learning:progress"),
        )
        return context


# --- trainers ---------------------------------------------------------------------------------


class TrainerCoursesView(ScopedReportMixin, WagtailAdminTemplateMixin, TemplateView):
    """The courses a trainer teaches (every course for the secretariat)."""

    template_name = "courses/reports/trainer_courses.html"
    header_icon = "doc-full-inverse"

    def is_allowed(self) -> bool:
        # A trainer with no course yet is told so, rather than refused.
        return self.scope.is_secretariat or roles.is_trainer(self.request.user)

    def get_page_title(self):
        return _("My courses")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["courses"] = taught_courses(scope=self.scope)
        return context


class TrainerCourseView(ProgressReportView):
    """One course a trainer teaches: its learners across organisations, quiz questions
    (the most failed first), and webinar attendance."""

    template_name = "courses/reports/trainer_course.html"
    export_filename = "gsef-course-learners"
    show_charts = False

    def is_allowed(self) -> bool:
        return self.scope.is_secretariat or self.scope.is_trainer

    @cached_property
    def course(self) -> CoursePage:
        course = original_courses().filter(pk=self.kwargs["page_id"]).first()
        if course is None or self.scope.for_course(course.translation_key).is_empty:
            raise Http404
        return course

    def report_scope(self) -> ReportScope:
        return self.scope.for_course(self.course.translation_key)

    def export_course_key(self) -> UUID | None:
        return self.course.translation_key

    def get_page_title(self):
        return self.course.title

    def get_index_url(self):
        return reverse("learning:trainer_course", args=[self.course.pk])

    @cached_property
    def filter_form(self) -> ProgressFilterForm:
        return ProgressFilterForm(
            self.request.GET or None, scope=self.report_scope(), fixed_course=True
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.course
        context["questions"] = quiz_question_results(course_key=self.course.translation_key)
        context["webinars"] = course_webinar_attendance(course_key=self.course.translation_key)
        return context


# --- the secretariat's overview ---------------------------------------------------------------


class OverviewFilterForm(forms.Form):
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All")), *Region.choices]
        codes = set(Organisation.objects.values_list("country", flat=True).distinct())
        self.fields["country"].choices = [("", _("All"))] + [
            (code, name) for code, name in countries if code in codes
        ]

    def filters(self) -> OverviewFilters:
        if not self.is_valid():
            return OverviewFilters()
        return OverviewFilters(
            region=self.cleaned_data["region"] or None,
            country=self.cleaned_data["country"] or None,
        )


def _drill_down(row: Organisation) -> str:
    return reverse("learning:progress") + f"?organisation={row.pk}"


class SecretariatOverviewView(ScopedReportMixin, StreamedExportMixin, ReportView):
    """Every active member organisation, those with no enrolment yet included: members,
    learners, enrolments, completions, completion rate, last activity."""

    page_title = gettext_lazy("Secretariat overview")
    header_icon = "table"
    template_name = "courses/reports/overview.html"
    results_template_name = "courses/reports/progress_results.html"
    index_url_name = "learning:overview"
    export_filename = "gsef-overview"
    paginate_by = 100

    export_columns = {
        "organisation": (gettext_lazy("Organisation"), lambda row: row.name),
        "region": (gettext_lazy("Region"), lambda row: str(row.get_region_display())),
        "country": (gettext_lazy("Country"), lambda row: str(row.country.name)),
        "members": (gettext_lazy("Active members"), lambda row: row.members),
        "learners": (gettext_lazy("Learners"), lambda row: row.learners),
        "enrolments": (gettext_lazy("Enrolments"), lambda row: row.enrolment_count),
        "completions": (gettext_lazy("Completions"), lambda row: row.completions),
        "completion_rate": (
            gettext_lazy("Completion rate (%)"),
            lambda row: None if row.completion_rate is None else round(row.completion_rate),
        ),
        "last_activity_at": (gettext_lazy("Last activity"), lambda row: row.last_activity_at),
    }

    def is_allowed(self) -> bool:
        return self.scope.is_secretariat

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.get_page_title()}]

    @property
    def columns(self):
        return [
            TitleColumn(
                "organisation", label=_("Organisation"), accessor="name", get_url=_drill_down
            ),
            Column("region", label=_("Region"), accessor="get_region_display"),
            Column("country", label=_("Country"), accessor=lambda row: row.country.name),
            Column("members", label=_("Active members"), accessor="members"),
            Column("learners", label=_("Learners"), accessor="learners"),
            Column("enrolments", label=_("Enrolments"), accessor="enrolment_count"),
            Column("completions", label=_("Completions"), accessor="completions"),
            Column(
                "rate",
                label=_("Completion rate"),
                accessor=lambda row: _percent(row.completion_rate) or NO_VALUE,
            ),
            Column(
                "last_activity",
                label=_("Last activity"),
                accessor=lambda row: display_datetime(row.last_activity_at, self.request.user),
            ),
        ]

    @cached_property
    def filter_form(self) -> OverviewFilterForm:
        return OverviewFilterForm(self.request.GET or None)

    def get_queryset(self):
        return organisation_overview(filters=self.filter_form.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filter_form.filters()
        context["totals"] = overview_totals(filters=filters)
        context["filtered"] = filters != OverviewFilters()
        context["filter_form"] = self.filter_form
        context["csv_url"] = self.csv_export_url
        context["xlsx_url"] = self.xlsx_export_url
        return context
