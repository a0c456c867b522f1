"""The outbox: decided rows written once, and their send tasks queued once.

``insert_rows`` writes rows with raw SQL and ``ON CONFLICT DO NOTHING`` (COPY through a
temporary table for a sweep's batch on PostgreSQL, one executemany otherwise): the row's
unique key (kind, recipient, subject, slot) makes a row decided twice one row.
``notifications_queue_due`` claims due pending rows with ``SKIP LOCKED``, stamps
``queued_at`` and queues one send task each after commit. ``notification_request`` is how
another service asks for a message that follows an action rather than a clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from courses.models import Enrolment, NotificationDelivery, WebinarRegistration
from courses.services.notifications.rules import (
    BATCH_SIZE,
    DecidedRow,
    confirmation_row,
    delivery_row,
    registration_row,
)
from lms.models import User

# A pending row queued longer ago than this lost its message (a broker restart, a purge,
# a broker outage when it was queued): the next sweep queues it again. Longer than the
# broker's visibility timeout (240 s), so a message a crashed worker held comes back from
# the broker first, and than the longest wait the broker carries for a send's retry
# (sending.BROKER_WAIT_UP_TO, 2 minutes), so a row waiting for its retry is not queued
# twice; were it shorter, the extra task would find the row not yet due and do nothing.
REQUEUE_AFTER = dt.timedelta(minutes=5)
# From this many rows a write goes through COPY (a sweep's batch); fewer go by executemany,
# so an enrolment's one confirmation costs one statement, not a temporary table's four.
COPY_FROM = 200


def insert_rows(rows: list[DecidedRow]) -> None:
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


def publish_send_tasks(ids: Iterable[int]) -> None:
    """One send task per delivery, published after the caller's transaction commits."""
    from courses.tasks import notification_send_task  # the task module imports this package

    for pk in ids:
        notification_send_task.delay_on_commit(delivery_id=pk)


def queue_sends(ids: Iterable[int]) -> None:
    """Queue the sends of ``ids``, through the package's ``_queue`` looked up at call time:
    the one seam a test (a broker that loses the message) or the sweep benchmark (counting
    sends) replaces, as ``courses.services.notifications._queue``."""
    from courses.services import notifications

    notifications._queue(ids)


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
    # Pending rows not waiting for a retry, and rows to be sent again after a crash.
    due = rows.to_send(now).filter(
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
                queue_sends(ids)
        queued += len(ids)
        if len(ids) < batch_size:
            return queued


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
            delivery_row(
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
    """Insert unsaved rows (made with ``delivery_row``) and queue those due, after commit."""
    if not rows:
        return
    now = now or timezone.now()
    insert_rows(rows)
    keys = Q()
    for row in rows:
        keys |= Q(
            kind=row.kind, recipient_id=row.recipient_id, subject_key=row.subject_key, slot=row.slot
        )
    notifications_queue_due(now=now, rows=NotificationDelivery.objects.filter(keys))


def enrolment_confirmation_request(*, enrolment: Enrolment, now: dt.datetime) -> None:
    """The confirmation of an enrolment just made, queued after commit (once per enrolling)."""
    notification_request_many(rows=[confirmation_row(enrolment, now)], now=now)


def webinar_registration_rows(
    *, kind: str, registrations: Iterable[WebinarRegistration], slot: str, now: dt.datetime
) -> list[DecidedRow]:
    return [registration_row(kind, registration, slot, now) for registration in registrations]
