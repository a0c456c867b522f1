"""A person's cohorts in "Download my data" (registered with ``lms.personal_data`` in
``CohortsConfig.ready()``). Deleting the account needs no eraser: the memberships keep
counting in the cohort's results with their ``user`` set to null by the database."""

from __future__ import annotations

from typing import Any

from lms import personal_data
from lms.models import User


def cohorts_export(user: User) -> list[dict[str, Any]]:
    """Every cohort ``user`` belongs to or facilitates (two queries)."""
    from courses.cohorts.models import Cohort, CohortMember

    rows = [
        {
            "cohort": member.cohort.name,
            "role": "member",
            "starts_on": member.cohort.starts_on.isoformat(),
            "ends_on": member.cohort.ends_on.isoformat(),
            "joined_at": member.joined_at.isoformat(),
            "source": member.source,
        }
        for member in CohortMember.objects.filter(user=user)
        .select_related("cohort")
        .order_by("joined_at", "pk")
    ]
    rows += [
        {
            "cohort": cohort.name,
            "role": "facilitator",
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
        }
        for cohort in Cohort.objects.filter(facilitators=user).order_by("starts_on", "pk")
    ]
    return rows


def register() -> None:
    personal_data.register_exporter("cohorts", cohorts_export)
