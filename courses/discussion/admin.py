"""The moderation list in the admin ("Learning" → Discussion reports): abuse reports of
the discussions a person moderates (``report_policy``: the courses a trainer teaches, every
course for the Secretariat), open ones first, with the reported text, its thread (where
the moderator hides the post, which resolves its reports) and a "Resolve" button."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from courses.discussion import services
from courses.discussion.models import Report
from courses.discussion.permissions import report_policy
from lms.admin.scoped import IndexView, RefusedWith403Mixin, ScopedModelViewSet
from lms.admin_display import ViewerDateTimeColumn


class ReportFilterSet(WagtailFilterSet):
    open = django_filters.BooleanFilter(
        label=_("Open"), field_name="resolved_at", lookup_expr="isnull"
    )

    class Meta:
        model = Report
        fields = []


def _excerpt(report: Report) -> str:
    return Truncator(report.post.body).chars(120)


def _thread(report: Report) -> str:
    thread = report.post.thread
    url = reverse("discussion:thread", args=[thread.pk]) + f"#post-{report.post_id}"
    return format_html('<a href="{}">{}</a>', url, thread.title)


def _author(report: Report) -> str:
    author = report.post.author
    return author.full_name if author else _("Former member")


def _state(report: Report) -> str:
    if report.resolved_at:
        return _("Resolved")
    if report.post.hidden_at:
        return _("Post hidden")
    return _("Open")


class ResolveColumn(Column):
    """A "Resolve" button (a POST form with the request's CSRF token) on open reports."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if instance.resolved_at or request is None:
            context["value"] = ""
            return context
        context["value"] = format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken"'
            ' value="{}"><button type="submit" class="button button-small button-secondary">'
            "{}</button></form>",
            reverse("discussion_reports:resolve", args=[instance.pk]),
            get_token(request),
            _("Resolve"),
        )
        return context


class ReportIndexView(RefusedWith403Mixin, IndexView):
    refusal_message = _("Only the course's trainers and the Secretariat moderate discussions.")
    select_related = ("post__thread", "post__author", "reporter")
    default_ordering = "-created_at"


class ReportViewSet(ScopedModelViewSet):
    """Abuse reports of the discussions one moderates."""

    model = Report
    permission_policy = report_policy
    index_view_class = ReportIndexView
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = ReportFilterSet
    icon = "warning"
    name = "discussion_reports"
    menu_label = _("Discussion reports")
    menu_hook = "register_learning_menu_item"
    menu_order = 730
    search_backend_name = None
    form_fields = ["reason"]  # never edited here (no add or edit view); Wagtail asks for it
    list_display = [
        ViewerDateTimeColumn("created_at", label=_("Reported at")),
        Column("excerpt", label=_("Post"), accessor=_excerpt),
        Column("thread", label=_("Thread"), accessor=_thread),
        Column("author", label=_("Written by"), accessor=_author),
        "reason",
        Column("state", label=_("State"), accessor=_state),
        ResolveColumn("resolve", label=_("Action")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/resolve/", self.resolve_view, name="resolve"),
        ]

    @property
    def resolve_view(self):
        @require_POST
        def view(request, pk):
            allowed = report_policy.instances_user_has_permission_for(request.user, "change")
            report = get_object_or_404(allowed.select_related("post__thread"), pk=pk)
            try:
                services.report_resolve(user=request.user, report=report, now=timezone.now())
            except ValidationError as error:
                raise Http404 from error
            messages.success(request, _("Report resolved."))
            return redirect(self.get_url_name("index"))

        return view


report_viewset = ReportViewSet()
