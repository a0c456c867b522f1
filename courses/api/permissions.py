"""Who manages API tokens, and what a token may reach.

Tokens: the same organisation rule as every admin screen (``lms.permissions``'
``OrganisationScopedPolicy``): a coordinator lists, creates and revokes their own
organisations' tokens, the secretariat every organisation's.

A token's reach is its organisation's coordinator reach (``courses.permissions.Reach``
with that one organisation): the enrolments and certificates attributed to it
(``courses.selectors.attribution``), its members' webinar registrations. There is no
second rule for the API.
"""

from __future__ import annotations

from courses.api.models import ApiToken
from courses.permissions import Reach
from lms.permissions import OrganisationScopedPolicy


class ApiTokenPermissionPolicy(OrganisationScopedPolicy):
    """API tokens: coordinators view, add and change (revoke) their organisations'."""

    actions_for_coordinators = frozenset({"view", "add", "change"})


def token_reach(token: ApiToken) -> Reach:
    """What ``token`` may read: its organisation's enrolments, as its coordinators do."""
    return Reach(organisation_ids=frozenset([token.organisation_id]))


api_token_policy = ApiTokenPermissionPolicy(ApiToken)
