"""The reminders engine: decide what is due, then send each message exactly once.

One concern per module, each safe to repeat:

- ``rules``: which opt-out covers which kind, quiet hours, windows and cadences, the slot
  that makes a message unique, and ``DecidedRow``, a message decided but not yet written.
- ``deciders``: five readers of the database's state (confirmations, inactivity,
  deadlines, digests, webinars), in keyset batches, yielding the rows due by ``now``.
- ``outbox``: writes rows with raw SQL and ``ON CONFLICT DO NOTHING`` — COPY through a
  temporary table for a sweep's batch on PostgreSQL, one executemany for a few rows or on
  SQLite — so the unique key (kind, recipient, subject, slot) makes a second sweep, or two
  at once, insert nothing; claims due pending rows with ``SKIP LOCKED``, stamps
  ``queued_at`` and queues one send task each after commit (again if queued so long ago
  that the message must have been lost); and takes requests from other services
  (``notification_request``: a seat from the waitlist, a webinar moved or cancelled).
- ``sweep``: ``notifications_sweep`` (Celery beat, every five minutes) runs the deciders,
  writes what they decide and queues what is due.
- ``recheck``: why a decided message no longer makes sense at send time.
- ``rendering``: the message in the recipient's language and time zone, with its
  unsubscribe headers and attachments.
- ``sending``: the send state machine. ``notification_send`` (one Celery task per row)
  takes the row with ``SELECT … FOR UPDATE SKIP LOCKED`` while a send may take it,
  re-checks and renders it, and commits "sending" with its Message-ID *before* the SMTP
  conversation; then records sent, failed, or pending with the next attempt (a 24-hour
  retry window). ``notifications_recover_interrupted`` (each sweep) resends with the same
  Message-ID, or marks "unknown", the rows a crash left "sending". ``notification_resend``.
- ``tokens``: the signed one-click unsubscribe token and the opt-out it leads to.

Callers import from this package; the names below are its public face.
"""

from courses.services.notifications.deciders import DECIDERS
from courses.services.notifications.outbox import (
    COPY_FROM,
    REQUEUE_AFTER,
    enrolment_confirmation_request,
    insert_rows,
    notification_request,
    notification_request_many,
    notifications_queue_due,
    publish_send_tasks,
    webinar_registration_rows,
)
from courses.services.notifications.rendering import Rendered, notification_render
from courses.services.notifications.rules import (
    BATCH_SIZE,
    CATEGORY,
    QUIET_HOURS_KINDS,
    DecidedRow,
    instant_slot,
    next_daytime,
    opted_out,
)
from courses.services.notifications.sending import (
    AT_MOST_ONCE_KINDS,
    RESEND_KINDS,
    RETRY_WINDOW,
    SENDING_STALE_AFTER,
    notification_resend,
    notification_send,
    notifications_recover_interrupted,
)
from courses.services.notifications.sweep import SweepResult, notifications_sweep
from courses.services.notifications.tokens import (
    UNSUBSCRIBE_SALT,
    category_label,
    notification_opt_out,
    unsubscribe_token,
    unsubscribe_token_read,
)

# How sends are queued, looked up here at call time by ``outbox.queue_sends``: the seam a
# test replaces to lose a message (a broker restart) or the sweep benchmark to count them.
_queue = publish_send_tasks
# The single module's name for the writer, which tests still call.
_insert = insert_rows

__all__ = [
    "AT_MOST_ONCE_KINDS",
    "BATCH_SIZE",
    "CATEGORY",
    "COPY_FROM",
    "DECIDERS",
    "QUIET_HOURS_KINDS",
    "REQUEUE_AFTER",
    "RESEND_KINDS",
    "RETRY_WINDOW",
    "SENDING_STALE_AFTER",
    "UNSUBSCRIBE_SALT",
    "DecidedRow",
    "Rendered",
    "SweepResult",
    "category_label",
    "enrolment_confirmation_request",
    "insert_rows",
    "instant_slot",
    "next_daytime",
    "notification_opt_out",
    "notification_render",
    "notification_request",
    "notification_request_many",
    "notification_resend",
    "notification_send",
    "notifications_queue_due",
    "notifications_recover_interrupted",
    "notifications_sweep",
    "opted_out",
    "publish_send_tasks",
    "unsubscribe_token",
    "unsubscribe_token_read",
    "webinar_registration_rows",
]
