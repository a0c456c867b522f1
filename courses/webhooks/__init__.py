"""Webhooks: an organisation's endpoints receive the learning domain's events
(``courses.events``), signed per the Standard Webhooks scheme and delivered by Celery
with retries over 24 hours; one ``WebhookDelivery`` row per (endpoint, event id)."""
