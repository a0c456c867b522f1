"""Events of the learning domain, sent after the transaction that caused them commits.

Receivers get ids, never rows: they run after commit and load what they need. The
certificates issue hangs certificate issuing on ``course_completed``.
"""

from django.dispatch import Signal

# Sent once per enrolment, when the course's completion rule first holds.
# kwargs: enrolment_id (int), user_id (int)
course_completed = Signal()
