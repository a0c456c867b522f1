"""Cohorts in the Wagtail admin ("Learning" → Cohorts): the Secretariat and trainers author
them; facilitators follow their members (on track or behind, results by city) and write
to the ones behind; coordinators enrol their officials into one.

Who sees which cohort and may do what is ``cohort_policy``'s (courses.cohorts.permissions):
a cohort outside a person's rows answers 404, a missing permission Wagtail's refusal.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.pagination import paginate_once
from courses.charts import horizontal_bars
from courses.cohorts.forms import CohortForm, CohortMembersForm, MessageForm
from courses.cohorts.models import Cohort
from courses.cohorts.permissions import cohort_policy
from courses.cohorts.selectors import (
    behind_members,
    cohort_progress,
    cohort_results,
    cohort_schedule,
    programme_cohort_progress,
    programme_rows_fill,
)
from courses.cohorts.services import cohort_enrol, cohort_message_send
from lms.admin import scoped
from lms.models import Organisation
from lms.permissions import organisation_policy


class LinksColumn(Column):
    """The cohort's screens this person may open (decided by permission, not per row)."""

    def get_value(self, instance):
        request = self.context_request
        links = []
        if cohort_policy.user_has_permission(request.user, "follow"):
            url = reverse("cohort_admin:follow", args=[instance.pk])
            links.append(format_html('<a href="{}">{}</a>', url, _("Members and progress")))
        if cohort_policy.user_has_permission(request.user, "enrol"):
            url = reverse("cohort_admin:enrol", args=[instance.pk])
            links.append(format_html('<a href="{}">{}</a>', url, _("Enrol members")))
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else ""

    def get_cell_context_data(self, instance, parent_context):
        self.context_request = parent_context["request"]
        return super().get_cell_context_data(instance, parent_context)


class CohortViewSet(scoped.ScopedModelViewSet):
    model = Cohort
    permission_policy = cohort_policy
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    menu_hook = "register_learning_menu_item"
    menu_order = 250
    name = "cohort_admin"
    url_prefix = "cohorts"
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["name"]
    list_filter = ["starts_on"]
    ordering = ["-starts_on", "name"]

    @property
    def list_display(self):
        return [
            "name",
            "starts_on",
            "ends_on",
            "capacity",
            LinksColumn("links", label=gettext_lazy("Screens")),
        ]

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name"), FieldPanel("course_page"), FieldPanel("programme_page")],
                heading=gettext_lazy("What"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                    FieldRowPanel(
                        [FieldPanel("enrolment_opens_on"), FieldPanel("enrolment_closes_on")]
                    ),
                    FieldRowPanel([FieldPanel("time_zone"), FieldPanel("capacity")]),
                ],
                heading=gettext_lazy("When and how many"),
            ),
            FieldPanel("facilitators"),
            InlinePanel(
                "schedule", heading=gettext_lazy("Module dates"), label=gettext_lazy("Module")
            ),
            FieldPanel("webinars"),
        ],
        base_form_class=CohortForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/follow/", CohortFollowView.as_view(), name="follow"),
            path("<int:pk>/message/", CohortMessageView.as_view(), name="message"),
            path("<int:pk>/enrol/", CohortEnrolView.as_view(), name="enrol"),
        ]


def _cohort_for(request, pk: int, action: str) -> Cohort:
    """The cohort if ``action`` is allowed on it; refused (Wagtail's way) without the
    permission at all, 404 for a cohort outside the person's rows."""
    if not cohort_policy.user_has_permission(request.user, action):
        raise PermissionDenied
    cohort = get_object_or_404(Cohort, pk=pk)
    if not cohort_policy.user_has_permission_for_instance(request.user, action, cohort):
        raise Http404
    return cohort


class _CohortScreen(WagtailAdminTemplateMixin, TemplateView):
    action = "follow"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.cohort = _cohort_for(request, kwargs["pk"], self.action)
        self.now = timezone.now()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohort_admin:index"), "label": _("Cohorts")},
            {"url": "", "label": self.cohort.name},
        ]


def _label(rows) -> None:
    """What each row's cells say, worked out once here rather than by template tags per
    row: a cohort of 500 learners renders in a fraction of the time."""
    labels = {
        "completed": _("Completed"),
        "withdrawn": _("Withdrawn"),
        "behind": _("Behind"),
        "on_track": _("On track"),
    }
    deleted = _("Deleted account")
    for row in rows:
        user, organisation = row.user, row.organisation
        row.learner_name = (user.full_name or user.email) if user else deleted
        row.organisation_name = organisation.name if organisation else "—"
        row.city = (organisation.city if organisation else "") or "—"
        if row.status in ("completed", "withdrawn"):
            row.status_label = labels[row.status]
        else:
            row.status_label = labels["behind" if row.is_behind else "on_track"]
        activity = row.last_activity_at
        row.activity_text = (
            formats.date_format(timezone.localtime(activity), "SHORT_DATETIME_FORMAT")
            if activity
            else "—"
        )


MEMBERS_PER_PAGE = 100


class CohortFollowView(_CohortScreen):
    """The facilitator's view: members with progress, on track or behind, a page at a
    time (``MEMBERS_PER_PAGE``, ``?p=``), the results by city and the counts of the whole
    cohort, and a form to write to the members behind (all of them, not only the page's).
    Its queries do not grow with the cohort's size."""

    template_name = "courses/cohorts/admin/follow.html"

    def get_page_title(self):
        return _("Cohort: %(name)s") % {"name": self.cohort.name}

    def _members_page(self):
        """A page of the members' rows, read with their count in one query."""
        if self.cohort.programme_key is not None:
            rows = programme_cohort_progress(cohort=self.cohort, now=self.now)
        else:
            rows = cohort_progress(cohort=self.cohort, now=self.now)
        page = paginate_once(rows, per_page=MEMBERS_PER_PAGE, number=self.request.GET.get("p"))
        if self.cohort.programme_key is not None:
            programme_rows_fill(page.object_list)
        _label(page.object_list)
        pages = WagtailPaginator([], MEMBERS_PER_PAGE)  # for its page numbers only
        pages.__dict__["count"] = page.paginator.count
        return page, list(pages.get_elided_page_range(page.number))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, page_range = self._members_page()
        results = cohort_results(cohort=self.cohort, now=self.now)
        chart = horizontal_bars(
            title=_("Completion by city"),
            description=_("Share of the cohort's members who completed the course, per city."),
            rows=[(r.name, r.completion_percent, f"{r.completion_percent}%") for r in results],
            headings=[_("City"), _("Completed")],
            maximum=100,
        )
        context.update(
            cohort=self.cohort,
            rows=page.object_list,
            page_obj=page,
            elided_page_range=page_range,
            member_count=sum(result.members for result in results),
            behind_count=sum(result.behind for result in results),
            results=results,
            chart=chart,
            schedule=cohort_schedule(cohort=self.cohort, now=self.now),
            may_message=cohort_policy.user_has_permission(self.request.user, "message"),
            message_form=kwargs.get("message_form") or MessageForm(),
            sent_messages=list(self.cohort.messages.all()[:10]),
        )
        return context


class CohortMessageView(_CohortScreen):
    """Write to the members behind: the form, a confirmation with the count, then the send
    (once per form, however many times it is posted)."""

    action = "message"
    template_name = "courses/cohorts/admin/message_confirm.html"
    http_method_names = ["post"]

    def get_page_title(self):
        return _("Write to the members behind")

    def post(self, request, *args, **kwargs):
        form = MessageForm(request.POST)
        if not form.is_valid():
            view = CohortFollowView(request=request, kwargs=kwargs, args=args)
            view.cohort, view.now = self.cohort, self.now
            context = view.get_context_data(message_form=form)
            return view.render_to_response(context, status=400)
        recipients = list(behind_members(cohort=self.cohort, now=self.now))
        if not form.cleaned_data["confirmed"]:
            return self.render_to_response(
                self.get_context_data(form=form, recipients=recipients, cohort=self.cohort)
            )
        try:
            message, created = cohort_message_send(
                cohort=self.cohort,
                sender=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                form_nonce=form.cleaned_data["form_nonce"],
                now=self.now,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            count = message.recipient_count
            if created:
                messages.success(
                    request,
                    ngettext(
                        "Your message is on its way to %(count)d member.",
                        "Your message is on its way to %(count)d members.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.info(request, _("This message was already sent."))
        return redirect("cohort_admin:follow", pk=self.cohort.pk)


class CohortEnrolView(_CohortScreen):
    """A coordinator enrols members of an organisation they coordinate (the Secretariat:
    of any organisation) into the cohort; one answer per person."""

    action = "enrol"
    template_name = "courses/cohorts/admin/enrol.html"

    def get_page_title(self):
        return _("Enrol members in %(name)s") % {"name": self.cohort.name}

    def _organisations(self):
        return (
            organisation_policy.instances_user_has_permission_for(self.request.user, "view")
            .active()
            .order_by("name")
        )

    def _organisation(self, organisations) -> Organisation:
        wanted = self.request.POST.get("organisation") or self.request.GET.get("organisation")
        chosen = (
            organisations.filter(pk=int(wanted)).first()
            if wanted and str(wanted).isdigit()
            else organisations.first()
        )
        if chosen is None:
            raise PermissionDenied
        return chosen

    def get(self, request, *args, **kwargs):
        organisations = self._organisations()
        organisation = self._organisation(organisations)
        form = CohortMembersForm(organisation=organisation)
        return self.render_to_response(
            self.get_context_data(form=form, organisation=organisation, organisations=organisations)
        )

    def post(self, request, *args, **kwargs):
        organisations = self._organisations()
        organisation = self._organisation(organisations)
        form = CohortMembersForm(request.POST, organisation=organisation)
        results = []
        status = 200
        if form.is_valid():
            for user in form.cleaned_data["members"]:
                try:
                    cohort_enrol(
                        cohort=self.cohort,
                        user=user,
                        source="coordinator",
                        enrolled_by=request.user,
                        now=self.now,
                    )
                except ValidationError as error:
                    results.append((user, False, " ".join(error.messages)))
                else:
                    results.append((user, True, ""))
            form = CohortMembersForm(organisation=organisation)
        else:
            status = 400
        context = self.get_context_data(
            form=form, organisation=organisation, organisations=organisations, results=results
        )
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            several_organisations=len(context["organisations"]) > 1,
            members_count=self.cohort.members.count(),
        )
        return context


cohort_viewset = CohortViewSet()
