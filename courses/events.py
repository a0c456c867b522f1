"""Events of the learning domain, sent after the transaction that caused them commits.

Receivers get ids, never rows: they run after commit and load what they need. The
certificates issue hangs certificate issuing on ``course_completed``; the webhooks
(``courses.webhooks``) fan every event out to the organisations' endpoints.
"""

from django.db import transaction
from django.dispatch import Signal

# Sent once per enrolment, when the course's completion rule first holds.
# kwargs: enrolment_id (int), user_id (int)
course_completed = Signal()

# Sent when an enrolment is made, or a withdrawn one is re-activated; never when
# enrolling someone already enrolled (a no-op).
# kwargs: enrolment_id (int), user_id (int)
enrolment_created = Signal()

# Sent when a certificate row is created (completion, participation, or the corrected
# certificate of a re-issue). kwargs: certificate_id (int)
certificate_issued = Signal()

# Sent when a certificate stops being valid: revoked, or superseded by a corrected one.
# kwargs: certificate_id (int)
certificate_revoked = Signal()


def send_on_commit(signal: Signal, sender, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits (at once outside one).

    Robustly: what was done is committed, so a receiver's error (logged by Django) never
    turns the enrolment or the certificate into an error page, nor stops other receivers."""
    transaction.on_commit(lambda: signal.send_robust(sender=sender, **kwargs))
