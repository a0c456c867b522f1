"""The secretariat's overview: one row per active member organisation (those with no
enrolment yet included: they are the ones to chase) and the totals, each one query
however many members there are. The secretariat sees everything, so there is no scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from courses.models import Enrolment
from lms.models import Membership, Organisation


@dataclass(frozen=True)
class OverviewFilters:
    region: str | None = None
    country: str | None = None
    organisation_id: int | None = None


def overview_organisations(*, filters: OverviewFilters | None = None) -> QuerySet[Organisation]:
    """The active member organisations that pass ``filters``: the overview's rows."""
    filters = filters or OverviewFilters()
    rows = Organisation.objects.active()
    if filters.region:
        rows = rows.filter(region=filters.region)
    if filters.country:
        rows = rows.filter(country=filters.country)
    if filters.organisation_id:
        rows = rows.filter(pk=filters.organisation_id)
    return rows


def organisation_overview(*, filters: OverviewFilters | None = None) -> QuerySet[Organisation]:
    """One row per active member organisation, those with no enrolment yet included (they
    are the ones to chase): members, learners, enrolments (not withdrawn), completions,
    completion rate (%) and last activity, ordered by region. One query for any number of
    members: the enrolments are one LEFT JOIN grouped by organisation, the members a
    subquery (two joins would multiply each other's counts)."""
    rows = overview_organisations(filters=filters)
    current = Q(enrolments__isnull=False) & ~Q(enrolments__status=Enrolment.Status.WITHDRAWN)
    members = (
        Membership.objects.filter(organisation_id=OuterRef("pk"), status=Membership.Status.ACTIVE)
        .order_by()
        .values("organisation_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        rows.annotate(
            members=Coalesce(Subquery(members, output_field=IntegerField()), Value(0)),
            learners=Count("enrolments__user_id", filter=current, distinct=True),
            enrolment_count=Count("enrolments", filter=current),
            completions=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.COMPLETED)
            ),
            withdrawn=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WITHDRAWN)),
            last_activity_at=Max("enrolments__last_activity_at"),
        )
        .annotate(
            completion_rate=Case(
                When(enrolment_count=0, then=Value(None)),
                default=100.0 * F("completions") / F("enrolment_count"),
                output_field=FloatField(),
            )
        )
        .order_by("region", "name")
    )


def overview_totals(*, filters: OverviewFilters | None = None) -> dict[str, int]:
    """The overview's totals for the organisations that pass ``filters``: enrolments (not withdrawn)
    and completions, and the enrolments of learners without an organisation (counted in
    no row). One query."""
    current = ~Q(status=Enrolment.Status.WITHDRAWN)
    mine = Q(organisation__in=overview_organisations(filters=filters).values("pk"))
    totals = Enrolment.objects.aggregate(
        enrolments=Count("pk", filter=current & mine),
        completions=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED) & mine),
        without_organisation=Count("pk", filter=current & Q(organisation__isnull=True)),
    )
    return {name: value or 0 for name, value in totals.items()}
