"""The cohort's dates where a learner already is: the course page, the programme page,
the module page and My learning (``{% load cohort_tags %}``)."""

from __future__ import annotations

from django import template
from django.utils import timezone

register = template.Library()


def _user(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@register.inclusion_tag("courses/cohorts/_course_panel.html", takes_context=True)
def cohort_panel(context, course):
    """On a course page: the learner's cohorts of this course with their schedule, or the
    cohorts still taking members, with a button to join. Nothing for anonymous visitors
    (their page is cached for everyone)."""
    from courses.cohorts.selectors import learner_cohorts, member_schedule, open_cohorts

    user = _user(context)
    if user is None:
        return {"show": False}
    now = timezone.now()
    mine = list(learner_cohorts(user=user, course_key=course.translation_key))
    for member in mine:
        member.schedule_rows = member_schedule(member=member, now=now)
    joinable = [] if mine else open_cohorts(course_key=course.translation_key, now=now)
    return {
        "show": bool(mine or joinable),
        "memberships": mine,
        "joinable": joinable,
        "request": context.get("request"),
    }


@register.inclusion_tag("courses/cohorts/_programme_panel.html", takes_context=True)
def programme_cohort_panel(context, programme):
    """On a programme page: the learner's cohort of this programme (a link to its
    schedule), or the cohorts still taking members with their dates, places left and
    facilitators, each with a button to join. Nothing for anonymous visitors (their page
    is cached for everyone). Three queries at most, whatever the number of cohorts."""
    from courses.cohorts.selectors import learner_cohorts, open_cohorts

    user = _user(context)
    if user is None:
        return {"show": False}
    mine = list(learner_cohorts(user=user, programme_key=programme.translation_key))
    joinable = (
        [] if mine else open_cohorts(programme_key=programme.translation_key, now=timezone.now())
    )
    return {
        "show": bool(mine or joinable),
        "memberships": mine,
        "joinable": joinable,
        "request": context.get("request"),
    }


@register.inclusion_tag("courses/cohorts/_module_dates.html", takes_context=True)
def cohort_module_dates(context, module):
    """On a module page: this module's release and due dates in the learner's cohorts."""
    from courses.cohorts.models import CohortModule
    from courses.cohorts.selectors import learner_cohorts

    user = _user(context)
    if user is None or context.get("module_in_cohort") is False:
        return {"rows": []}  # the module page's query said: no dates in their cohorts
    cohort_ids = learner_cohorts(user=user).values("cohort_id")
    rows = list(
        CohortModule.objects.filter(
            cohort_id__in=cohort_ids, module_key=module.translation_key
        ).select_related("cohort")
    )
    return {"rows": rows}


@register.inclusion_tag("courses/cohorts/_dashboard.html", takes_context=True)
def my_cohorts(context):
    """On My learning: the learner's cohorts, each with its next dates."""
    from courses.cohorts.selectors import learner_cohorts, member_schedule

    user = _user(context)
    if user is None:
        return {"memberships": []}
    now = timezone.now()
    memberships = list(learner_cohorts(user=user).filter(cohort__ends_on__gte=now.date()))
    for member in memberships:
        rows = member_schedule(member=member, now=now)
        member.upcoming = [row for row in rows if not row.is_completed][:3]
    return {"memberships": memberships}
