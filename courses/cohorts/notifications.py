"""The cohorts' part of the delivery engine (``courses.services.notifications``): the
decider of "Module 3 is due Friday" reminders (``COHORT_DUE``), what a cohort message's
e-mail shows, and why one no longer makes sense at send time.

A due reminder goes to each member whose module is due within ``DUE_SOON_DAYS`` days
(the due date read on the cohort's clock, today on the member's), who has not completed
it, once per (member, module): its slot is ``module:<module key>`` on the subject
``cohort_member:<id>``. It waits for the member's daytime, like the course deadlines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat

from courses.cohorts.models import CohortMember, CohortMessage, CohortModule
from courses.dates import long_date, user_time_zone
from courses.models import Enrolment, ModuleCompletion, ModulePage, NotificationDelivery
from courses.services.notifications.rules import (
    DecidedRow,
    delivery_row,
    local_today,
    next_daytime,
)
from lms.urls_absolute import absolute_url, page_absolute_url

Kind = NotificationDelivery.Kind

#: How many days before a module's due date its reminder goes.
DUE_SOON_DAYS = 2


def _members_to_remind(row: CohortModule):
    subject = Concat(Value("cohort_member:"), Cast(OuterRef("pk"), output_field=CharField()))
    return (
        CohortMember.objects.filter(cohort_id=row.cohort_id, user__is_active=True)
        .filter(
            Q(enrolment__status=Enrolment.Status.ACTIVE) | Q(programme_enrolment__status="active")
        )
        .exclude(
            Exists(
                ModuleCompletion.objects.filter(
                    enrolment__user_id=OuterRef("user_id"), module_key=row.module_key
                )
            )
        )
        .exclude(
            Exists(
                NotificationDelivery.objects.filter(
                    kind=Kind.COHORT_DUE,
                    recipient_id=OuterRef("user_id"),
                    subject_key=subject,
                    slot=f"module:{row.module_key}",
                )
            )
        )
        .select_related("user", "enrolment")
    )


def decide_cohort_due(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    """``COHORT_DUE`` rows for the modules due soon (see the module docstring)."""
    today = now.astimezone(dt.UTC).date()
    # One day of slack each side: the member's today may differ from UTC's.
    modules = CohortModule.objects.filter(
        due_on__gte=today - dt.timedelta(days=1),
        due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS + 1),
        module_key__isnull=False,
    ).select_related("cohort")
    for row in modules.order_by("pk").iterator():
        members = _members_to_remind(row)
        last = 0
        while True:
            batch = list(members.filter(pk__gt=last).order_by("pk")[:batch_size])
            if not batch:
                break
            last = batch[-1].pk
            rows = []
            for member in batch:
                days_left = (row.due_on - local_today(member.user, now)).days
                if not 0 <= days_left <= DUE_SOON_DAYS:
                    continue
                rows.append(
                    delivery_row(
                        kind=Kind.COHORT_DUE,
                        recipient=member.user,
                        subject_key=f"cohort_member:{member.pk}",
                        slot=f"module:{row.module_key}",
                        now=now,
                        due_at=next_daytime(now, user_time_zone(member.user)),
                        urgent=True,  # its own daytime, computed above
                        enrolment=member.enrolment,
                        organisation_id=member.organisation_id,
                    )
                )
            yield rows


def _pk(delivery: NotificationDelivery) -> int | None:
    value = delivery.subject_key.partition(":")[2]
    return int(value) if value.isdigit() else None


def _module_key(delivery: NotificationDelivery) -> str:
    return delivery.slot.removeprefix("module:")


def cohort_skip_reason(delivery: NotificationDelivery, now: dt.datetime) -> str:
    """Why a cohort message no longer makes sense at send time, or ""."""
    if delivery.kind == Kind.COHORT_MESSAGE:
        return "" if CohortMessage.objects.filter(pk=_pk(delivery)).exists() else "deleted"
    member = (
        CohortMember.objects.filter(pk=_pk(delivery))
        .select_related("enrolment", "programme_enrolment")
        .first()
    )
    if member is None or member.user_id != delivery.recipient_id:
        return "no longer a member"
    learning = member.enrolment or member.programme_enrolment
    if learning is None or learning.status != "active":
        return "enrolment not in progress"
    module_key = _module_key(delivery)
    if ModuleCompletion.objects.filter(
        enrolment__user_id=member.user_id, module_key=module_key
    ).exists():
        return "module completed"
    if not CohortModule.objects.filter(
        cohort_id=member.cohort_id, module_key=module_key, due_on__isnull=False
    ).exists():
        return "no longer due"
    return ""


def cohort_context(delivery: NotificationDelivery, language: str) -> dict:
    """What the cohort e-mails show, in the recipient's language and zone (the caller has
    activated both)."""
    from django.urls import reverse

    if delivery.kind == Kind.COHORT_MESSAGE:
        message = CohortMessage.objects.select_related("cohort", "sender").get(pk=_pk(delivery))
        return {
            "cohort": message.cohort,
            "cohort_message": message,
            "sender_name": message.sender.full_name if message.sender else "",
            "cohort_url": absolute_url(reverse("cohorts:detail", args=[message.cohort_id])),
        }
    member = CohortMember.objects.select_related("cohort").get(pk=_pk(delivery))
    module_key = _module_key(delivery)
    row = CohortModule.objects.filter(cohort_id=member.cohort_id, module_key=module_key).first()
    pages = ModulePage.objects.filter(translation_key=module_key).select_related("locale")
    page = next((p for p in pages if p.locale.language_code == language), None) or pages.first()
    zone = user_time_zone(delivery.recipient)
    return {
        "cohort": member.cohort,
        "module_title": page.title if page else "",
        "module_url": page_absolute_url(page),
        "due_on": row.due_on if row else None,
        "due_text": long_date(row.due_on, zone) if row and row.due_on else "",
        "cohort_url": absolute_url(reverse("cohorts:detail", args=[member.cohort_id])),
    }
