"""Every write about cohorts: joining one, and a facilitator's message to its members.

Joining a cohort enrols in its course through ``enrolment_create``, so the course's own
rules (published, window, audience, prerequisites, who may enrol whom) still apply; the
cohort adds its own (its end, its enrolment window, its capacity) and makes its end the
enrolment's deadline.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.cohorts.models import Cohort, CohortMember, CohortMessage
from courses.cohorts.selectors import (
    behind_members,
    cohort_course_page,
    cohort_programme_page,
    cohort_refusal,
)
from courses.models import Enrolment, NotificationDelivery
from courses.services.learning import enrolment_create
from courses.services.notifications import notification_request_many
from courses.services.notifications.rules import delivery_row
from lms.models import User


@transaction.atomic
def cohort_enrol(
    *,
    cohort: Cohort,
    user: User,
    source: str = CohortMember.Source.SELF,
    enrolled_by: User | None = None,
    now: dt.datetime,
) -> CohortMember:
    """Put ``user`` in ``cohort`` and in its course (any language version of it).

    Refuses, with the reason, past the cohort's end ("This cohort ended on 12 March
    2027"), outside its enrolment window, when it is full, or when the course refuses
    (``enrolment_create``; for a programme's cohort, ``programme_enrol``: the programme's
    rules). The cohort's row is locked while its members are counted,
    so two people enrolling at once cannot both take the last place. Joining twice
    returns the same membership.
    """
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    existing = CohortMember.objects.filter(cohort=cohort, user=user).first()
    if existing is not None:
        return existing
    refusal = cohort_refusal(cohort=cohort, now=now, members=cohort.members.count())
    if refusal:
        raise ValidationError(refusal.message, code=refusal.code)
    if cohort.programme_key is not None:
        return _programme_cohort_enrol(
            cohort=cohort, user=user, source=source, enrolled_by=enrolled_by, now=now
        )
    course = cohort_course_page(cohort=cohort, language=user.preferred_language or None)
    if course is None:
        raise ValidationError(_("This cohort's course is not published."), code="unpublished")
    enrolment = enrolment_create(
        user=user,
        course=course,
        source=source,
        enrolled_by=enrolled_by,
        due_on=cohort.ends_on,
        now=now,
    )
    if enrolment.status == Enrolment.Status.ACTIVE and enrolment.due_on != cohort.ends_on:
        # Already enrolled on their own: the cohort's end becomes their deadline.
        Enrolment.objects.filter(pk=enrolment.pk).update(due_on=cohort.ends_on)
    return CohortMember.objects.create(
        cohort=cohort,
        user=user,
        enrolment=enrolment,
        organisation_id=enrolment.organisation_id,
        source=source,
        enrolled_by=enrolled_by,
        joined_at=now,
    )


def _programme_cohort_enrol(
    *, cohort: Cohort, user: User, source: str, enrolled_by: User | None, now: dt.datetime
) -> CohortMember:
    """A programme's cohort: the programme's own service decides (``programme_enrol``:
    published, its courses open to the person, who may enrol whom)."""
    try:
        from courses.services.programmes import programme_enrol
    except ImportError:  # the programmes' service is not installed in this tree
        raise ValidationError(
            _("Enrolment in a programme's cohort is not open yet."), code="cohort_programme"
        ) from None

    programme = cohort_programme_page(cohort=cohort, language=user.preferred_language or None)
    if programme is None:
        raise ValidationError(_("This cohort's programme is not published."), code="unpublished")
    programme_enrolment = programme_enrol(
        user=user,
        programme=programme,
        # A programme enrolment knows "self" and "coordinator"; a spreadsheet is a coordinator's.
        source="self" if source == CohortMember.Source.SELF else "coordinator",
        enrolled_by=enrolled_by,
        now=now,
    )
    return CohortMember.objects.create(
        cohort=cohort,
        user=user,
        programme_enrolment=programme_enrolment,
        organisation_id=programme_enrolment.organisation_id,
        source=source,
        enrolled_by=enrolled_by,
        joined_at=now,
    )


def cohort_message_send(
    *,
    cohort: Cohort,
    sender: User,
    subject: str,
    body: str,
    form_nonce: str,
    now: dt.datetime,
) -> tuple[CohortMessage, bool]:
    """Write to the members behind in ``cohort``, through the delivery engine (kind
    ``COHORT_MESSAGE``, opt-out category "cohort"). One delivery per recipient and
    message; posting the same form again (same ``form_nonce``) sends nothing more.
    Returns the message and whether it is new; ``recipient_count`` is how many were
    sent it (those who opted out are left out)."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."), code="empty")
    try:
        with transaction.atomic():
            message = CohortMessage.objects.create(
                cohort=cohort,
                sender=sender,
                subject=subject,
                body=body,
                form_nonce=form_nonce,
                created_at=now,
            )
    except IntegrityError:
        return CohortMessage.objects.get(form_nonce=form_nonce), False
    with transaction.atomic():
        rows = [
            delivery_row(
                kind=NotificationDelivery.Kind.COHORT_MESSAGE,
                recipient=member.user,
                subject_key=f"cohort_message:{message.pk}",
                slot=f"member:{member.pk}",
                now=now,
                urgent=True,
                enrolment=member.enrolment,
                organisation_id=member.organisation_id,
            )
            for member in behind_members(cohort=cohort, now=now)
        ]
        notification_request_many(rows=rows, now=now)
        message.recipient_count = sum(
            1 for row in rows if row.status == NotificationDelivery.Status.PENDING
        )
        message.save(update_fields=["recipient_count"])
    return message, True
