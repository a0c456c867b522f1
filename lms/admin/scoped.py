"""Generic admin views whose rows come from the viewset's permission policy.

A listing shows the rows the policy allows for "view"; a view of one row (edit, delete,
inspect, history, usage, copy) opens it only if the policy allows the view's action on
it, else answers 404, as if absent. Wagtail's own permission plumbing refuses a person
without the model permission before that. Viewsets subclass ``ScopedModelViewSet`` and
set ``permission_policy`` (``lms.permissions``, ``courses.permissions``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseForbidden
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin_display import ViewerInspectMixin


class PolicyRowsMixin:
    """Listings from ``instances_user_has_permission_for(user, "view")``; ``select_related``
    names the relations a listing shows, fetched with the rows."""

    select_related: tuple[str, ...] = ()

    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )
        queryset = super().get_base_queryset().filter(pk__in=allowed.values("pk"))
        return queryset.select_related(*self.select_related) if self.select_related else queryset


class PolicyObjectMixin:
    """One row, if the policy allows the view's action on it (else 404)."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        action = self.permission_required or "view"
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, action, obj
        ):
            raise Http404
        return obj


class RefusedWith403Mixin:
    """Answer a refusal with 403 and ``refusal_message`` (Wagtail would redirect it to the
    dashboard, which hides that the screen exists but is not theirs)."""

    refusal_message = ""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden(str(self.refusal_message))


class IndexView(PolicyRowsMixin, generic.IndexView):
    pass


class EditView(PolicyObjectMixin, generic.EditView):
    pass


class DeleteView(PolicyObjectMixin, generic.DeleteView):
    pass


class InspectView(PolicyObjectMixin, ViewerInspectMixin, generic.InspectView):
    """Dates and times in the viewer's zone, a dash for an empty field."""


class CopyView(PolicyObjectMixin, generic.CopyView):
    pass


class HistoryView(PolicyObjectMixin, history.HistoryView):
    pass


class UsageView(PolicyObjectMixin, usage.UsageView):
    pass


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view keeps to the rows of its ``permission_policy``."""

    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    copy_view_class = CopyView
    history_view_class = HistoryView
    usage_view_class = UsageView


class PolicyViewSet(ViewSet):
    """Hand-made admin screens under one URL namespace, whose menu item shows to the people
    ``permission_policy`` allows ``permission_action`` (as a ModelViewSet's does). Put it
    in a submenu with ``menu_hook`` (e.g. "register_learning_menu_item")."""

    permission_policy = None
    permission_action = "view"

    @cached_property
    def menu_item_class(self):
        viewset = self

        def is_shown(_item, request) -> bool:
            return viewset.permission_policy.user_has_permission(
                request.user, viewset.permission_action
            )

        return type(f"{type(self).__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})
