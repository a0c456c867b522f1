"""Cohorts for the tests: a cohort of a course with dates, facilitators and module dates."""

from __future__ import annotations

import datetime as dt

from courses.cohorts.models import Cohort, CohortModule

UTC = dt.UTC
# A Wednesday, 10:00 UTC.
NOW = dt.datetime(2027, 3, 3, 10, 0, tzinfo=UTC)


def make_cohort(
    course,
    *,
    name: str = "Spring 2027",
    starts_on: dt.date = dt.date(2027, 3, 1),
    ends_on: dt.date = dt.date(2027, 3, 12),
    facilitators=(),
    webinars=(),
    modules=(),
    **fields,
) -> Cohort:
    """A cohort of ``course``; ``modules`` are (module page, release_on, due_on)."""
    cohort = Cohort(name=name, course_page=course, starts_on=starts_on, ends_on=ends_on, **fields)
    cohort.full_clean()
    cohort.save()
    cohort.facilitators.set(facilitators)
    cohort.webinars.set(webinars)
    cohort.save()
    for order, (module, release_on, due_on) in enumerate(modules):
        row = CohortModule(
            cohort=cohort,
            module_page=module,
            release_on=release_on,
            due_on=due_on,
            sort_order=order,
        )
        row.full_clean(exclude=["cohort"])
        row.save()
    return cohort
