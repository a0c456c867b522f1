"""What the Wagtail admin home shows each role (``courses.admin_home`` draws it).

Every function starts from the scope the reports already use (``report_scope``, which asks
the permission policies of ``courses.permissions`` and ``lms.permissions``), so a home panel
never shows more than the report behind its link. Each is a fixed number of queries,
however many rows there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, WorkflowState, get_default_page_content_type
from wagtail_localize.models import Translation, TranslationSource

from courses.models import CoursePage, Enrolment, NotificationDelivery
from courses.selectors.reports import ReportScope, organisation_overview, progress_enrolments
from lms.models import Membership, Organisation, User
from lms.permissions import membership_policy

#: How many rows a panel lists before "see all".
PANEL_ROWS = 5
#: A learner with no activity for this long is "behind" (the report's filter, preset).
INACTIVE_DAYS = 14
#: An organisation none of whose learners did anything for this long has "no activity".
QUIET_ORGANISATION_DAYS = 90


# --- trainers -------------------------------------------------------------------------------


def _course_tree_q(course_keys) -> Q | None:
    """Pages in the trees of every language version of the courses (one query)."""
    paths = list(
        CoursePage.objects.filter(translation_key__in=list(course_keys)).values_list(
            "path", flat=True
        )
    )
    if not paths:
        return None
    return reduce(or_, (Q(path__startswith=path) for path in paths))


def _in_workflow() -> Exists:
    return Exists(
        WorkflowState.objects.active().filter(
            base_content_type_id=get_default_page_content_type().pk,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
    )


@dataclass(frozen=True)
class TrainerWork:
    drafts: list[Page]
    outdated: list[Page]


def trainer_work(*, course_keys) -> TrainerWork:
    """In the trees of ``course_keys`` (every language): the pages with unsaved-to-live
    changes, newest first, each marked ``in_review`` when a workflow holds it; and the
    source pages edited since their translations were last synced (``source_id``, the
    wagtail-localize source to sync). Three queries."""
    tree = _course_tree_q(course_keys)
    if tree is None:
        return TrainerWork(drafts=[], outdated=[])
    drafts = list(
        Page.objects.filter(tree, has_unpublished_changes=True)
        .annotate(in_review=_in_workflow())
        .select_related("locale")
        .only("id", "title", "draft_title", "live", "latest_revision_created_at", "locale")
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "pk")[:PANEL_ROWS]
    )
    return TrainerWork(drafts=drafts, outdated=translations_out_of_date(tree=tree))


def translations_out_of_date(*, tree: Q) -> list[Page]:
    """Source pages (in ``tree``) whose latest revision is newer than the content
    wagtail-localize last extracted for their translations: a trainer changed the English
    (or other source) version and the translations still show the old text until someone
    syncs them ("Sync translated pages"). Annotated with ``source_id`` and
    ``translation_count``. One query."""
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    )
    translations = (
        Translation.objects.filter(source_id=OuterRef("source_id"), enabled=True)
        .order_by()
        .values("source_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return list(
        Page.objects.filter(tree)
        .annotate(
            source_id=Subquery(sources.values("pk")[:1]),
            source_updated_at=Subquery(sources.values("last_updated_at")[:1]),
        )
        .annotate(translation_count=Subquery(translations))
        .filter(
            translation_count__gt=0,
            latest_revision_created_at__gt=F("source_updated_at"),
        )
        .select_related("locale")
        .only("id", "title", "latest_revision_created_at", "locale")
        .order_by("-latest_revision_created_at", "pk")[:PANEL_ROWS]
    )


# --- coordinators ---------------------------------------------------------------------------


def members_awaiting_confirmation(*, user: User) -> tuple[int, list[Membership]]:
    """Requests to join the organisations ``user`` may manage: how many, and the oldest
    few. Two queries."""
    requested = membership_policy.instances_user_has_permission_for(user, "manage").filter(
        status=Membership.Status.REQUESTED
    )
    rows = list(
        requested.select_related("user", "organisation").order_by("status_changed_at", "pk")[
            :PANEL_ROWS
        ]
    )
    count = len(rows) if len(rows) < PANEL_ROWS else requested.count()
    return count, rows


@dataclass(frozen=True)
class LearnersBehind:
    overdue: int
    inactive: int
    inactive_days: int
    rows: list[Enrolment]


def learners_behind(*, scope: ReportScope, now: dt.datetime) -> LearnersBehind:
    """Active enrolments in scope past their deadline or idle for ``INACTIVE_DAYS``: the
    two counts, and the few most overdue (then longest idle). Two queries."""
    today = timezone.localdate(now)
    since = now - dt.timedelta(days=INACTIVE_DAYS)
    active = progress_enrolments(scope=scope, now=now).filter(status=Enrolment.Status.ACTIVE)
    overdue = Q(due_on__lt=today)
    inactive = Q(last_activity_at__lt=since) | Q(last_activity_at__isnull=True)
    counts = active.aggregate(
        overdue=Count("pk", filter=overdue), inactive=Count("pk", filter=inactive)
    )
    rows = list(
        active.filter(overdue | inactive)
        .select_related("user")
        .annotate(course_title=F("course_title_row__title"))
        .order_by(
            F("due_on").asc(nulls_last=True),
            F("last_activity_at").asc(nulls_first=True),
            "pk",
        )[:PANEL_ROWS]
    )
    return LearnersBehind(
        overdue=counts["overdue"] or 0,
        inactive=counts["inactive"] or 0,
        inactive_days=INACTIVE_DAYS,
        rows=rows,
    )


def latest_completions(*, scope: ReportScope) -> list[Enrolment]:
    """The last few courses completed in scope, newest first. One query."""
    return list(
        scope.enrolments()
        .filter(status=Enrolment.Status.COMPLETED)
        .select_related("user")
        .annotate(course_title=F("course_title_row__title"))
        .order_by(F("completed_at").desc(nulls_last=True), "-pk")[:PANEL_ROWS]
    )


# --- the secretariat ------------------------------------------------------------------------


def review_queue() -> tuple[int, list[WorkflowState]]:
    """Pages in a moderation workflow, the longest waiting first: how many, and the first
    few with their page (``target``). Three queries (count, states, their pages)."""
    states = WorkflowState.objects.active().filter(
        base_content_type_id=get_default_page_content_type().pk
    )
    rows = list(
        states.select_related("current_task_state", "requested_by").order_by(
            "current_task_state__started_at", "pk"
        )[:PANEL_ROWS]
    )
    pages = Page.objects.in_bulk([int(state.object_id) for state in rows])
    for state in rows:
        state.target = pages.get(int(state.object_id))
    count = len(rows) if len(rows) < PANEL_ROWS else states.count()
    return count, [state for state in rows if state.target is not None]


@dataclass(frozen=True)
class QuietOrganisations:
    count: int
    rows: list[Organisation]
    days: int


def organisations_without_activity(*, now: dt.datetime) -> QuietOrganisations:
    """Active member organisations whose learners did nothing in ``QUIET_ORGANISATION_DAYS``
    (those with no enrolment at all first). Two queries."""
    since = now - dt.timedelta(days=QUIET_ORGANISATION_DAYS)
    quiet = organisation_overview().filter(
        Q(last_activity_at__isnull=True) | Q(last_activity_at__lt=since)
    )
    rows = list(quiet.order_by(F("last_activity_at").asc(nulls_first=True), "name")[:PANEL_ROWS])
    count = len(rows) if len(rows) < PANEL_ROWS else quiet.count()
    return QuietOrganisations(count=count, rows=rows, days=QUIET_ORGANISATION_DAYS)


def failed_notifications() -> tuple[int, list[NotificationDelivery]]:
    """E-mails that failed to go out, the newest first: how many, and the few latest."""
    failed = NotificationDelivery.objects.filter(status=NotificationDelivery.Status.FAILED)
    rows = list(failed.select_related("recipient").order_by("-created_at", "-pk")[:PANEL_ROWS])
    count = len(rows) if len(rows) < PANEL_ROWS else failed.count()
    return count, rows
