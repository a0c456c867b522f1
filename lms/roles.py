"""Platform roles.

Learner and coordinator are roles *in an organisation* (lms.models.Membership).
Trainer and secretariat are platform roles: Wagtail groups created by the
migration ``lms.0002_platform_roles`` with the admin permissions they need.
Coordinators also belong to a group, kept in step with their memberships by
``lms.services``, so that the Wagtail admin lets them in.
"""

from __future__ import annotations

TRAINERS = "Trainers"
SECRETARIAT = "Secretariat"
COORDINATORS = "Coordinators"


def group_names(user) -> frozenset[str]:
    """The names of the user's groups, fetched once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_gsef_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._gsef_group_names = cached
    return cached


def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or SECRETARIAT in group_names(user)


def is_trainer(user) -> bool:
    return TRAINERS in group_names(user)
