"""Events of the platform core that other apps act on, so ``lms`` never imports them.

Unlike ``courses.events``, these are sent *inside* the transaction that changes the
membership: a receiver's writes (attributing enrolments) commit or roll back with it.
"""

from django.dispatch import Signal

# A requested or invited membership became active (confirmed, accepted, transferred to).
# kwargs: membership (Membership), waiting_since (when it became requested or invited),
# now (when it became active)
membership_activated = Signal()

# The secretariat moves a person's history from one organisation to another.
# kwargs: user, from_organisation, to_organisation. Receivers return how many
# records they moved.
membership_history_move = Signal()
