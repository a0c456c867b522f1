"""Webhooks in the admin: a coordinator manages their organisations' endpoints (create,
which shows the secret; edit; rotate the secret; disable or enable; send a test event)
and reads each endpoint's delivery log, with "Redeliver". The secretariat sees every
organisation's. Every screen asks ``courses.webhooks.permissions``; writes go through
``courses.webhooks.services``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView

from courses.webhooks import http, services
from courses.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint
from courses.webhooks.permissions import webhook_delivery_policy, webhook_endpoint_policy
from lms.admin import scoped
from lms.admin_display import ViewerDateTimeColumn

REFUSAL = gettext_lazy("Only coordinators and the secretariat manage webhooks.")
PER_PAGE = 50


class WebhookEndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=gettext_lazy("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("The HTTPS address that receives the events (POST, JSON)."),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("What this address is told about."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["organisation", "url", "description", "events"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = webhook_endpoint_policy.organisations_user_has_permission_for(
            self.for_user, "add"
        )
        if self.instance.pk:  # an endpoint stays with its organisation
            field.disabled = True
        elif field.queryset.count() == 1:
            field.initial = field.queryset.first()

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        problem = http.url_problem(url)
        if problem:
            raise ValidationError(problem)
        return url


class EndpointCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.webhook_endpoint_create(
            organisation=data["organisation"],
            url=data["url"],
            events=data["events"],
            description=data.get("description", ""),
            by=self.request.user,
        )

    def get_success_url(self):
        return reverse("webhook_endpoints:inspect", args=[self.object.pk])

    def get_success_message(self, instance):
        return _("Endpoint added. Copy its signing secret into the receiving system.")


class EndpointEditView(scoped.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.webhook_endpoint_update(
            endpoint=self.object,
            url=data["url"],
            events=data["events"],
            description=data.get("description", ""),
        )


class EndpointInspectView(scoped.InspectView):
    """The endpoint's settings, its secret, and its actions."""

    template_name = "webhooks/endpoint_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        endpoint = self.object
        context["may_manage"] = webhook_endpoint_policy.user_has_permission_for_instance(
            self.request.user, "manage", endpoint
        )
        context["may_change"] = webhook_endpoint_policy.user_has_permission_for_instance(
            self.request.user, "change", endpoint
        )
        context["deliveries_url"] = reverse("webhook_endpoints:deliveries", args=[endpoint.pk])
        return context


def _endpoint(request, pk: int, action: str) -> WebhookEndpoint:
    """The endpoint if ``action`` is allowed on it; 403 without the right at all, 404 for
    another organisation's (as if absent)."""
    if not webhook_endpoint_policy.user_has_permission(request.user, action):
        raise PermissionDenied
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    if not webhook_endpoint_policy.user_has_permission_for_instance(request.user, action, endpoint):
        raise Http404
    return endpoint


class EndpointActionView(scoped.RefusedWith403Mixin, View):
    """POST-only buttons of the endpoint's page (CSRF-checked)."""

    http_method_names = ["post"]
    refusal_message = REFUSAL
    action = ""  # rotate, test, disable, enable

    def post(self, request, pk: int):
        needs = "change" if self.action in {"disable", "enable"} else "manage"
        endpoint = _endpoint(request, pk, needs)
        if self.action == "rotate":
            services.webhook_endpoint_rotate_secret(endpoint=endpoint)
            messages.success(
                request,
                _(
                    "A new signing secret is ready. Events are signed with the old one too "
                    "for 24 hours, while the receiving system switches over."
                ),
            )
        elif self.action == "test":
            if not endpoint.active:
                messages.warning(request, _("Enable the endpoint before sending it a test."))
            else:
                services.webhook_test_send(endpoint=endpoint)
                messages.success(
                    request, _("A test event is on its way; its delivery is in the log.")
                )
        elif self.action == "disable":
            services.webhook_endpoint_disable(
                endpoint=endpoint, reason=_("disabled by %(name)s") % {"name": request.user}
            )
            messages.success(request, _("Endpoint disabled: events wait until it is enabled."))
        else:
            services.webhook_endpoint_enable(endpoint=endpoint)
            messages.success(
                request, _("Endpoint enabled: waiting events are sent within a minute.")
            )
        return redirect("webhook_endpoints:inspect", endpoint.pk)


class DeliveriesView(scoped.RefusedWith403Mixin, WagtailAdminTemplateMixin, TemplateView):
    """One endpoint's delivery log, newest first, with "Redeliver"."""

    template_name = "webhooks/deliveries.html"
    header_icon = "link"
    refusal_message = REFUSAL

    def get_page_title(self):
        return _("Deliveries to %(url)s") % {"url": self.endpoint.url}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("webhook_endpoints:index"), "label": _("Webhooks")},
            {
                "url": reverse("webhook_endpoints:inspect", args=[self.endpoint.pk]),
                "label": self.endpoint.url,
            },
            {"url": "", "label": _("Deliveries")},
        ]

    def get(self, request, *args, pk: int, **kwargs):
        self.endpoint = _endpoint(request, pk, "view")
        return super().get(request, *args, pk=pk, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = webhook_delivery_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).filter(endpoint=self.endpoint)
        page = Paginator(
            rows.order_by("-created_at", "-pk").only(
                "pk",
                "event_id",
                "event_type",
                "state",
                "attempts",
                "created_at",
                "next_attempt_at",
                "last_status_code",
                "last_error",
                "delivered_at",
                "endpoint_id",
            ),
            PER_PAGE,
        ).get_page(self.request.GET.get("p"))
        context.update(
            endpoint=self.endpoint,
            page=page,
            may_manage=webhook_endpoint_policy.user_has_permission_for_instance(
                self.request.user, "manage", self.endpoint
            ),
        )
        return context


class RedeliverView(scoped.RefusedWith403Mixin, View):
    """Send one event again: the same id and payload, signed afresh (POST)."""

    http_method_names = ["post"]
    refusal_message = REFUSAL

    def post(self, request, pk: int, delivery_pk: int):
        endpoint = _endpoint(request, pk, "manage")
        delivery = get_object_or_404(WebhookDelivery, pk=delivery_pk, endpoint=endpoint)
        try:
            services.webhook_redeliver(delivery=delivery)
        except ValidationError as error:
            messages.warning(request, error.messages[0])
        else:
            messages.success(request, _("The event is queued to be sent again."))
        return redirect("webhook_endpoints:deliveries", endpoint.pk)


class EventsColumn(Column):
    def get_value(self, instance):
        return instance.event_labels


class WebhookEndpointViewSet(scoped.ScopedModelViewSet):
    """Webhook endpoints of the organisations the person coordinates (all: secretariat)."""

    model = WebhookEndpoint
    permission_policy = webhook_endpoint_policy
    icon = "link"
    url_prefix = "webhooks"
    name = "webhook_endpoints"
    menu_hook = "register_learning_menu_item"
    menu_order = 650
    menu_label = gettext_lazy("Webhooks")
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    inspect_view_class = EndpointInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "url",
        "organisation",
        EventsColumn("events", label=gettext_lazy("Events")),
        BooleanColumn("active", label=gettext_lazy("Active")),
        ViewerDateTimeColumn("failing_since", label=gettext_lazy("Failing since")),
    ]
    list_filter = ["organisation", "active"]
    inspect_view_fields = [
        "organisation",
        "url",
        "description",
        "active",
        "disabled_at",
        "disabled_reason",
        "failing_since",
        "created_by",
        "created_at",
    ]
    ordering = ["organisation__name", "pk"]

    def get_form_class(self, for_update: bool = False):
        return WebhookEndpointForm

    def get_urlpatterns(self):
        actions = [
            path(f"{action}/<int:pk>/", EndpointActionView.as_view(action=action), name=action)
            for action in ("rotate", "test", "disable", "enable")
        ]
        return [
            *(p for p in super().get_urlpatterns() if p.name not in {"history", "usage"}),
            *actions,
            path("deliveries/<int:pk>/", DeliveriesView.as_view(), name="deliveries"),
            path(
                "deliveries/<int:pk>/redeliver/<int:delivery_pk>/",
                RedeliverView.as_view(),
                name="redeliver",
            ),
        ]


webhook_endpoint_viewset = WebhookEndpointViewSet()
