"""Writes: a learner's answers (once per enrolment and purpose), and what deleting an
account does to them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.cohorts.models import CohortMember
from courses.evaluation.blocks import RATING_SCALE
from courses.evaluation.models import Answer, Purpose, Questionnaire, Response
from courses.evaluation.selectors import Applicable
from courses.models import Enrolment, ProgrammeEnrolment
from lms.models import User


def _answer_rows(questionnaire: Questionnaire, answers: dict[str, object]) -> list[Answer]:
    """Answer rows for ``answers`` ({block id: value}), checked against the questions."""
    rows = []
    errors = []
    blocks = {block.id: block for block in questionnaire.questions}
    for number, block in enumerate(questionnaire.questions, start=1):
        value = answers.get(block.id)
        if value in (None, "", []):
            if block.value.get("required"):
                errors.append(_("Question %(number)d needs an answer.") % {"number": number})
            continue
        if block.block_type == "rating":
            if value not in RATING_SCALE:
                errors.append(_("Question %(number)d: choose 1 to 5.") % {"number": number})
                continue
            rows.append(Answer(question_id=block.id, rating=value))
        elif block.block_type == "choice":
            chosen = value if isinstance(value, list) else [value]
            count = len(block.value["options"])
            if any(not isinstance(o, int) or not 0 <= o < count for o in chosen) or (
                len(chosen) > 1 and not block.value["multiple"]
            ):
                errors.append(
                    _("Question %(number)d: choose among its options.") % {"number": number}
                )
                continue
            rows += [Answer(question_id=block.id, option=option) for option in sorted(set(chosen))]
        else:
            rows.append(Answer(question_id=block.id, text=str(value).strip()))
    unknown = set(answers) - set(blocks)
    if unknown:
        errors.append(_("The questionnaire changed while you answered it: please reload it."))
    if errors:
        raise ValidationError(errors, code="invalid_answers")
    return rows


@transaction.atomic
def response_submit(
    *,
    enrolment: Enrolment,
    purpose: str,
    applicable: Applicable,
    answers: dict[str, object],
    now: dt.datetime,
) -> Response:
    """Record the learner's answers for the course and ``purpose``, once.

    Refused (``ValidationError`` with a code) when the course is not completed
    (``not_completed``), when it was already answered (``answered``), or when an answer
    does not fit its question (``invalid_answers``)."""
    if enrolment.status != Enrolment.Status.COMPLETED:
        raise ValidationError(
            _("The questionnaire opens once you have completed the course."), code="not_completed"
        )
    rows = _answer_rows(applicable.shown, answers)
    cohort_id = (
        CohortMember.objects.filter(enrolment=enrolment)
        .order_by("-cohort__starts_on", "-pk")
        .values_list("cohort_id", flat=True)
        .first()
    )
    try:
        with transaction.atomic():
            response = Response.objects.create(
                enrolment=enrolment,
                user_id=enrolment.user_id,
                course_key=enrolment.course_key,
                purpose=purpose,
                questionnaire=applicable.shown,
                questionnaire_key=applicable.key,
                organisation_id=enrolment.organisation_id,
                cohort_id=cohort_id,
                language=applicable.shown.locale.language_code,
                submitted_at=now,
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already answered this questionnaire. Thank you!"), code="answered"
        ) from None
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


@transaction.atomic
def programme_response_submit(
    *,
    programme_enrolment: ProgrammeEnrolment,
    applicable: Applicable,
    answers: dict[str, object],
    now: dt.datetime,
) -> Response:
    """Record the learner's answers to the end-of-programme questionnaire, once.

    The response's ``course_key`` is the programme's key (the results group by it).
    Refused like ``response_submit``: ``not_completed``, ``answered``, ``invalid_answers``."""
    if programme_enrolment.status != ProgrammeEnrolment.Status.COMPLETED:
        raise ValidationError(
            _("The questionnaire opens once you have completed the programme."),
            code="not_completed",
        )
    rows = _answer_rows(applicable.shown, answers)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                programme_enrolment=programme_enrolment,
                user_id=programme_enrolment.user_id,
                course_key=programme_enrolment.programme_key,
                purpose=Purpose.END_OF_COURSE,
                questionnaire=applicable.shown,
                questionnaire_key=applicable.key,
                organisation_id=programme_enrolment.organisation_id,
                language=applicable.shown.locale.language_code,
                submitted_at=now,
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already answered this questionnaire. Thank you!"), code="answered"
        ) from None
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


@transaction.atomic
def responses_erase(*, user: User) -> int:
    """A deleted account's responses: detached from the person, their free text deleted
    (it may name them); ratings and choices keep counting. Returns how many responses."""
    responses = Response.objects.filter(user=user)
    Answer.objects.filter(response__in=responses).exclude(text="").delete()
    return responses.update(user=None)
