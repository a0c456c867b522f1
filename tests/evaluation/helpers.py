"""Questionnaires and completed enrolments for the evaluation tests."""

from __future__ import annotations

import datetime as dt

from wagtail.models import Locale

from courses.evaluation.models import Purpose, Questionnaire, QuestionnaireChoice
from courses.models import Enrolment

UTC = dt.UTC
# A Wednesday, 10:00 UTC.
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def questions(*, text_required: bool = False) -> list:
    return [
        (
            "rating",
            {
                "question": "How useful was the course?",
                "low_label": "Not at all",
                "high_label": "Very",
                "required": True,
            },
        ),
        (
            "choice",
            {
                "question": "What will you use?",
                "options": ["Procurement rules", "Financing", "Networks"],
                "multiple": True,
                "required": False,
            },
        ),
        (
            "text",
            {"question": "What would you change?", "help_text": "", "required": text_required},
        ),
    ]


def questionnaire(
    *,
    purpose: str = Purpose.END_OF_COURSE,
    title: str = "How did it go?",
    course=None,
    default: bool = True,
    delay: int = 90,
    named: bool = False,
    **kwargs,
) -> Questionnaire:
    """A questionnaire in English, chosen as the default for ``purpose`` (or for ``course``)."""
    row = Questionnaire.objects.create(
        title=title,
        purpose=purpose,
        questions=questions(**kwargs),
        impact_delay_days=delay,
        named_in_exports=named,
        locale=Locale.objects.get(language_code="en"),
    )
    row.refresh_from_db()  # the blocks' ids, as stored
    if course is not None:
        QuestionnaireChoice.objects.create(
            purpose=purpose,
            course_key=course.translation_key,
            questionnaire_key=row.translation_key,
        )
    elif default:
        QuestionnaireChoice.objects.create(purpose=purpose, questionnaire_key=row.translation_key)
    return row


def translate(
    row: Questionnaire, language: str, *, title: str, first_question: str
) -> Questionnaire:
    """A translation as wagtail-localize makes it: same translation key and block ids."""
    copy = row.copy_for_translation(Locale.objects.get(language_code=language))
    copy.title = title
    data = copy.questions.raw_data
    data[0]["value"]["question"] = first_question
    copy.questions = data
    copy.save()
    copy.refresh_from_db()
    return copy


def completed(course, user, *, at=NOW - dt.timedelta(days=1), organisation=None) -> Enrolment:
    return Enrolment.objects.create(
        user=user,
        course_key=course.translation_key,
        course_page=course,
        enrolled_at=at - dt.timedelta(days=10),
        last_activity_at=at,
        status=Enrolment.Status.COMPLETED,
        completed_at=at,
        organisation=organisation,
    )


def block_ids(row: Questionnaire) -> list[str]:
    return [block.id for block in row.questions]
