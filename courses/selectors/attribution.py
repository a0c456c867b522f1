"""The one read of "which enrolments count for these organisations".

Every report, export, chart, zip and digest scopes enrolments (and certificates) to
organisations through these functions; the rule that fills ``Enrolment.organisation``
is written once, in ``courses.services.attribution``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from courses.models import Certificate, Enrolment


def _ids(organisations: Iterable) -> list[int]:
    return [getattr(o, "pk", o) for o in organisations]


def attributed_q(organisation_ids: Iterable) -> Q:
    """The condition on an enrolment (or certificate) that it counts for one of
    ``organisation_ids`` (ids or organisations)."""
    return Q(organisation_id__in=_ids(organisation_ids))


def attributed_enrolments(
    organisation_ids: Iterable, *, queryset: QuerySet[Enrolment] | None = None
) -> QuerySet[Enrolment]:
    """Enrolments that count for ``organisation_ids``, optionally narrowing ``queryset``."""
    queryset = Enrolment.objects.all() if queryset is None else queryset
    return queryset.filter(attributed_q(organisation_ids))


def attributed_certificates(
    organisation_ids: Iterable, *, queryset: QuerySet[Certificate] | None = None
) -> QuerySet[Certificate]:
    """Certificates that count for ``organisation_ids`` (they follow their enrolment)."""
    queryset = Certificate.objects.all() if queryset is None else queryset
    return queryset.filter(attributed_q(organisation_ids))
