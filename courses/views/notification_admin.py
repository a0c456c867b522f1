"""The secretariat's outbox: every notification the engine decided, what was sent, when
the next attempt is and why, and "Resend" for the ones that failed or may have been sent
before a crash ("unknown").

A Wagtail ``ModelViewSet`` (listing with filters, an inspect view showing the message
as sent), read-only: rows are written by ``courses.services.notifications`` only. Only
the secretariat may see it (``courses.permissions.notification_delivery_policy``);
everyone else gets 403. It is not put in the menu here:
the "Learning" submenu lists it.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from courses.models import NotificationDelivery
from courses.permissions import notification_delivery_policy
from courses.services.notifications import notification_resend
from lms.admin.scoped import RefusedWith403Mixin
from lms.admin_display import ViewerDateTimeColumn, ViewerInspectMixin
from lms.models import Organisation

register_permission_policy(NotificationDelivery, notification_delivery_policy)

REFUSAL = gettext_lazy("Only the secretariat can see the notifications.")


class NotificationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"), choices=NotificationDelivery.Kind.choices
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=NotificationDelivery.Status.choices
    )
    recipient = django_filters.CharFilter(
        label=gettext_lazy("Recipient (e-mail or name)"), method="filter_recipient"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.all()
    )

    class Meta:
        model = NotificationDelivery
        fields = ["kind", "status", "recipient", "organisation"]

    def filter_recipient(self, queryset, name, value):
        from django.db.models import Q

        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(recipient__email__icontains=value) | Q(recipient__full_name__icontains=value)
        )


class NotificationIndexView(RefusedWith403Mixin, IndexView):
    refusal_message = REFUSAL
    any_permission_required = ["view"]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("recipient", "organisation")


class NotificationInspectView(RefusedWith403Mixin, ViewerInspectMixin, InspectView):
    refusal_message = REFUSAL
    any_permission_required = ["view"]
    template_name = "courses/notifications/admin_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.may_be_resent:
            context["resend_url"] = reverse("notification_deliveries:resend", args=[self.object.pk])
        return context


class ResendView(RefusedWith403Mixin, PermissionCheckedMixin, View):
    """Queue a failed or maybe-sent delivery again, with its Message-ID (POST, CSRF-checked)."""

    model = NotificationDelivery
    permission_required = "resend"
    refusal_message = REFUSAL
    http_method_names = ["post"]

    def post(self, request, pk: int):
        delivery = get_object_or_404(NotificationDelivery, pk=pk)
        if not delivery.may_be_resent:
            messages.warning(
                request,
                _(
                    "Only a failed notification, or one that may not have been sent, "
                    "can be sent again."
                ),
            )
        else:
            notification_resend(delivery=delivery)
            messages.success(request, _("The notification is queued to be sent again."))
        return redirect("notification_deliveries:inspect", pk)


class NotificationDeliveryViewSet(ModelViewSet):
    """Outbox of the reminders engine, for the secretariat."""

    model = NotificationDelivery
    icon = "mail"
    url_prefix = "notifications/outbox"
    name = "notification_deliveries"
    # In the "Learning" submenu, shown to whom the policy allows "view" (the secretariat).
    menu_hook = "register_learning_menu_item"
    menu_order = 600
    menu_label = gettext_lazy("E-mail outbox")
    index_view_class = NotificationIndexView
    inspect_view_class = NotificationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = NotificationFilterSet
    list_display = [
        "kind",
        "recipient",
        "status",
        ViewerDateTimeColumn("due_at", label=gettext_lazy("Due at"), sort_key="due_at"),
        ViewerDateTimeColumn("sent_at", label=gettext_lazy("Sent at"), sort_key="sent_at"),
        "attempts",
        ViewerDateTimeColumn(
            "next_attempt_at", label=gettext_lazy("Next attempt"), sort_key="next_attempt_at"
        ),
        Column("reason", label=gettext_lazy("Reason")),
    ]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    inspect_view_fields = [
        "kind",
        "status",
        "recipient",
        "to_email",
        "subject_key",
        "slot",
        "organisation",
        "created_at",
        "due_at",
        "queued_at",
        "first_attempt_at",
        "sending_at",
        "next_attempt_at",
        "sent_at",
        "attempts",
        "last_error",
        "skip_reason",
        "language",
        "message_id",
        "rendered_subject",
        "rendered_text",
    ]
    # Rows are the engine's record: nobody adds, edits or deletes them by hand.
    form_fields: list[str] = []

    def get_urlpatterns(self):
        # The listing and each row's page; "resend" is the one action.
        kept = {"index", "index_results", "inspect"}
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name in kept),
            path("resend/<int:pk>/", ResendView.as_view(), name="resend"),
        ]


notification_delivery_viewset = NotificationDeliveryViewSet()
