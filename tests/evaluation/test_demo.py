"""The demo evaluation: default questionnaires in the four demo languages (valid blocks,
same ids), answered questionnaires from demo learners who completed a course, twice safe."""

import pytest

from courses import demo as courses_demo
from courses.evaluation import demo
from courses.evaluation.blocks import QuestionsBlock
from courses.evaluation.models import Purpose, Questionnaire, QuestionnaireChoice, Response
from courses.models import Enrolment
from lms import demo as lms_demo

pytestmark = pytest.mark.django_db


def test_demo_questionnaires_in_four_languages_and_answers_seeded_twice_safely():
    lms_demo.seed()
    courses_demo.seed()
    demo.seed()
    counts = (Questionnaire.objects.count(), Response.objects.count())
    demo.seed()
    assert (Questionnaire.objects.count(), Response.objects.count()) == counts
    assert counts[0] == 8
    for purpose in Purpose.values:
        choice = QuestionnaireChoice.objects.get(purpose=purpose, course_key=None)
        versions = Questionnaire.objects.filter(translation_key=choice.questionnaire_key)
        assert {row.locale.language_code for row in versions} == {"en", "fr", "es", "ko"}
        ids = {tuple(block.id for block in row.questions) for row in versions}
        assert len(ids) == 1  # every language answers the same questions
        for row in versions:
            block = QuestionsBlock()
            block.clean(row.questions)
    completed = Enrolment.objects.filter(status=Enrolment.Status.COMPLETED).count()
    assert Response.objects.filter(purpose=Purpose.END_OF_COURSE).count() == completed
    assert Response.objects.filter(purpose=Purpose.IMPACT).count() == (completed + 1) // 2
