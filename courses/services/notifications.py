"""The reminders engine: decide what is due, then send each message exactly once.

Two halves, both safe to repeat:

- ``notifications_sweep`` (Celery beat, every five minutes) reads the state of the
  database (enrolments, deadlines, activity, webinars, coordinators) in batches and
  inserts one ``NotificationDelivery`` row per message that is due, with
  ``bulk_create(ignore_conflicts=True)``: the row's unique key (kind, recipient,
  subject, slot) makes a second sweep, or two at once, insert nothing. It then
  queues a send task for every pending row that is due and was never queued, or was
  queued so long ago that its message must have been lost.
- ``notification_send`` (one Celery task per row) takes the row with
  ``SELECT … FOR UPDATE SKIP LOCKED`` and only while it is pending, re-checks that the
  message still makes sense (the learner may have progressed, completed, withdrawn or
  opted out since), renders it in the recipient's language and time zone, sends it and
  records what was sent in the same transaction. A task delivered twice finds the row
  locked or no longer pending and does nothing.

Services that change state elsewhere (the webinar waitlist, a webinar's schedule)
ask for a message with ``notification_request``, which writes the row and queues it
after their transaction commits.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import connection, transaction
from django.db.models import CharField, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from courses.dates import long_date
from courses.models import (
    CoursePage,
    Enrolment,
    NotificationDelivery,
    WebinarRegistration,
)
from courses.selectors.learning import user_time_zone
from lms.models import Membership, User
from lms.tasks import TRANSIENT_EMAIL_ERRORS, SMTPTryLaterError

Kind = NotificationDelivery.Kind
Status = NotificationDelivery.Status

# --- the rules, in one place ----------------------------------------------------------------

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
# A pending row queued longer ago than this lost its message (a broker restart, a purge):
# the next sweep queues it again. Longer than the send task's longest retry wait
# (retry_backoff_max, 10 minutes), so a row waiting for its retry is not queued twice.
REQUEUE_AFTER = dt.timedelta(minutes=15)
# From this many rows a write goes through COPY (a sweep's batch); fewer go by executemany,
# so an enrolment's one confirmation costs one statement, not a temporary table's four.
COPY_FROM = 200
BATCH_SIZE = 5000  # rows per query; fewer round trips on a full first sweep (docs/benchmarks.md)

UNSUBSCRIBE_SALT = "courses.notifications.unsubscribe"
TEMPLATE_DIR = "emails"


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
    """A delivery decided, not yet written: what ``_insert`` writes, with the model's
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
    attempts: int = 0
    last_error: str = ""
    to_email: str = ""
    language: str = ""
    rendered_subject: str = ""
    rendered_text: str = ""
    rendered_html: str = ""
    message_id: str = ""


def _delivery(
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


# --- the sweep ------------------------------------------------------------------------------


@dataclass
class SweepResult:
    """What one sweep did: rows offered per kind (new or already there), and sends queued."""

    decided: dict[str, int] = field(default_factory=dict)
    queued: int = 0
    batches: int = 0

    @property
    def decided_total(self) -> int:
        return sum(self.decided.values())


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


def _course_rules() -> dict:
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


def _enrolment_row(
    kind: str, enrolment: Enrolment, slot: str, now: dt.datetime, **extra
) -> DecidedRow:
    return _delivery(
        kind=kind,
        recipient=enrolment.user,
        subject_key=f"enrolment:{enrolment.pk}",
        slot=slot,
        now=now,
        enrolment=enrolment,
        organisation_id=enrolment.organisation_id,
        **extra,
    )


def _decide_confirmations(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
    candidates = _learner_enrolments().filter(
        enrolled_at__gte=now - CONFIRMATION_WINDOW, enrolled_at__lte=now
    )
    candidates = candidates.exclude(
        _has_delivery(Kind.ENROLMENT_CONFIRMATION, created_at__gte=OuterRef("enrolled_at"))
    )
    for batch in _batches(candidates, batch_size):
        yield [_confirmation_row(enrolment, now) for enrolment in batch]


def _confirmation_row(enrolment: Enrolment, now: dt.datetime) -> NotificationDelivery:
    return _enrolment_row(
        Kind.ENROLMENT_CONFIRMATION,
        enrolment,
        instant_slot(enrolment.enrolled_at),
        now,
        due_at=enrolment.enrolled_at,
        urgent=enrolment.source == Enrolment.Source.SELF,
    )


def enrolment_confirmation_request(*, enrolment: Enrolment, now: dt.datetime) -> None:
    """The confirmation of an enrolment just made, queued after commit (once per enrolling)."""
    notification_request_many(rows=[_confirmation_row(enrolment, now)], now=now)


def _activity_anchor(enrolment: Enrolment) -> dt.datetime:
    return enrolment.last_activity_at or enrolment.enrolled_at


def _decide_inactivity(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
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
            anchor = _activity_anchor(enrolment)
            spells = (now - anchor) // days  # whole cadences without progress
            if spells < 1:
                continue
            previous = last_nudge.get(enrolment.pk)
            if previous is not None and now - previous < days:
                continue  # at most one nudge per cadence, however late the last one went
            rows.append(
                _enrolment_row(
                    Kind.INACTIVITY,
                    enrolment,
                    f"{instant_slot(anchor)}/{spells}",
                    now,
                    due_at=anchor + spells * days,
                )
            )
        yield rows


def _local_today(user: User, now: dt.datetime) -> dt.date:
    return now.astimezone(user_time_zone(user)).date()


def _deadline_rule(kind: str, due_on: dt.date, today: dt.date) -> bool:
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


# UTC's today is within a day of everyone's today: the SQL range is one day wider on each side.
DEADLINE_RANGES = {
    Kind.DEADLINE_7D: (1, 8),
    Kind.DEADLINE_1D: (-1, 2),
    Kind.OVERDUE: (-OVERDUE_WINDOW_DAYS - 1, 0),
}


def _decide_deadlines(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
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
                _enrolment_row(kind, enrolment, enrolment.due_on.isoformat(), now)
                for enrolment in batch
                if _deadline_rule(kind, enrolment.due_on, _local_today(enrolment.user, now))
            ]


def _decide_digests(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
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
                _delivery(
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


def _registration_row(
    kind: str, registration: WebinarRegistration, slot: str, now: dt.datetime, **extra
) -> DecidedRow:
    return _delivery(
        kind=kind,
        recipient=registration.user,
        subject_key=f"registration:{registration.pk}",
        slot=slot,
        now=now,
        registration=registration,
        **extra,
    )


def _decide_webinars(now, rules, batch_size) -> Iterator[list[DecidedRow]]:
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
            _registration_row(
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
                rows.append(_registration_row(Kind.WEBINAR_1H, registration, slot, now))
                continue
            if registration.created_at > starts_at - day:
                continue  # registered within the day: they know
            row = _registration_row(Kind.WEBINAR_24H, registration, slot, now)
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
            _registration_row(Kind.WEBINAR_RECORDING, registration, "recording", now)
            for registration in batch
            if registration.webinar.has_ended(now)
        ]


DECIDERS: tuple[Callable[..., Iterator[list[DecidedRow]]], ...] = (
    _decide_confirmations,
    _decide_inactivity,
    _decide_deadlines,
    _decide_digests,
    _decide_webinars,
)


def _insert(rows: list[DecidedRow]) -> None:
    """Write decided rows; the unique key makes a row decided twice one row.

    Written here rather than with ``bulk_create(ignore_conflicts=True)``: the first sweep
    over a full database decides tens of thousands of rows, and the ORM's per-value
    preparation was half of its time (docs/benchmarks.md). On PostgreSQL a sweep's batch
    is COPYed into a temporary table, then inserted from it with ON CONFLICT DO NOTHING;
    the few rows an action asks for (an enrolment's confirmation), and every row on
    SQLite (the embedded default), go by one executemany.
    """
    if not rows:
        return
    fields = [
        field for field in NotificationDelivery._meta.concrete_fields if not field.primary_key
    ]
    quote = connection.ops.quote_name
    table = quote(NotificationDelivery._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
        _insert_by_copy(rows, fields, table, columns)
        return
    datetimes = {field.attname for field in fields if field.get_internal_type() == "DateTimeField"}
    adapt = connection.ops.adapt_datetimefield_value
    values = [
        tuple(
            adapt(getattr(row, field.attname))
            if field.attname in datetimes
            else getattr(row, field.attname)
            for field in fields
        )
        for row in rows
    ]
    # Table and column names come from the model; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))}) ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _insert_by_copy(rows: list[DecidedRow], fields: list, table: str, columns: str) -> None:
    staging = connection.ops.quote_name("notification_rows_to_insert")
    # One transaction: the staging table is emptied at every commit.
    with transaction.atomic(), connection.cursor() as cursor:
        # Lives for the session; emptied at commit. The names come from the model.
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} ON COMMIT DELETE ROWS "  # noqa: S608
            f"AS SELECT {columns} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([getattr(row, field.attname) for field in fields])
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} "  # noqa: S608
            f"ON CONFLICT DO NOTHING"
        )
        cursor.execute(f"TRUNCATE {staging}")


def _queue(ids: Iterable[int]) -> None:
    from courses.tasks import notification_send_task  # the task module imports this one

    for pk in ids:
        notification_send_task.delay_on_commit(delivery_id=pk)


def notifications_queue_due(
    *,
    now: dt.datetime | None = None,
    requeue_after: dt.timedelta = REQUEUE_AFTER,
    batch_size: int = BATCH_SIZE,
    rows: QuerySet[NotificationDelivery] | None = None,
) -> int:
    """Queue a send task for every pending row due by ``now`` that was never queued, or
    was queued more than ``requeue_after`` ago (its message was lost). Returns how many.

    Rows are claimed with ``SKIP LOCKED`` and stamped ``queued_at`` in the same
    transaction, so two sweeps at once queue each row once.
    """
    now = now or timezone.now()
    clock = timezone.now()  # queued_at is the real time, even in a sweep "as of" another
    rows = NotificationDelivery.objects.all() if rows is None else rows
    due = rows.pending().filter(
        Q(queued_at__isnull=True) | Q(queued_at__lt=clock - requeue_after), due_at__lte=now
    )
    queued = 0
    while True:
        with transaction.atomic():
            ids = list(
                due.order_by("due_at", "pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:batch_size]
            )
            if ids:
                NotificationDelivery.objects.filter(pk__in=ids).update(queued_at=clock)
                _queue(ids)
        queued += len(ids)
        if len(ids) < batch_size:
            return queued


def notifications_sweep(
    *,
    now: dt.datetime | None = None,
    batch_size: int = BATCH_SIZE,
    requeue_after: dt.timedelta = REQUEUE_AFTER,
) -> SweepResult:
    """Find, from the state of the database, every message due by ``now``; record one
    row each (once, whatever runs twice) and queue the sends. Safe to run at any time,
    as often as wanted, by several processes at once."""
    now = now or timezone.now()
    result = SweepResult()
    rules = _course_rules()
    for decide in DECIDERS:
        for rows in decide(now, rules, batch_size):
            result.batches += 1
            for row in rows:
                result.decided[row.kind] = result.decided.get(row.kind, 0) + 1
            _insert(rows)
    result.queued = notifications_queue_due(
        now=now, requeue_after=requeue_after, batch_size=batch_size
    )
    return result


# --- asking for a message from another service ----------------------------------------------


def notification_request(
    *,
    kind: str,
    recipient: User,
    subject_key: str,
    slot: str,
    now: dt.datetime | None = None,
    urgent: bool = True,
    **links,
) -> None:
    """Record that ``kind`` is to be sent now (once: asking twice is asking once), and queue
    it after the caller's transaction commits. For messages that follow an action
    (a seat from the waitlist, a webinar moved or cancelled) rather than a clock."""
    notification_request_many(
        rows=[
            _delivery(
                kind=kind,
                recipient=recipient,
                subject_key=subject_key,
                slot=slot,
                now=now or timezone.now(),
                urgent=urgent,
                **links,
            )
        ],
        now=now,
    )


def notification_request_many(*, rows: list[DecidedRow], now: dt.datetime | None = None) -> None:
    """Insert unsaved rows (made with ``_delivery``) and queue those due, after commit."""
    if not rows:
        return
    now = now or timezone.now()
    _insert(rows)
    keys = Q()
    for row in rows:
        keys |= Q(
            kind=row.kind, recipient_id=row.recipient_id, subject_key=row.subject_key, slot=row.slot
        )
    notifications_queue_due(now=now, rows=NotificationDelivery.objects.filter(keys))


def webinar_registration_rows(
    *, kind: str, registrations: Iterable[WebinarRegistration], slot: str, now: dt.datetime
) -> list[DecidedRow]:
    return [_registration_row(kind, registration, slot, now) for registration in registrations]


# --- unsubscribing --------------------------------------------------------------------------


def unsubscribe_token(*, user: User, category: str) -> str:
    """A signed, unguessable link value saying "this person stops getting ``category``"."""
    return signing.dumps({"u": user.pk, "k": category}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[User, str] | None:
    """The person and category of a valid token, or None (bad signature, unknown kind…)."""
    from courses.notifications import NOTIFICATION_KINDS

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in {key for key, *_ in NOTIFICATION_KINDS}:
        return None
    user = User.objects.filter(pk=data.get("u")).first()
    return (user, data["k"]) if user is not None else None


@transaction.atomic
def notification_opt_out(*, user: User, category: str) -> User:
    """Stop sending ``category`` to ``user`` (pending messages of it are skipped at send
    time). Twice is once."""
    user = User.objects.select_for_update().get(pk=user.pk)
    preferences = dict(user.notification_preferences or {})
    if preferences.get(category) is not False:
        preferences[category] = False
        user.notification_preferences = preferences
        user.save(update_fields=["notification_preferences"])
    return user


# --- sending --------------------------------------------------------------------------------


def _site_root() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _page_url(page) -> str:
    """The page's address on the one base URL every link in our e-mails uses (the
    unsubscribe link included), not the Site record's host, which may lag behind it."""
    if page is None:
        return _site_root()
    parts = page.get_url_parts()
    return f"{_site_root()}{parts[2] if parts else ''}"


def _course_in(course_key, language: str, fallback=None) -> CoursePage | None:
    """The live course in ``language`` when there is one, else any live version."""
    pages = list(
        CoursePage.objects.live().filter(translation_key=course_key).select_related("locale")
    )
    for page in pages:
        if page.locale.language_code == language:
            return page
    if fallback is not None and fallback.live:
        return fallback
    return pages[0] if pages else fallback


def _skip_reason(delivery: NotificationDelivery, now: dt.datetime) -> str:
    """Why the message no longer makes sense, or "" to send it. Checked again at send time,
    because the world moves between deciding and sending."""
    user = delivery.recipient
    kind = delivery.kind
    if not user.is_active:
        return "account inactive"
    if opted_out(user, kind):
        return f"opted out of {CATEGORY[kind]}"
    if delivery.subject_key.startswith("enrolment:"):
        enrolment = delivery.enrolment
        if enrolment is None or enrolment.user_id != user.pk:
            return "enrolment deleted"
        if enrolment.status != Enrolment.Status.ACTIVE:
            return f"enrolment {enrolment.status}"
        if kind == Kind.ENROLMENT_CONFIRMATION and delivery.slot != instant_slot(
            enrolment.enrolled_at
        ):
            return "enrolled again since"
        if kind == Kind.INACTIVITY and not delivery.slot.startswith(
            instant_slot(_activity_anchor(enrolment)) + "/"
        ):
            return "learner progressed"
        if kind in (Kind.DEADLINE_7D, Kind.DEADLINE_1D, Kind.OVERDUE):
            if enrolment.due_on is None or enrolment.due_on.isoformat() != delivery.slot:
                return "deadline changed"
            if kind != Kind.OVERDUE and enrolment.due_on < _local_today(user, now):
                return "deadline passed"
    if delivery.subject_key.startswith("registration:"):
        registration = delivery.registration
        if registration is None:
            return "registration deleted"
        webinar = registration.webinar
        if kind == Kind.WEBINAR_CANCELLED:
            return (
                ""
                if registration.status != WebinarRegistration.Status.CANCELLED
                else ("registration cancelled")
            )
        if kind == Kind.WEBINAR_CHANGED:
            if registration.status == WebinarRegistration.Status.CANCELLED:
                return "registration cancelled"
            return "changed again since" if str(webinar.sequence) != delivery.slot else ""
        if registration.status != WebinarRegistration.Status.REGISTERED:
            return f"registration {registration.status}"
        if webinar.is_cancelled:
            return "webinar cancelled"
        if kind in (Kind.WEBINAR_24H, Kind.WEBINAR_1H):
            if instant_slot(webinar.starts_at) != delivery.slot:
                return "webinar moved"
            if now >= webinar.starts_at:
                return "webinar started"
    if kind == Kind.CERTIFICATE:
        certificate = delivery.certificate
        if certificate is None or certificate.user_id != user.pk:
            return "certificate deleted"
        if certificate.revoked_at is not None:
            return "certificate revoked"
        if not certificate.pdf:
            return "no PDF"
    if kind == Kind.CERTIFICATE_ARCHIVE:
        archive = _archive(delivery)
        if archive is None or not archive.file:
            return "archive deleted"
    if kind == Kind.REPORT_EXPORT:
        export = _export(delivery)
        if export is None or not export.file:
            return "export deleted"
    if kind == Kind.DIGEST:
        from courses.selectors.notifications import digest_for

        digest = digest_for(user=user, now=delivery.due_at)
        if not digest.organisations:
            return "no longer a coordinator"
        if digest.is_empty:
            return "nothing to report this week"
    return ""


def _enrolment_context(delivery: NotificationDelivery, language: str) -> dict:
    enrolment = delivery.enrolment
    course = _course_in(enrolment.course_key, language, enrolment.course_page)
    context = {
        "enrolment": enrolment,
        "course": course,
        "course_title": course.title if course else "",
        "course_url": _page_url(course),
        "due_on": enrolment.due_on,
        "due_text": long_date(enrolment.due_on, user_time_zone(delivery.recipient))
        if enrolment.due_on
        else "",
        "progress_percent": enrolment.progress_percent,
    }
    if delivery.kind == Kind.INACTIVITY:
        anchor = _activity_anchor(enrolment)
        context["days_inactive"] = max(1, (max(timezone.now(), delivery.due_at) - anchor).days)
    return context


def _webinar_context(delivery: NotificationDelivery) -> dict:
    from courses.selectors.webinars import times_for_user

    registration = delivery.registration
    webinar = registration.webinar
    return {
        "registration": registration,
        "webinar": webinar,
        "times": times_for_user(webinar, delivery.recipient),
        "webinar_url": _page_url(webinar),
        "join_url": webinar.join_url if delivery.kind == Kind.WEBINAR_1H else "",
        "recording_url": webinar.recording_url,
    }


def _archive(delivery: NotificationDelivery):
    from courses.models import CertificateArchive

    pk = delivery.subject_key.partition(":")[2]
    return CertificateArchive.objects.filter(pk=pk).first() if pk.isdigit() else None


def _export(delivery: NotificationDelivery):
    from courses.models import ReportExport

    pk = delivery.subject_key.partition(":")[2]
    return ReportExport.objects.filter(pk=pk).first() if pk.isdigit() else None


def _export_context(delivery: NotificationDelivery) -> dict:
    export = _export(delivery)
    return {
        "export": export,
        "export_url": _site_root() + reverse("learning:export_download", args=[export.pk]),
        "exports_url": _site_root() + reverse("learning:exports"),
    }


def _certificate_context(delivery: NotificationDelivery) -> dict:
    from courses.services.certificates import code_display, verification_url

    certificate = delivery.certificate
    return {
        "certificate": certificate,
        "certificate_code": code_display(certificate.code),
        "certificate_title": certificate.title,
        "verification_url": verification_url(certificate.code),
        "pdf_url": _site_root()
        + reverse("learn:certificate_pdf", args=[code_display(certificate.code)]),
        "dashboard_url": _site_root() + reverse("learn:dashboard"),
    }


def _archive_context(delivery: NotificationDelivery) -> dict:
    archive = _archive(delivery)
    return {
        "archive": archive,
        "archive_url": _site_root() + reverse("certificate_archives:download", args=[archive.pk]),
        "archives_url": _site_root() + reverse("certificate_archives:index"),
    }


def _attachments(delivery: NotificationDelivery) -> list[tuple[str, bytes, str]]:
    if delivery.kind == Kind.CERTIFICATE:
        from courses.services.certificates import code_display

        certificate = delivery.certificate
        with certificate.pdf.open("rb") as handle:
            data = handle.read()
        name = f"certificate-{code_display(certificate.code)}.pdf"
        return [(name, data, "application/pdf")]
    if delivery.kind not in (
        Kind.WEBINAR_REGISTERED,
        Kind.WEBINAR_PROMOTED,
        Kind.WEBINAR_CHANGED,
        Kind.WEBINAR_CANCELLED,
    ):
        return []
    from courses.selectors.webinars import calendar_ics

    webinar = delivery.registration.webinar
    data = calendar_ics(webinars=[webinar], name=webinar.title)
    return [("webinar.ics", data, "text/calendar; method=PUBLISH; charset=utf-8")]


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    headers: dict[str, str]
    attachments: list[tuple[str, bytes, str]]
    language: str


def notification_render(delivery: NotificationDelivery) -> Rendered:
    """The message in the recipient's language, with dates and times in their time zone:
    ``templates/emails/<kind>_subject.txt``, ``_body.txt`` and ``_body.html``."""
    from courses.selectors.notifications import digest_for

    user = delivery.recipient
    language = user.preferred_language or settings.LANGUAGE_CODE
    category = CATEGORY.get(delivery.kind)
    with translation.override(language), timezone.override(user_time_zone(user)):
        context = {"user": user, "delivery": delivery, "site_root": _site_root()}
        if delivery.enrolment_id:
            context.update(_enrolment_context(delivery, language))
        if delivery.registration_id:
            context.update(_webinar_context(delivery))
        if delivery.kind == Kind.DIGEST:
            context["digest"] = digest_for(user=user, now=delivery.due_at)
        if delivery.kind == Kind.CERTIFICATE:
            context.update(_certificate_context(delivery))
        if delivery.kind == Kind.CERTIFICATE_ARCHIVE:
            context.update(_archive_context(delivery))
        if delivery.kind == Kind.REPORT_EXPORT:
            context.update(_export_context(delivery))
        headers = {"Auto-Submitted": "auto-generated"}
        if category:
            url = _site_root() + reverse(
                "learn:unsubscribe", args=[unsubscribe_token(user=user, category=category)]
            )
            context["unsubscribe_url"] = url
            context["category_label"] = category_label(category)
            headers["List-Unsubscribe"] = f"<{url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        name = f"{TEMPLATE_DIR}/{delivery.kind}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        text = render_to_string(f"{name}_body.txt", context).strip() + "\n"
        footer = render_to_string(f"{TEMPLATE_DIR}/notification_footer.txt", context)
        html = render_to_string(f"{name}_body.html", context)
    return Rendered(
        subject=subject,
        text=text + footer,
        html=html,
        headers=headers,
        attachments=_attachments(delivery),
        language=language,
    )


def category_label(category: str) -> str:
    """The profile's name of an opt-out category, in the active language."""
    from courses.notifications import NOTIFICATION_KINDS

    for key, label, _help in NOTIFICATION_KINDS:
        if key == category:
            return str(label)
    return category


def _deliver(message: EmailMultiAlternatives) -> None:
    """Send, turning the server's "try again later" (4xx) into a transient error."""
    try:
        message.send()
    except smtplib.SMTPResponseException as error:
        if 400 <= error.smtp_code < 500:
            raise SMTPTryLaterError(f"{error.smtp_code} {error.smtp_error!r}") from error
        raise
    except smtplib.SMTPRecipientsRefused as error:
        if all(400 <= code < 500 for code, _message in error.recipients.values()):
            raise SMTPTryLaterError(str(error.recipients)) from error
        raise


def notification_send(*, delivery_id: int, now: dt.datetime, final_attempt: bool = False) -> str:
    """Send one pending delivery; returns what happened ("sent", "skipped", "failed",
    "not pending").

    The row is locked (SKIP LOCKED) for the whole send, and only a pending row is
    sent: a second task for the same row, at the same time or later, does nothing.
    A worker killed mid-send rolls the transaction back, so the row stays pending and
    the re-delivered task sends it. A transient SMTP error is recorded and raised again
    for the task to retry, unless this was the ``final_attempt``: then the row fails.
    ``now`` decides what is still worth sending and stamps the row.
    """
    retry_error: Exception | None = None
    with transaction.atomic():
        delivery = (
            NotificationDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=delivery_id, status=Status.PENDING)
            .first()
        )
        if delivery is None:
            return "not pending"
        reason = _skip_reason(delivery, now)
        if reason:
            delivery.status = Status.SKIPPED
            delivery.skip_reason = reason
            delivery.save(update_fields=["status", "skip_reason"])
            return "skipped"
        rendered = notification_render(delivery)
        message_id = make_msgid(domain=_mail_domain())
        message = EmailMultiAlternatives(
            subject=rendered.subject,
            body=rendered.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[delivery.recipient.email],
            headers={**rendered.headers, "Message-ID": message_id},
        )
        message.attach_alternative(rendered.html, "text/html")
        for attachment in rendered.attachments:
            message.attach(*attachment)
        delivery.attempts += 1
        fields = ["attempts", "status", "last_error", "queued_at"]
        try:
            _deliver(message)
        except TRANSIENT_EMAIL_ERRORS as error:
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            if final_attempt:
                delivery.status = Status.FAILED
            else:
                delivery.queued_at = now  # the retry is the queued message now
                retry_error = error
        except smtplib.SMTPException as error:  # refused for good (5xx): retrying will not help
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            delivery.status = Status.FAILED
        else:
            delivery.status = Status.SENT
            delivery.sent_at = now
            delivery.last_error = ""
            delivery.to_email = delivery.recipient.email
            delivery.language = rendered.language
            delivery.rendered_subject = rendered.subject[:300]
            delivery.rendered_text = rendered.text
            delivery.rendered_html = rendered.html
            delivery.message_id = message_id
            fields += [
                "sent_at",
                "to_email",
                "language",
                "rendered_subject",
                "rendered_text",
                "rendered_html",
                "message_id",
            ]
        delivery.save(update_fields=fields)
    if retry_error is not None:
        raise retry_error
    return delivery.status


def _mail_domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ")
    return address or "localhost"


@transaction.atomic
def notification_resend(*, delivery: NotificationDelivery) -> NotificationDelivery:
    """Try a failed delivery again (the secretariat's "Resend"): back to pending, queued
    after commit. Anything but a failed delivery is left alone."""
    delivery = NotificationDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != Status.FAILED:
        return delivery
    delivery.status = Status.PENDING
    delivery.due_at = min(delivery.due_at, timezone.now())
    delivery.queued_at = timezone.now()
    delivery.save(update_fields=["status", "due_at", "queued_at"])
    _queue([delivery.pk])
    return delivery
