"""Registers the platform core's permission policies, admin screens and the log actions of
memberships."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from lms.admin.memberships import MembersViewSetGroup
from lms.models import Membership, Organisation, User
from lms.permissions import membership_policy, organisation_policy, user_policy

# Every admin view, menu item and chooser of these models asks these policies.
register_permission_policy(Organisation, organisation_policy)
register_permission_policy(Membership, membership_policy)
register_permission_policy(User, user_policy)


@hooks.register("register_admin_viewset")
def register_members_viewsets():
    return MembersViewSetGroup()


@hooks.register("register_log_actions")
def register_membership_actions(actions):
    """Every change of a membership's state shows in its history and the audit log."""
    actions.register_action(
        "lms.membership.invite", _("Invite"), _("Invited; waiting for the person's answer")
    )
    actions.register_action("lms.membership.accept", _("Accept"), _("Invitation accepted"))
    actions.register_action("lms.membership.decline", _("Decline"), _("Invitation declined"))
    actions.register_action("lms.membership.confirm", _("Confirm"), _("Request confirmed"))
    actions.register_action("lms.membership.end", _("End"), _("Membership ended"))

    @actions.register_action("lms.membership.transfer")
    class TransferFormatter(LogFormatter):
        label = _("Move to another organisation")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            values = {
                "from": data.get("from_organisation", ""),
                "to": data.get("to_organisation", ""),
                "count": data.get("enrolments_moved", 0),
            }
            if data.get("history_moved"):
                return _("Moved from %(from)s to %(to)s with %(count)s enrolments") % values
            return _("Moved from %(from)s to %(to)s; history stays with %(from)s") % values
