"""The learning domain's events, recorded as webhook deliveries.

``courses.events`` sends each after its transaction commits, so the rows are written in a
transaction of their own; an event of an organisation without endpoints costs one query.
"""

from __future__ import annotations

from django.dispatch import receiver

from courses import events
from courses.webhooks.models import EventType
from courses.webhooks.payloads import certificate_event, enrolment_event
from courses.webhooks.services import webhook_event_record


def _record(event) -> None:
    if event is not None:
        webhook_event_record(event=event)


@receiver(events.enrolment_created, dispatch_uid="webhooks.enrolment_created")
def enrolment_created(sender, enrolment_id, **kwargs):
    _record(enrolment_event(EventType.ENROLMENT_CREATED, enrolment_id=enrolment_id))


@receiver(events.course_completed, dispatch_uid="webhooks.course_completed")
def course_completed(sender, enrolment_id, **kwargs):
    _record(enrolment_event(EventType.COURSE_COMPLETED, enrolment_id=enrolment_id))


@receiver(events.certificate_issued, dispatch_uid="webhooks.certificate_issued")
def certificate_issued(sender, certificate_id, **kwargs):
    _record(certificate_event(EventType.CERTIFICATE_ISSUED, certificate_id=certificate_id))


@receiver(events.certificate_revoked, dispatch_uid="webhooks.certificate_revoked")
def certificate_revoked(sender, certificate_id, **kwargs):
    _record(certificate_event(EventType.CERTIFICATE_REVOKED, certificate_id=certificate_id))
