"""Registers the platform core's admin screens and the log actions of memberships."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from lms.admin_views import MembersViewSetGroup


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
