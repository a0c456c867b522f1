"""A person's evaluation responses in "Download my data", and what deleting the account
does to them (registered with ``lms.personal_data`` in ``EvaluationConfig.ready()``)."""

from __future__ import annotations

from typing import Any

from lms import personal_data
from lms.models import User


def evaluation_export(user: User) -> list[dict[str, Any]]:
    """Every response of ``user`` with its answers, as the learner gave them (two queries)."""
    from courses.evaluation.models import Response
    from courses.evaluation.selectors import subject_titles

    responses = list(
        Response.objects.filter(user=user)
        .select_related("questionnaire")
        .prefetch_related("answers")
        .order_by("submitted_at", "pk")
    )
    titles = subject_titles({response.course_key for response in responses})
    exported = []
    for response in responses:
        questions = {}
        if response.questionnaire is not None:
            questions = {
                block.id: block.value["question"] for block in response.questionnaire.questions
            }
        exported.append(
            {
                "course": titles.get(response.course_key, str(response.course_key)),
                "purpose": response.purpose,
                "questionnaire": response.questionnaire.title if response.questionnaire else None,
                "language": response.language,
                "submitted_at": response.submitted_at.isoformat(),
                "answers": [
                    {
                        "question": questions.get(answer.question_id, answer.question_id),
                        "rating": answer.rating,
                        "option": answer.option,
                        "text": answer.text or None,
                    }
                    for answer in response.answers.all()
                ],
            }
        )
    return exported


def evaluation_erase(user: User) -> None:
    from courses.evaluation.services import responses_erase

    responses_erase(user=user)


def register() -> None:
    personal_data.register_exporter("evaluation", evaluation_export)
    personal_data.register_eraser(evaluation_erase)
