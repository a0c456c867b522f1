"""My learning, rendered once for each state of what it shows, and kept in the shared cache.

The dashboard reads a dozen tables for one person and renders seven sections; most
visits find nothing changed since the last. So its body is kept under a key made of:

- the person and the language;
- the site shell's generation (``cms.shell_cache``): any page published, moved or
  deleted, a view restriction changed or the course listing refreshed makes a new one
  (course, programme, module and webinar pages, recommendations);
- a *fingerprint* of the person's rows, read in one query on PostgreSQL: the md5 of
  the text of every row the dashboard reads for them (their user row, memberships and
  organisations, enrolments and module completions, certificates, programme
  enrolments, cohorts with their dates, their webinar registrations each with its place
  on the waitlist (which moves as others join or leave), calendar feed,
  questionnaire answers) and of the questionnaire choices. A change made any way (a
  form, a Celery task, a ``QuerySet.update``) gives another fingerprint; nothing has to
  remember to clear anything.

What depends on the clock is bounded by a moment kept with the HTML (``valid_until``):
the next quarter hour (every time zone's midnight falls on one, so "days left", today's
cohort dates and the overdue marks turn on time), the next opening or closing of an
enrolment window (recommendations are courses open now), and the next opening of a
join link, start, end or year-old recording of the person's webinars.

The CSRF token of the calendar form is not kept (``cms.kept_html``: a placeholder that
each response replaces with the visitor's own token). Messages and the shell stay
outside the body. Elsewhere than PostgreSQL the body is rendered every time.
"""

from __future__ import annotations

import datetime as dt
from functools import cache as once

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from cms.kept_html import kept, key, render_with_placeholder, with_token

QUARTER_HOUR = 15 * 60


@once
def _fingerprint_sql() -> str:
    """One statement: md5 over the text of the rows the dashboard reads for a person."""
    from courses.cohorts.models import Cohort, CohortMember, CohortModule
    from courses.evaluation.models import QuestionnaireChoice, Response
    from courses.models import (
        CalendarFeed,
        Certificate,
        Enrolment,
        ModuleCompletion,
        ProgrammeEnrolment,
        WebinarRegistration,
    )
    from lms.models import Membership, Organisation, User

    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def column(model, field: str) -> str:
        return quote(model._meta.get_field(field).column)

    def mine(model, field: str = "user") -> str:
        return f"{column(model, field)} = %(user)s"

    def among(model, field: str, source, value: str, source_field: str = "user") -> str:
        return (
            f"{column(model, field)} IN (SELECT {column(source, value)}"  # noqa: S608 (quoted model names)
            f" FROM {table(source)} WHERE {mine(source, source_field)})"
        )

    parts = [
        (User, mine(User, "id")),
        (Membership, mine(Membership)),
        (Organisation, among(Organisation, "id", Membership, "organisation")),
        (Enrolment, mine(Enrolment)),
        (ModuleCompletion, among(ModuleCompletion, "enrolment", Enrolment, "id")),
        (Certificate, mine(Certificate)),
        (ProgrammeEnrolment, mine(ProgrammeEnrolment)),
        (CohortMember, mine(CohortMember)),
        (Cohort, among(Cohort, "id", CohortMember, "cohort")),
        (CohortModule, among(CohortModule, "cohort", CohortMember, "cohort")),
        (CalendarFeed, mine(CalendarFeed)),
        (Response, mine(Response)),
        (QuestionnaireChoice, "TRUE"),
    ]
    selects = [
        f"(SELECT string_agg(md5(t::text), ',' ORDER BY t.{quote(model._meta.pk.column)})"  # noqa: S608 (quoted model names)
        f" FROM {table(model)} t WHERE {where})"
        for model, where in parts
    ]
    # The person's registrations, each with its place on its webinar's waitlist (as
    # courses.selectors.webinars counts it): others joining or leaving move it.
    registrations = table(WebinarRegistration)
    webinar, status = column(WebinarRegistration, "webinar"), column(WebinarRegistration, "status")
    position = column(WebinarRegistration, "position")
    selects.append(
        f"(SELECT string_agg(md5(t::text) || ':' || (SELECT count(*) FROM {registrations} o"  # noqa: S608 (quoted model names)
        f" WHERE o.{webinar} = t.{webinar} AND o.{status} = %(waitlisted)s"
        f" AND o.{position} <= t.{position}), ',' ORDER BY t.id)"
        f" FROM {registrations} t WHERE {mine(WebinarRegistration)})"
    )
    return "SELECT md5(concat_ws('|', " + ", ".join(selects) + "))"


def fingerprint(user_id: int) -> str | None:
    """The md5 of every row the dashboard shows of ``user_id`` (one query), or None
    elsewhere than PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    from courses.models import WebinarRegistration

    with connection.cursor() as cursor:
        cursor.execute(
            _fingerprint_sql(),
            {"user": user_id, "waitlisted": WebinarRegistration.Status.WAITLISTED},
        )
        return cursor.fetchone()[0]


def next_quarter_hour(now: dt.datetime) -> dt.datetime:
    seconds = int(now.timestamp())
    return dt.datetime.fromtimestamp(seconds - seconds % QUARTER_HOUR + QUARTER_HOUR, tz=dt.UTC)


def valid_until(context: dict, now: dt.datetime) -> dt.datetime:
    """The first moment after ``now`` at which the body rendered from ``context`` may read
    differently with the same rows."""
    from courses.selectors.catalogue_rendered import next_window_change

    moments = [next_quarter_hour(now)]
    window = next_window_change(now)
    if window is not None:
        moments.append(window)
    for row in [*context["upcoming_webinars"], *context["missed_webinars"]]:
        webinar = row["webinar"]
        moments += [
            webinar.join_opens_at,
            webinar.starts_at,
            webinar.ends_at,
            webinar.starts_at + dt.timedelta(hours=24),
            webinar.starts_at + dt.timedelta(days=365),
        ]
    return min(moment for moment in moments if moment > now)


def _render(request: HttpRequest, now: dt.datetime) -> tuple[dt.datetime, str]:
    from courses.selectors.learning import dashboard_context

    context = dashboard_context(request=request, now=now)
    html = render_with_placeholder("courses/dashboard_body.html", context, request)
    return valid_until(context, now), html


def dashboard_body(*, request: HttpRequest, now: dt.datetime | None = None) -> SafeString:
    """The body of ``request.user``'s dashboard, from the shared cache when nothing it
    shows has changed since it was rendered (see the module's docstring)."""
    now = now or timezone.now()
    user = request.user
    state = fingerprint(user.pk)
    name = None if state is None else key("courses:dashboard", user.pk, get_language(), state)
    return with_token(kept(name, lambda: _render(request, now), now=now), request)
