"""Services for the platform core. Every write goes through one of these, one module per
concern, re-exported here: ``accounts`` (people, the heartbeat, the Coordinators group)
and ``memberships`` (states, transfer, invitations)."""

from lms.services.accounts import (  # noqa: F401
    heartbeat_record,
    user_create,
    user_erase,
    user_sync_coordinator_group,
    user_update_profile,
    user_verify_email,
)
from lms.services.memberships import (  # noqa: F401
    Invitation,
    Transfer,
    membership_accept,
    membership_confirm,
    membership_create,
    membership_decline,
    membership_end,
    membership_invite,
    membership_transfer,
    user_sign_up,
)
