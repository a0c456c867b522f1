""" "Tell us how the course went" on the course page and the dashboard.

``{% evaluation_offers enrolments as offers %}`` reads, for a list of completed
enrolments (or of dashboard rows holding one), which still have an end-of-course
questionnaire to answer: two queries however many courses; ``offers|lookup:course_key``
is then True for each course to offer it for. ``{% programme_evaluation_offers %}`` does
the same for completed programmes (the programme page and the dashboard).
"""

from __future__ import annotations

from django import template

from courses.evaluation.models import Purpose, Response
from courses.evaluation.selectors import (
    course_keys_with_questionnaire,
    programme_keys_to_evaluate,
    satisfaction_of,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def evaluation_offers(context, enrolments) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False) or not enrolments:
        return {}
    if not isinstance(enrolments, list | tuple):
        enrolments = [enrolments]  # the course page's one enrolment
    rows = [row["enrolment"] if isinstance(row, dict) else row for row in enrolments]
    keys = {row.course_key for row in rows if row is not None and row.status == "completed"}
    if not keys:
        return {}
    keys = course_keys_with_questionnaire(course_keys=keys, purpose=Purpose.END_OF_COURSE)
    if not keys:
        return {}
    answered = set(
        Response.objects.filter(
            user=user, purpose=Purpose.END_OF_COURSE, course_key__in=keys
        ).values_list("course_key", flat=True)
    )
    return dict.fromkeys(keys - answered, True)


@register.simple_tag(takes_context=True)
def programme_evaluation_offers(context, enrolments) -> dict:
    """``{% programme_evaluation_offers rows as offers %}``: for a programme enrolment (the
    programme page) or the dashboard's programme rows, {programme key: True} for each
    completed programme whose end-of-programme questionnaire is still to answer (two
    queries however many programmes)."""
    request = context.get("request")
    if not enrolments:
        return {}
    if not isinstance(enrolments, list | tuple):
        enrolments = [enrolments]
    rows = [row["enrolment"] if isinstance(row, dict) else row for row in enrolments]
    keys = {row.programme_key for row in rows if row is not None and row.status == "completed"}
    return dict.fromkeys(
        programme_keys_to_evaluate(user=getattr(request, "user", None), programme_keys=keys), True
    )


@register.simple_tag(takes_context=True)
def evaluation_satisfaction(context, courses) -> dict:
    """For the trainers' course reports: {course key: {responses, average, url}} of the
    end-of-course questionnaire, within the viewer's reach (two queries for any number)."""
    from django.urls import reverse

    from courses.evaluation.permissions import response_policy

    request = context.get("request")
    if courses is not None and not isinstance(courses, list | tuple):
        courses = [courses] if hasattr(courses, "translation_key") else list(courses)
    keys = {course.translation_key for course in courses or []}
    if request is None or not keys:
        return {}
    if not response_policy.user_has_permission(request.user, "view"):
        return {}
    rows = response_policy.instances_user_has_permission_for(request.user, "view")
    figures = satisfaction_of(responses=rows, course_keys=keys)
    return {
        key: {
            "responses": count,
            "average": average,
            "url": reverse("evaluation_results:course", args=[key, Purpose.END_OF_COURSE]),
        }
        for key, (count, average) in figures.items()
    }


@register.filter
def evaluation_for(figures: dict, key):
    """``figures[key]`` or None (a course's satisfaction in ``evaluation_satisfaction``)."""
    return figures.get(key) if isinstance(figures, dict) else None
