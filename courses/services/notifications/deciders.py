"""The five deciders: each reads one part of the database's state in batches and yields
the rows of the messages due by ``now`` (confirmations, inactivity, deadlines, digests,
webinars). They decide only; ``sweep`` writes what they yield through ``outbox``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import CharField, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from courses.cohorts.notifications import decide_cohort_due
from courses.dates import user_time_zone
from courses.evaluation.notifications import decide_impact_surveys
from courses.models import CoursePage, Enrolment, NotificationDelivery, WebinarRegistration
from courses.services.notifications.rules import (
    CONFIRMATION_WINDOW,
    DEFAULT_INACTIVITY_DAYS,
    OVERDUE_WINDOW_DAYS,
    RECORDING_WINDOW,
    DecidedRow,
    Kind,
    activity_anchor,
    confirmation_row,
    deadline_rule,
    delivery_row,
    enrolment_row,
    instant_slot,
    local_today,
    registration_row,
)
from lms.models import Membership, User

# UTC's today is within a day of everyone's today: the SQL range is one day wider on each side.
DEADLINE_RANGES = {
    Kind.DEADLINE_7D: (1, 8),
    Kind.DEADLINE_1D: (-1, 2),
    Kind.OVERDUE: (-OVERDUE_WINDOW_DAYS - 1, 0),
}


def _batches(queryset: QuerySet, batch_size: int) -> Iterator[list]:
    """Keyset pagination on pk: each batch is one query, however far the sweep has gone."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


@dataclass(frozen=True)
class CourseRules:
    inactivity_days: int


def course_rules() -> dict:
    """Per course (translation key): the reminder rules, read once per sweep."""
    rules = {}
    rows = CoursePage.objects.order_by("-pk").values_list(
        "translation_key", "inactivity_reminder_days"
    )
    for key, days in rows:  # the oldest page (the original) wins: it is read last
        rules[key] = CourseRules(inactivity_days=days or DEFAULT_INACTIVITY_DAYS)
    return rules


# What the deciders read of an enrolment and its learner: the sweep loads tens of
# thousands of them, so nothing else (the progress cache, the learner's password…).
SWEEP_ENROLMENT_FIELDS = (
    "id",
    "user_id",
    "course_key",
    "organisation_id",
    "status",
    "source",
    "enrolled_at",
    "due_on",
    "last_activity_at",
    "user__id",
    "user__email",
    "user__is_active",
    "user__time_zone",
    "user__preferred_language",
    "user__notification_preferences",
)


def _learner_enrolments() -> QuerySet[Enrolment]:
    """Enrolments in progress of people who still have an active account."""
    return (
        Enrolment.objects.filter(
            status=Enrolment.Status.ACTIVE, user__isnull=False, user__is_active=True
        )
        .select_related("user")
        .only(*SWEEP_ENROLMENT_FIELDS)
    )


def _has_delivery(kind: str, **conditions) -> Exists:
    return Exists(
        NotificationDelivery.objects.filter(kind=kind, enrolment_id=OuterRef("pk"), **conditions)
    )


def decide_confirmations(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    candidates = _learner_enrolments().filter(
        enrolled_at__gte=now - CONFIRMATION_WINDOW, enrolled_at__lte=now
    )
    candidates = candidates.exclude(
        _has_delivery(Kind.ENROLMENT_CONFIRMATION, created_at__gte=OuterRef("enrolled_at"))
    )
    for batch in _batches(candidates, batch_size):
        yield [confirmation_row(enrolment, now) for enrolment in batch]


def decide_inactivity(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    shortest = min([rule.inactivity_days for rule in rules.values()] + [DEFAULT_INACTIVITY_DAYS])
    cutoff = now - dt.timedelta(days=shortest)
    candidates = _learner_enrolments().filter(
        Q(last_activity_at__lte=cutoff) | Q(last_activity_at__isnull=True, enrolled_at__lte=cutoff)
    )
    # Nudged within the shortest cadence: not due again under any course's cadence.
    candidates = candidates.exclude(_has_delivery(Kind.INACTIVITY, created_at__gt=cutoff))
    for batch in _batches(candidates, batch_size):
        last_nudge = dict(
            NotificationDelivery.objects.filter(
                kind=Kind.INACTIVITY, enrolment_id__in=[enrolment.pk for enrolment in batch]
            )
            .values("enrolment_id")
            .annotate(last=Max("created_at"))
            .values_list("enrolment_id", "last")
        )
        rows = []
        for enrolment in batch:
            rule = rules.get(enrolment.course_key)
            days = dt.timedelta(days=rule.inactivity_days if rule else DEFAULT_INACTIVITY_DAYS)
            anchor = activity_anchor(enrolment)
            spells = (now - anchor) // days  # whole cadences without progress
            if spells < 1:
                continue
            previous = last_nudge.get(enrolment.pk)
            if previous is not None and now - previous < days:
                continue  # at most one nudge per cadence, however late the last one went
            rows.append(
                enrolment_row(
                    Kind.INACTIVITY,
                    enrolment,
                    f"{instant_slot(anchor)}/{spells}",
                    now,
                    due_at=anchor + spells * days,
                )
            )
        yield rows


def decide_deadlines(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    today = now.astimezone(dt.UTC).date()
    for kind, (low, high) in DEADLINE_RANGES.items():
        candidates = _learner_enrolments().filter(
            due_on__gte=today + dt.timedelta(days=low), due_on__lte=today + dt.timedelta(days=high)
        )
        candidates = candidates.exclude(
            Exists(
                NotificationDelivery.objects.filter(
                    kind=kind,
                    enrolment_id=OuterRef("pk"),
                    slot=Cast(OuterRef("due_on"), output_field=CharField()),
                )
            )
        )
        for batch in _batches(candidates, batch_size):
            yield [
                enrolment_row(kind, enrolment, enrolment.due_on.isoformat(), now)
                for enrolment in batch
                if deadline_rule(kind, enrolment.due_on, local_today(enrolment.user, now))
            ]


def decide_digests(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    coordinators = User.objects.filter(
        is_active=True,
        memberships__role=Membership.Role.COORDINATOR,
        memberships__status=Membership.Status.ACTIVE,
        memberships__organisation__is_active=True,
    ).distinct()
    for batch in _batches(coordinators, batch_size):
        rows = []
        for user in batch:
            year, week, _weekday = now.astimezone(user_time_zone(user)).isocalendar()
            rows.append(
                delivery_row(
                    kind=Kind.DIGEST,
                    recipient=user,
                    subject_key=f"user:{user.pk}",
                    slot=f"{year}-W{week:02d}",
                    now=now,
                )
            )
        yield rows


def _registrations() -> QuerySet[WebinarRegistration]:
    return WebinarRegistration.objects.registered().filter(
        user__is_active=True, webinar__live=True, webinar__is_cancelled=False
    )


def decide_webinars(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    # Confirmations are also requested by webinar_register at once: this catches up.
    confirmations = (
        _registrations()
        .filter(
            promoted_at__isnull=True,
            created_at__gte=now - CONFIRMATION_WINDOW,
            created_at__lte=now,
            webinar__starts_at__gt=now,
        )
        .select_related("user")
    )
    for batch in _batches(confirmations, batch_size):
        yield [
            registration_row(
                Kind.WEBINAR_REGISTERED, registration, instant_slot(registration.created_at), now
            )
            for registration in batch
        ]
    hour, day = dt.timedelta(hours=1), dt.timedelta(hours=24)
    soon = (
        _registrations()
        .filter(webinar__starts_at__gt=now, webinar__starts_at__lte=now + day)
        .select_related("user", "webinar")
    )
    for batch in _batches(soon, batch_size):
        rows = []
        for registration in batch:
            starts_at = registration.webinar.starts_at
            slot = instant_slot(starts_at)
            if starts_at - now <= hour:
                rows.append(registration_row(Kind.WEBINAR_1H, registration, slot, now))
                continue
            if registration.created_at > starts_at - day:
                continue  # registered within the day: they know
            row = registration_row(Kind.WEBINAR_24H, registration, slot, now)
            if row.due_at < starts_at - hour:  # else quiet hours overtake it: the 1 h one will do
                rows.append(row)
        yield rows
    recorded = (
        _registrations()
        .exclude(webinar__recording_url="")
        .filter(webinar__starts_at__gte=now - RECORDING_WINDOW, webinar__starts_at__lte=now)
        .select_related("user", "webinar")
    )
    for batch in _batches(recorded, batch_size):
        yield [
            registration_row(Kind.WEBINAR_RECORDING, registration, "recording", now)
            for registration in batch
            if registration.webinar.has_ended(now)
        ]


def decide_discussion_digests(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    """courses.discussion: once a day per person, when their courses' discussions have news."""
    from courses.discussion.notifications import decide_digests

    yield from decide_digests(now, rules, batch_size)


DECIDERS: tuple[Callable[..., Iterator[list[DecidedRow]]], ...] = (
    decide_confirmations,
    decide_inactivity,
    decide_deadlines,
    decide_digests,
    decide_webinars,
    decide_cohort_due,  # courses.cohorts: "Module 3 is due Friday" to members not done
    decide_discussion_digests,  # courses.discussion: the daily digest of new posts
    decide_impact_surveys,  # courses.evaluation: the follow-up survey N days after completion
)
