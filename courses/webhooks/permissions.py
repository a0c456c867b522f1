"""Who may see and manage webhooks: a coordinator their organisations' endpoints and
deliveries, the secretariat every one (``lms.permissions.OrganisationScopedPolicy``, on
the permissions ``webhooks.0002_access_permissions`` grants)."""

from __future__ import annotations

from courses.webhooks.models import WebhookDelivery, WebhookEndpoint
from lms.permissions import OrganisationScopedPolicy


class WebhookEndpointPolicy(OrganisationScopedPolicy):
    """Endpoints: "view", "add", "change" (edit, enable, disable) and "manage" (rotate the
    secret, send a test event, redeliver) within the person's organisations."""

    actions_for_coordinators = frozenset({"view", "add", "change", "manage"})


class WebhookDeliveryPolicy(OrganisationScopedPolicy):
    """Delivery logs, read-only, within the person's organisations."""

    organisation_lookup = "endpoint__organisation"


webhook_endpoint_policy = WebhookEndpointPolicy(WebhookEndpoint)
webhook_delivery_policy = WebhookDeliveryPolicy(WebhookDelivery)
