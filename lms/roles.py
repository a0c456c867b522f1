"""Platform roles.

Learner and coordinator are roles *in an organisation* (lms.models.Membership).
Trainer and secretariat are platform roles. Each role is a group whose Django
permissions say what it may do (``lms.permissions`` names them; the migrations
``lms.0003_platform_roles`` and ``lms.0007_access_permissions`` grant them).
Coordinators also belong to their group, kept in step with their memberships by
``lms.services``, so that the Wagtail admin lets them in.

The names below are for putting people into a group (the demo seed, the tests); what a
person may do is always asked of their permissions, never of a group's name.
"""

from __future__ import annotations

from lms.permissions import follows_taught_courses, sees_every_organisation

TRAINERS = "Trainers"
SECRETARIAT = "Secretariat"
COORDINATORS = "Coordinators"


def is_secretariat(user) -> bool:
    """Reaches every organisation (``lms.view_all_organisations``; superusers too)."""
    return sees_every_organisation(user)


def is_trainer(user) -> bool:
    """Follows the learners of the courses they teach (``lms.view_taught_course_progress``),
    and is not the secretariat, which sees everything anyway."""
    return follows_taught_courses(user) and not sees_every_organisation(user)
