"""Which organisation an enrolment counts for: one rule, written here and nowhere else.

An enrolment counts for the organisation whose membership was requested, invited or
active when it was made, once that membership is active:

- at enrolment, ``courses.selectors.learning.learner_organisation_for`` gives the
  organisation of an active membership (or the coordinator's organisation);
- an enrolment made with no active membership stays unattributed; when a membership
  that was requested or invited at the time becomes active, ``enrolments_attribute``
  gives it that organisation (the first to become active, if there were several);
- nothing moves afterwards: re-enrolling keeps the organisation, and only the
  secretariat's explicit, logged transfer (``lms.services.membership_transfer``)
  moves history, through ``enrolments_move``.

Reports, exports, charts, zips and digests read the result through
``courses.selectors.attribution`` only.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from courses.models import Certificate, Enrolment
from lms.models import Membership, Organisation, User


@transaction.atomic
def enrolments_attribute(
    *, membership: Membership, waiting_since: dt.datetime, now: dt.datetime
) -> int:
    """Give ``membership``'s organisation the person's unattributed enrolments made since
    ``waiting_since`` (when it became requested or invited) until ``now`` (when it became
    active). Returns how many. Safe to repeat: attributed enrolments never change here."""
    if membership.status != Membership.Status.ACTIVE:
        return 0
    ids = list(
        Enrolment.objects.filter(
            user_id=membership.user_id,
            organisation__isnull=True,
            enrolled_at__gte=waiting_since,
            enrolled_at__lte=now,
        ).values_list("pk", flat=True)
    )
    if not ids:
        return 0
    Enrolment.objects.filter(pk__in=ids).update(organisation_id=membership.organisation_id)
    Certificate.objects.filter(enrolment_id__in=ids, organisation__isnull=True).update(
        organisation_id=membership.organisation_id
    )
    return len(ids)


@transaction.atomic
def enrolments_move(
    *, user: User, from_organisation: Organisation, to_organisation: Organisation
) -> int:
    """Attribute ``user``'s enrolments (and their certificates) of ``from_organisation``
    to ``to_organisation``. Only the secretariat's transfer calls it."""
    ids = list(
        Enrolment.objects.filter(user=user, organisation=from_organisation).values_list(
            "pk", flat=True
        )
    )
    Enrolment.objects.filter(pk__in=ids).update(organisation=to_organisation)
    Certificate.objects.filter(user=user, organisation=from_organisation).update(
        organisation=to_organisation
    )
    return len(ids)
