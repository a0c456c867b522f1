"""The follow-up impact survey through the notifications engine
(``courses.services.notifications``):

- ``decide_impact_surveys``: a decider in ``DECIDERS``. An enrolment completed N days
  ago (N = the impact questionnaire's ``impact_delay_days``, default 90) gets one
  ``IMPACT_SURVEY`` (slot: the completion instant, so a second sweep inserts nothing),
  in the learner's daytime; one ``IMPACT_SURVEY_REMINDER`` 14 days after the survey was
  sent if still unanswered. Nothing more than ``LATE_LIMIT`` late (switching the engine
  on does not survey last year's learners), nothing after an answer or an opt-out
  ("evaluation", applied by ``delivery_row`` and again at send time).
- ``impact_skip_reason``: checked again at send time (``recheck.skip_reason``).
- ``impact_survey_context``: the one-click link for the e-mail (``rendering``).
- ``survey_token`` / ``survey_token_read``: the signed link value. It names the
  enrolment and the purpose, expires after ``TOKEN_MAX_AGE``, and cannot answer twice
  (the response is unique per enrolment and purpose).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core import signing
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from courses.dates import user_time_zone
from courses.evaluation.models import Purpose, Response
from courses.evaluation.selectors import impact_delays, questionnaire_key_for
from courses.models import Enrolment, NotificationDelivery
from courses.services.notifications.rules import (
    DecidedRow,
    delivery_row,
    instant_slot,
    next_daytime,
)
from lms.urls_absolute import absolute_url

Kind = NotificationDelivery.Kind
IMPACT_KINDS = (Kind.IMPACT_SURVEY, Kind.IMPACT_SURVEY_REMINDER)

REMINDER_AFTER = dt.timedelta(days=14)
LATE_LIMIT = dt.timedelta(days=30)
TOKEN_MAX_AGE = dt.timedelta(days=45)
SURVEY_SALT = "courses.evaluation.survey"


# --- the link -----------------------------------------------------------------------------------


def survey_token(*, enrolment_id: int, purpose: str = Purpose.IMPACT) -> str:
    return signing.dumps({"e": enrolment_id, "p": purpose}, salt=SURVEY_SALT, compress=True)


def survey_token_read(token: str, *, now: dt.datetime) -> tuple[Enrolment, str] | None:
    """The enrolment and purpose of a valid, unexpired token, or None."""
    try:
        data = signing.loads(token, salt=SURVEY_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not isinstance(data, dict) or data.get("p") not in Purpose.values:
        return None
    enrolment = (
        Enrolment.objects.filter(pk=data.get("e"), user__isnull=False, user__is_active=True)
        .select_related("user")
        .first()
    )
    return (enrolment, data["p"]) if enrolment is not None else None


# --- deciding -----------------------------------------------------------------------------------


def _batches(queryset: QuerySet, batch_size: int) -> Iterator[list]:
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _answered(enrolment_ref: str) -> Exists:
    return Exists(
        Response.objects.filter(enrolment_id=OuterRef(enrolment_ref), purpose=Purpose.IMPACT)
    )


def _impact_row(kind: str, enrolment: Enrolment, user, due: dt.datetime, now) -> DecidedRow:
    return delivery_row(
        kind=kind,
        recipient=user,
        subject_key=f"impact:{enrolment.pk}",
        slot=instant_slot(enrolment.completed_at),
        now=now,
        # The learner's daytime, from now at the earliest (a late decision too).
        due_at=next_daytime(max(due, now), user_time_zone(user)),
        enrolment=enrolment,
        organisation_id=enrolment.organisation_id,
    )


def decide_impact_surveys(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    per_course, default = impact_delays()
    delays = {*per_course.values(), *([default] if default is not None else [])}
    if not delays:
        return
    candidates = (
        Enrolment.objects.filter(
            status=Enrolment.Status.COMPLETED,
            user__isnull=False,
            user__is_active=True,
            completed_at__lte=now - dt.timedelta(days=min(delays)),
            completed_at__gte=now - dt.timedelta(days=max(delays)) - LATE_LIMIT,
        )
        .exclude(_answered("pk"))
        .exclude(
            Exists(
                NotificationDelivery.objects.filter(
                    kind=Kind.IMPACT_SURVEY, enrolment_id=OuterRef("pk")
                )
            )
        )
        .select_related("user")
    )
    if default is None:
        candidates = candidates.filter(course_key__in=list(per_course))
    for batch in _batches(candidates, batch_size):
        rows = []
        for enrolment in batch:
            days = per_course.get(enrolment.course_key, default)
            if days is None:
                continue
            due = enrolment.completed_at + dt.timedelta(days=days)
            if due <= now <= due + LATE_LIMIT:
                rows.append(_impact_row(Kind.IMPACT_SURVEY, enrolment, enrolment.user, due, now))
        yield rows
    surveyed = (
        NotificationDelivery.objects.filter(
            kind=Kind.IMPACT_SURVEY,
            status=NotificationDelivery.Status.SENT,
            sent_at__lte=now - REMINDER_AFTER,
            sent_at__gte=now - REMINDER_AFTER - LATE_LIMIT,
            recipient__is_active=True,
            enrolment__status=Enrolment.Status.COMPLETED,
        )
        .exclude(_answered("enrolment_id"))
        .exclude(
            Exists(
                NotificationDelivery.objects.filter(
                    kind=Kind.IMPACT_SURVEY_REMINDER, enrolment_id=OuterRef("enrolment_id")
                )
            )
        )
        .select_related("recipient", "enrolment")
    )
    for batch in _batches(surveyed, batch_size):
        yield [
            _impact_row(
                Kind.IMPACT_SURVEY_REMINDER,
                survey.enrolment,
                survey.recipient,
                survey.sent_at + REMINDER_AFTER,
                now,
            )
            for survey in batch
        ]


# --- sending ------------------------------------------------------------------------------------


def impact_skip_reason(delivery: NotificationDelivery, now: dt.datetime) -> str:
    """Why an impact survey (or its reminder) no longer makes sense, or ""."""
    enrolment = delivery.enrolment
    if enrolment is None or enrolment.user_id != delivery.recipient_id:
        return "enrolment deleted"
    if enrolment.status != Enrolment.Status.COMPLETED:
        return f"enrolment {enrolment.status}"
    if Response.objects.filter(enrolment=enrolment, purpose=Purpose.IMPACT).exists():
        return "already answered"
    if questionnaire_key_for(course_key=enrolment.course_key, purpose=Purpose.IMPACT) is None:
        return "no impact questionnaire"
    return ""


def impact_survey_context(delivery: NotificationDelivery) -> dict:
    """The one-click link, in the active (recipient's) language."""
    token = survey_token(enrolment_id=delivery.enrolment_id)
    return {
        "survey_url": absolute_url(reverse("evaluation:survey_link", args=[token])),
        "survey_expires_days": TOKEN_MAX_AGE.days,
    }
