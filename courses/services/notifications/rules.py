"""The rules of the reminders engine, in one place: which opt-out covers which kind,
quiet hours, the windows and cadences, the slot that makes a message unique, and how a
decided message becomes a row to write (``DecidedRow``).

Pure decisions about one row at a time; reading the database in batches is
``deciders``', writing is ``outbox``'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from courses.dates import user_time_zone
from courses.models import Enrolment, NotificationDelivery, WebinarRegistration
from lms.models import User

Kind = NotificationDelivery.Kind
Status = NotificationDelivery.Status

#: Which opt-out (``User.notification_preferences`` key, courses.notifications) covers a kind.
CATEGORY = {
    Kind.ENROLMENT_CONFIRMATION: "enrolment",
    Kind.INACTIVITY: "inactivity",
    Kind.DEADLINE_7D: "deadline",
    Kind.DEADLINE_1D: "deadline",
    Kind.OVERDUE: "deadline",
    Kind.WEBINAR_REGISTERED: "webinar",
    Kind.WEBINAR_24H: "webinar",
    Kind.WEBINAR_1H: "webinar",
    Kind.WEBINAR_PROMOTED: "webinar",
    Kind.WEBINAR_CHANGED: "webinar",
    Kind.WEBINAR_CANCELLED: "webinar",
    Kind.WEBINAR_RECORDING: "webinar",
    Kind.DIGEST: "digest",
    Kind.CERTIFICATE: None,  # what the learner earned: not something to opt out of
    Kind.CERTIFICATE_ARCHIVE: None,  # what the coordinator just asked for
    Kind.REPORT_EXPORT: None,  # likewise
    Kind.COHORT_DUE: "deadline",
    Kind.COHORT_MESSAGE: "cohort",
    Kind.IMPACT_SURVEY: "evaluation",
    Kind.IMPACT_SURVEY_REMINDER: "evaluation",
    Kind.DISCUSSION_REPLY: "discussion",
    Kind.DISCUSSION_MENTION: "discussion",
    Kind.DISCUSSION_DIGEST: "discussion",
}

#: Kinds that wait for the recipient's daytime. The others answer something the person
#: just did, or cannot wait: a seat, a change of time, the webinar starting in an hour.
QUIET_HOURS_KINDS = frozenset(
    {
        Kind.ENROLMENT_CONFIRMATION,  # unless they enrolled themselves (they are awake)
        Kind.INACTIVITY,
        Kind.DEADLINE_7D,
        Kind.DEADLINE_1D,
        Kind.OVERDUE,
        Kind.WEBINAR_24H,
        Kind.WEBINAR_RECORDING,
        Kind.DIGEST,
    }
)
DAY_STARTS = dt.time(8, 0)
DAY_ENDS = dt.time(20, 0)

DEFAULT_INACTIVITY_DAYS = 7
# A confirmation is for something that just happened: when the engine is switched on,
# people enrolled last year are not told about it again.
CONFIRMATION_WINDOW = dt.timedelta(days=2)
# "Overdue" is said once, in the week after the deadline, not about deadlines long gone.
OVERDUE_WINDOW_DAYS = 7
RECORDING_WINDOW = dt.timedelta(days=30)
BATCH_SIZE = 5000  # rows per query; fewer round trips on a full first sweep (docs/benchmarks.md)


def instant_slot(moment: dt.datetime) -> str:
    """A slot made of an instant: UTC, to the second (what survives a round trip)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def next_daytime(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``moment`` if it falls between 08:00 and 20:00 in ``zone``, else the next 08:00 there."""
    local = moment.astimezone(zone)
    if DAY_STARTS <= local.time() < DAY_ENDS:
        return moment
    day = local.date() if local.time() < DAY_STARTS else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, DAY_STARTS, tzinfo=zone).astimezone(dt.UTC)


def opted_out(user: User, kind: str) -> bool:
    category = CATEGORY.get(kind)
    return bool(category) and (user.notification_preferences or {}).get(category) is False


@dataclass(slots=True)
class DecidedRow:
    """A delivery decided, not yet written: what ``insert_rows`` writes, with the model's
    column names. Lighter than a model instance, which matters when the first sweep over
    a full database decides tens of thousands at once (docs/benchmarks.md)."""

    kind: str
    recipient_id: int
    subject_key: str
    slot: str
    created_at: dt.datetime
    due_at: dt.datetime
    enrolment_id: int | None = None
    registration_id: int | None = None
    certificate_id: int | None = None
    organisation_id: int | None = None
    status: str = NotificationDelivery.Status.PENDING
    skip_reason: str = ""
    queued_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None
    sending_at: dt.datetime | None = None
    first_attempt_at: dt.datetime | None = None
    next_attempt_at: dt.datetime | None = None
    attempts: int = 0
    last_error: str = ""
    to_email: str = ""
    language: str = ""
    rendered_subject: str = ""
    rendered_text: str = ""
    rendered_html: str = ""
    message_id: str = ""


def delivery_row(
    *,
    kind: str,
    recipient: User,
    subject_key: str,
    slot: str,
    now: dt.datetime,
    due_at: dt.datetime | None = None,
    urgent: bool = False,
    enrolment: Enrolment | None = None,
    registration: WebinarRegistration | None = None,
    certificate=None,
    organisation_id: int | None = None,
) -> DecidedRow:
    """A row to write; quiet hours and opt-outs are applied here, as it is decided."""
    due_at = due_at or now
    if kind in QUIET_HOURS_KINDS and not urgent:
        # From now at the earliest: a reminder decided late is still not sent at night.
        due_at = next_daytime(max(due_at, now), user_time_zone(recipient))
    row = DecidedRow(
        kind=kind,
        recipient_id=recipient.pk,
        subject_key=subject_key,
        slot=slot,
        created_at=now,
        due_at=due_at,
        enrolment_id=enrolment.pk if enrolment is not None else None,
        registration_id=registration.pk if registration is not None else None,
        certificate_id=certificate.pk if certificate is not None else None,
        organisation_id=organisation_id,
    )
    if opted_out(recipient, kind):
        row.status = Status.SKIPPED
        row.skip_reason = f"opted out of {CATEGORY[kind]}"
    return row


def enrolment_row(
    kind: str, enrolment: Enrolment, slot: str, now: dt.datetime, **extra
) -> DecidedRow:
    return delivery_row(
        kind=kind,
        recipient=enrolment.user,
        subject_key=f"enrolment:{enrolment.pk}",
        slot=slot,
        now=now,
        enrolment=enrolment,
        organisation_id=enrolment.organisation_id,
        **extra,
    )


def confirmation_row(enrolment: Enrolment, now: dt.datetime) -> DecidedRow:
    return enrolment_row(
        Kind.ENROLMENT_CONFIRMATION,
        enrolment,
        instant_slot(enrolment.enrolled_at),
        now,
        due_at=enrolment.enrolled_at,
        urgent=enrolment.source == Enrolment.Source.SELF,
    )


def activity_anchor(enrolment: Enrolment) -> dt.datetime:
    return enrolment.last_activity_at or enrolment.enrolled_at


def local_today(user: User, now: dt.datetime) -> dt.date:
    return now.astimezone(user_time_zone(user)).date()


def deadline_rule(kind: str, due_on: dt.date, today: dt.date) -> bool:
    """Whether ``kind`` is due for a deadline ``due_on`` on the learner's ``today``.

    Each reminder has a window, so a sweep that did not run that day still sends it,
    and a reminder overtaken by the next one is not sent late.
    """
    days_left = (due_on - today).days
    if kind == Kind.DEADLINE_7D:
        return 1 < days_left <= 7
    if kind == Kind.DEADLINE_1D:
        return 0 <= days_left <= 1
    return -OVERDUE_WINDOW_DAYS <= days_left < 0  # overdue


def registration_row(
    kind: str, registration: WebinarRegistration, slot: str, now: dt.datetime, **extra
) -> DecidedRow:
    return delivery_row(
        kind=kind,
        recipient=registration.user,
        subject_key=f"registration:{registration.pk}",
        slot=slot,
        now=now,
        registration=registration,
        **extra,
    )
