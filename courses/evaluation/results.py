"""Evaluation results in the admin ("Learning" → Evaluation results, ``evaluation_results:…``).

- ``index``: the courses with responses within the person's reach, per purpose: how many
  answered, the average rating.
- ``course``: one course (or a programme: its end-of-programme responses) and purpose:
  responses, response rate (of completed enrolments in reach), the average of each
  rating question, each question's distribution as an inline-SVG chart
  (``courses.charts``), the figures by organisation, free-text answers
  (trainers of the course and the Secretariat only: ``permissions.may_read_free_text``),
  and CSV/XLSX exports (``courses.services.exports`` writers) that name the learner only
  when the questionnaire allows it and hold free text only for those who may read it.

Access: ``response_policy`` ("view"); a course with nothing in reach answers 404. The
number of queries does not grow with the number of responses.
"""

from __future__ import annotations

import tempfile
from uuid import UUID

from django import forms
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpResponseForbidden, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses import charts
from courses.cohorts.models import Cohort, CohortMember
from courses.evaluation.models import Purpose, Questionnaire, Response
from courses.evaluation.permissions import (
    may_read_free_text,
    programmes_of_courses,
    response_policy,
    responses_in,
)
from courses.evaluation.selectors import (
    evaluation_results,
    export_rows,
    programme_questionnaire_for,
    programme_titles,
    questionnaire_for,
    results_by_cohort,
    results_by_organisation,
    results_overview,
    subject_titles,
)
from courses.models import Enrolment, NotificationDelivery, ProgrammeEnrolment
from courses.permissions import reach_of
from courses.services.exports import csv_lines, write_xlsx
from lms.admin.scoped import PolicyViewSet
from lms.models import Organisation

REFUSAL = gettext_lazy(
    "Evaluation results are for the Secretariat, coordinators and the courses' trainers."
)


class _Scoped(WagtailAdminTemplateMixin, TemplateView):
    """Refuses (403, with a sentence) those ``response_policy`` does not let "view"."""

    def dispatch(self, request, *args, **kwargs):
        if not response_policy.user_has_permission(request.user, "view"):
            return HttpResponseForbidden(str(REFUSAL))
        self.reach = reach_of(request.user)
        return super().dispatch(request, *args, **kwargs)


class ResultsIndexView(_Scoped):
    template_name = "courses/evaluation/admin/index.html"
    header_icon = "form"
    page_title = gettext_lazy("Evaluation results")

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = results_overview(responses=responses_in(self.reach))
        return context


class ResultsFilter(forms.Form):
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Organisation"), required=False, coerce=int, empty_value=None
    )
    cohort = forms.TypedChoiceField(
        label=gettext_lazy("Cohort"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, organisations, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("All")), *organisations]
        if cohorts:
            self.fields["cohort"].choices = [("", _("All")), *cohorts]
        else:
            del self.fields["cohort"]


def _mean(value) -> str:
    return "—" if value is None else f"{value:.1f}"


class CourseResultsView(_Scoped):
    template_name = "courses/evaluation/admin/course.html"
    header_icon = "form"

    @cached_property
    def course_key(self) -> UUID:
        return self.kwargs["course_key"]

    @cached_property
    def purpose(self) -> str:
        return self.kwargs["purpose"]

    @cached_property
    def titles(self) -> dict:
        return subject_titles([self.course_key])

    @cached_property
    def is_programme(self) -> bool:
        """A programme's end-of-programme results (its key in place of a course's)."""
        return self.course_key in programme_titles(list(self.titles)) if self.titles else False

    @cached_property
    def title(self) -> str:
        return self.titles.get(self.course_key) or ""

    def get_page_title(self):
        return self.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("evaluation_results:index"), "label": _("Evaluation results")},
            {"url": "", "label": self.title},
        ]

    @cached_property
    def filter_form(self) -> ResultsFilter:
        # The organisations whose learners answered, within the reach (a trainer sees
        # every organisation of their course, a coordinator their own).
        answered = responses_in(self.reach).filter(course_key=self.course_key)
        organisations = Organisation.objects.filter(pk__in=answered.values("organisation_id"))
        cohorts = Cohort.objects.filter(course_key=self.course_key).order_by("-starts_on")
        return ResultsFilter(
            self.request.GET or None,
            organisations=list(organisations.order_by("name").values_list("pk", "name")),
            cohorts=list(cohorts.values_list("pk", "name")),
        )

    def _filter(self, name: str) -> int | None:
        form = self.filter_form
        return form.cleaned_data.get(name) if form.is_valid() else None

    @cached_property
    def organisation_id(self) -> int | None:
        return self._filter("organisation")

    @cached_property
    def cohort_id(self) -> int | None:
        return self._filter("cohort")

    def responses(self) -> QuerySet[Response]:
        rows = responses_in(self.reach).filter(course_key=self.course_key, purpose=self.purpose)
        if self.organisation_id:
            rows = rows.filter(organisation_id=self.organisation_id)
        if self.cohort_id:
            rows = rows.filter(cohort_id=self.cohort_id)
        return rows

    def eligible(self) -> QuerySet:
        if self.is_programme:
            return self.eligible_in_programme()
        rows = Enrolment.objects.filter(
            self.reach.enrolment_q(),
            course_key=self.course_key,
            status=Enrolment.Status.COMPLETED,
        )
        if self.organisation_id:
            rows = rows.filter(organisation_id=self.organisation_id)
        if self.cohort_id:
            members = CohortMember.objects.filter(cohort_id=self.cohort_id)
            rows = rows.filter(pk__in=members.values("enrolment_id"))
        if self.purpose == Purpose.IMPACT:
            # Those asked: the survey was sent (or they answered before it came).
            surveyed = NotificationDelivery.objects.filter(
                kind=NotificationDelivery.Kind.IMPACT_SURVEY,
                status=NotificationDelivery.Status.SENT,
            )
            answered = Response.objects.filter(purpose=Purpose.IMPACT)
            rows = rows.filter(
                Q(pk__in=surveyed.values("enrolment_id"))
                | Q(pk__in=answered.values("enrolment_id"))
            )
        return rows

    def eligible_in_programme(self) -> QuerySet[ProgrammeEnrolment]:
        """Those who completed the programme, within the reach (the filters apply)."""
        rows = ProgrammeEnrolment.objects.filter(
            programme_key=self.course_key, status=ProgrammeEnrolment.Status.COMPLETED
        )
        if self.purpose != Purpose.END_OF_COURSE or self.cohort_id:
            return rows.none()
        if not self.reach.everything:
            rows = rows.filter(
                Q(organisation_id__in=self.reach.organisation_ids)
                | Q(programme_key__in=programmes_of_courses(self.reach.course_keys))
            )
        if self.organisation_id:
            rows = rows.filter(organisation_id=self.organisation_id)
        return rows

    @cached_property
    def free_text(self) -> bool:
        return may_read_free_text(
            self.request.user, self.reach, self.course_key, programme=self.is_programme
        )

    @cached_property
    def questionnaire(self) -> Questionnaire | None:
        language = translation.get_language()
        if self.is_programme:
            found = programme_questionnaire_for(programme_key=self.course_key, language=language)
        else:
            found = questionnaire_for(
                course_key=self.course_key, purpose=self.purpose, language=language
            )
        if found is not None:
            return found.shown
        latest = self.responses().exclude(questionnaire=None).select_related("questionnaire")
        latest = latest.first()
        return latest.questionnaire if latest else None

    def get(self, request, *args, **kwargs):
        if (
            self.purpose not in Purpose.values
            or not self.title
            or (not self.eligible().exists() and not self.responses().exists())
        ):
            raise Http404  # a course outside the person's reach, as if absent
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(export)
        return super().get(request, *args, **kwargs)

    # --- exports -------------------------------------------------------------------------------

    def export_columns(self) -> dict:
        questionnaire = self.questionnaire
        named = bool(questionnaire and self._original(questionnaire).named_in_exports)
        columns = {
            "course": (_("Course"), lambda row: self.title),
            "submitted_at": (_("Submitted"), lambda row: row.submitted_at),
            "organisation": (
                _("Organisation"),
                lambda row: row.organisation.name if row.organisation_id else "",
            ),
            "cohort": (_("Cohort"), lambda row: row.cohort.name if row.cohort_id else ""),
            "language": (_("Language"), lambda row: row.language),
        }
        if named:
            columns["learner"] = (
                _("Learner"),
                lambda row: row.user.full_name if row.user_id else _("(account deleted)"),
            )
            columns["email"] = (_("E-mail"), lambda row: row.user.email if row.user_id else "")
        for number, block in enumerate(questionnaire.questions if questionnaire else [], start=1):
            heading = f"{number}. {block.value['question']}"
            if block.block_type == "text" and not self.free_text:
                continue
            columns[f"q{number}"] = (heading, self._answer_cell(block))
        return columns

    @staticmethod
    def _original(questionnaire: Questionnaire) -> Questionnaire:
        return (
            Questionnaire.objects.filter(translation_key=questionnaire.translation_key)
            .order_by("pk")
            .first()
        )

    @staticmethod
    def _answer_cell(block):
        def cell(row):
            answers = [a for a in row.answers.all() if a.question_id == block.id]
            if block.block_type == "rating":
                return answers[0].rating if answers else None
            if block.block_type == "choice":
                options = block.value["options"]
                return "; ".join(
                    options[a.option]
                    for a in answers
                    if a.option is not None and a.option < len(options)
                )
            return answers[0].text if answers else ""

        return cell

    def export(self, fmt: str):
        columns = self.export_columns()
        rows = export_rows(responses=self.responses()).iterator(chunk_size=2000)
        name = f"gsef-evaluation-{self.purpose}-{timezone.localdate():%Y-%m-%d}"
        if fmt == "csv":
            response = StreamingHttpResponse(
                csv_lines(rows, columns, viewer=self.request.user),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
        write_xlsx(rows, columns, output, viewer=self.request.user, sheet_title=_("Evaluation"))
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{name}.xlsx",
        )

    # --- the page ------------------------------------------------------------------------------

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        responses = self.responses()
        results = evaluation_results(
            responses=responses,
            eligible=self.eligible(),
            questionnaire=self.questionnaire,
            free_text=self.free_text,
        )
        here = self.request.path
        query = "".join(
            f"{name}={value}&"
            for name, value in (("organisation", self.organisation_id), ("cohort", self.cohort_id))
            if value
        )
        context.update(
            results=results,
            charts=self.charts(results),
            by_organisation=[
                {**row, "average_text": _mean(row["average"])}
                for row in results_by_organisation(responses=responses)
            ],
            by_cohort=[
                {**row, "average_text": _mean(row["average"])}
                for row in results_by_cohort(responses=responses)
                if row["cohort_id"] is not None
            ],
            filter_form=self.filter_form,
            purpose_label=Purpose(self.purpose).label,
            eligible_label=_("Surveyed")
            if self.purpose == Purpose.IMPACT
            else _("Completed the programme")
            if self.is_programme
            else _("Completed the course"),
            average_text=_mean(results.average_rating),
            csv_url=f"{here}?{query}export=csv",
            xlsx_url=f"{here}?{query}export=xlsx",
        )
        return context

    def charts(self, results) -> list[charts.Chart]:
        found = []
        rated = [q for q in results.questions if q.kind == "rating"]
        if rated:
            found.append(
                charts.horizontal_bars(
                    title=_("Average rating per question"),
                    description=_("The mean of the answers, from 1 to 5."),
                    rows=[
                        (f"{q.number}. {q.text}", q.average or 0, _mean(q.average)) for q in rated
                    ],
                    maximum=5,
                    headings=[_("Question"), _("Average (1 to 5)")],
                )
            )
        for question in results.questions:
            if question.kind == "text":
                continue
            found.append(
                charts.horizontal_bars(
                    title=f"{question.number}. {question.text}",
                    description=_("How many people gave each answer."),
                    rows=[
                        (label, count, str(count))
                        for label, count in zip(question.labels, question.counts, strict=True)
                    ],
                    headings=[_("Answer"), _("People")],
                )
            )
        return found


class EvaluationResultsViewSet(PolicyViewSet):
    """``/admin/evaluation/results/``: per course, organisation and purpose."""

    name = "evaluation_results"
    url_prefix = "evaluation/results"
    icon = "form"
    menu_label = gettext_lazy("Evaluation results")
    menu_hook = "register_learning_menu_item"
    menu_order = 740
    permission_policy = response_policy

    def get_urlpatterns(self):
        return [
            path("", ResultsIndexView.as_view(), name="index"),
            path("<uuid:course_key>/<str:purpose>/", CourseResultsView.as_view(), name="course"),
        ]


evaluation_results_viewset = EvaluationResultsViewSet()
