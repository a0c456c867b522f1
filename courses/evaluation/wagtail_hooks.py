"""Admin wiring of evaluation (courses.evaluation.admin, .results): questionnaires,
which one is in use, and the results, in the "Learning" submenu."""

from __future__ import annotations

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from courses.evaluation.admin import (
    QuestionnaireViewSet,
    choice_policy,
    questionnaire_choice_viewset,
)
from courses.evaluation.models import QuestionnaireChoice, Response
from courses.evaluation.permissions import response_policy
from courses.evaluation.results import evaluation_results_viewset

register_permission_policy(QuestionnaireChoice, choice_policy)
register_permission_policy(Response, response_policy)
register_snippet(QuestionnaireViewSet)


@hooks.register("register_admin_viewset")
def register_questionnaire_choices():
    return questionnaire_choice_viewset


@hooks.register("register_admin_viewset")
def register_evaluation_results():
    return evaluation_results_viewset
