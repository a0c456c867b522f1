"""The webhooks' admin screens, in the "Learning" submenu (courses.wagtail_hooks)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from courses.webhooks.admin import webhook_endpoint_viewset
from courses.webhooks.models import WebhookDelivery, WebhookEndpoint
from courses.webhooks.permissions import webhook_delivery_policy, webhook_endpoint_policy

register_permission_policy(WebhookEndpoint, webhook_endpoint_policy)
register_permission_policy(WebhookDelivery, webhook_delivery_policy)


@hooks.register("register_admin_viewset")
def register_webhook_endpoints():
    return webhook_endpoint_viewset
