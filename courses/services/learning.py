"""Every write of a learner's record: enrolment, module completion, quiz attempts, completion.

The rules are in one place each: ``enrolment_refusal`` (selectors) decides who may
enrol, ``enrolment_evaluate`` decides when a course is complete. Every service is
safe to repeat: enrolling twice, completing a module twice or evaluating twice
changes nothing the second time (unique constraints and status checks).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import events
from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage, QuizAttempt
from courses.selectors.learning import (
    course_structure,
    enrolment_refusal,
    learner_organisation_for,
    viewer_today,
)
from courses.tokens import QUIZ_FORM_SALT, quiz_form_token  # noqa: F401 (the service API too)
from lms import roles
from lms.models import Organisation, User
from lms.permissions import membership_policy

# A quiz form stays valid for a day: long enough to read the module, short enough
# that an old copy of the page cannot be replayed much later.
QUIZ_FORM_MAX_AGE = 24 * 3600


def refusal_code(error: ValidationError) -> str:
    """The code of a service's refusal (of its first message when there are several)."""
    code = getattr(error, "code", None)
    if code is None and getattr(error, "error_list", None):
        code = error.error_list[0].code
    return code or ""


# --- enrolment ------------------------------------------------------------------------------


def _due_on(*, course: CoursePage, learner: User, now: dt.datetime) -> dt.date | None:
    """The deadline the course's policy gives someone enrolling ``now``."""
    if course.deadline_policy == CoursePage.DeadlinePolicy.FIXED:
        return course.deadline_date
    if course.deadline_policy == CoursePage.DeadlinePolicy.RELATIVE and course.deadline_days:
        return viewer_today(user=learner, now=now) + dt.timedelta(days=course.deadline_days)
    return None


def _check_enrolled_by(
    *, learner: User, source: str, enrolled_by: User | None
) -> Organisation | None:
    """Who may enrol someone else: the secretariat, or a coordinator of the learner's organisation.

    Returns the organisation the coordinator enrols them for.
    """
    if source == Enrolment.Source.SELF:
        if enrolled_by is not None and enrolled_by.pk != learner.pk:
            raise ValidationError(_("Only the learner can enrol themselves."), code="not_allowed")
        return None
    if enrolled_by is None:
        raise ValidationError(_("Say who enrols this learner."), code="not_allowed")
    if roles.is_secretariat(enrolled_by):
        return None
    # The organisations whose members ``enrolled_by`` manages (lms.permissions).
    shared = (
        membership_policy.organisations_user_has_permission_for(enrolled_by, "manage")
        .filter(
            memberships__user=learner,
            memberships__status="active",
        )
        .order_by("pk")
        .first()
    )
    if shared is None:
        raise ValidationError(
            _("%(name)s is not an active member of an organisation you coordinate.")
            % {"name": learner.full_name or learner.email},
            code="not_a_member",
        )
    return shared


@transaction.atomic
def enrolment_create(
    *,
    user: User,
    course: CoursePage,
    source: str = Enrolment.Source.SELF,
    enrolled_by: User | None = None,
    due_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Enrolment:
    """Enrol ``user`` in ``course`` (any language version of it).

    Refuses, with a sentence the learner can act on, when the course is not
    published, its enrolment window is shut, it is reserved to other
    organisations, or (self enrolment) the learner has not confirmed their e-mail.
    Enrolling someone already enrolled returns their enrolment unchanged;
    re-enrolling after withdrawing reactivates the same record, with every module
    already completed, and a deadline computed afresh. ``due_on`` (from a
    coordinator or a spreadsheet) overrides the course's deadline policy.
    """
    now = now or timezone.now()
    course = course.specific
    if source not in Enrolment.Source.values:
        raise ValidationError(_("Unknown enrolment source."), code="invalid")
    coordinator_organisation = _check_enrolled_by(
        learner=user, source=source, enrolled_by=enrolled_by
    )

    existing = (
        Enrolment.objects.select_for_update()
        .filter(user=user, course_key=course.translation_key)
        .first()
    )
    if existing is not None and existing.is_current:
        return existing

    refusal = enrolment_refusal(user=user, course=course, now=now, self_service=source == "self")
    if refusal:
        raise ValidationError(refusal.message, code=refusal.code)

    organisation = coordinator_organisation or learner_organisation_for(user=user, course=course)
    deadline = due_on or _due_on(course=course, learner=user, now=now)

    if existing is not None:  # withdrawn earlier: the same record comes back, progress and all
        existing.status = Enrolment.Status.ACTIVE
        existing.withdrawn_at = None
        existing.source = source
        existing.enrolled_by = enrolled_by
        existing.enrolled_at = now
        existing.due_on = deadline
        existing.course_page = course
        # History never changes organisation silently (courses.services.attribution).
        existing.organisation = existing.organisation or organisation
        existing.save()
        events.send_on_commit(
            events.enrolment_created, Enrolment, enrolment_id=existing.pk, user_id=user.pk
        )
        enrolment_evaluate(enrolment=existing, now=now)
        _confirm(enrolment=existing, now=now)
        return existing

    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                user=user,
                course_key=course.translation_key,
                course_page=course,
                organisation=organisation,
                source=source,
                enrolled_by=enrolled_by,
                enrolled_at=now,
                due_on=deadline,
                last_activity_at=now,
            )
    except IntegrityError:
        # Two requests at once: the other one enrolled them; that is the same outcome.
        return Enrolment.objects.get(user=user, course_key=course.translation_key)
    events.send_on_commit(
        events.enrolment_created, Enrolment, enrolment_id=enrolment.pk, user_id=user.pk
    )
    enrolment_evaluate(enrolment=enrolment, now=now)
    _confirm(enrolment=enrolment, now=now)
    return enrolment


def _confirm(*, enrolment: Enrolment, now: dt.datetime) -> None:
    # At once rather than at the next sweep; the sweep decides the same row (same key)
    # should this message ever be lost.
    from courses.services.notifications import enrolment_confirmation_request

    enrolment_confirmation_request(enrolment=enrolment, now=now)


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, now: dt.datetime | None = None) -> Enrolment:
    """Withdraw from a course in progress. Modules completed so far are kept for a re-join.

    Withdrawing twice does nothing; a completed course cannot be withdrawn from.
    """
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return enrolment
    if enrolment.status == Enrolment.Status.COMPLETED:
        raise ValidationError(
            _("You have completed this course: there is nothing to withdraw from."),
            code="completed",
        )
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = now or timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at"])
    return enrolment


# --- modules and quizzes --------------------------------------------------------------------


def _learning_enrolment(*, enrolment: Enrolment, module: ModulePage) -> Enrolment:
    """The enrolment, locked, after checking the learner may work on ``module`` now."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        raise ValidationError(
            _("You withdrew from this course. Enrol again to continue where you left off."),
            code="withdrawn",
        )
    parent = CoursePage.objects.parent_of(module).only("translation_key").first()
    if parent is None or parent.translation_key != enrolment.course_key or not module.live:
        raise ValidationError(_("This module is not part of your course."), code="wrong_course")
    return enrolment


def _record_activity(*, enrolment: Enrolment, module: ModulePage, now: dt.datetime) -> None:
    enrolment.last_activity_at = now
    enrolment.last_module_key = module.translation_key
    enrolment.save(update_fields=["last_activity_at", "last_module_key"])


def _complete(
    *, enrolment: Enrolment, module: ModulePage, method: str, now: dt.datetime
) -> ModuleCompletion:
    completion, _created = ModuleCompletion.objects.get_or_create(
        enrolment=enrolment,
        module_key=module.translation_key,
        defaults={"module_page": module, "method": method, "completed_at": now},
    )
    return completion


@transaction.atomic
def module_complete(
    *, enrolment: Enrolment, module: ModulePage, now: dt.datetime | None = None
) -> ModuleCompletion:
    """The learner's "Mark as complete" on a module without a quiz. Twice is once."""
    now = now or timezone.now()
    module = module.specific
    enrolment = _learning_enrolment(enrolment=enrolment, module=module)
    if module.quiz is not None:
        raise ValidationError(
            _("This module is completed by passing its quiz."), code="quiz_required"
        )
    completion = _complete(enrolment=enrolment, module=module, method="marked", now=now)
    _record_activity(enrolment=enrolment, module=module, now=now)
    enrolment_evaluate(enrolment=enrolment, now=now)
    return completion


def _form_nonce(*, token: str, enrolment: Enrolment, module: ModulePage) -> str:
    try:
        data = signing.loads(token, salt=QUIZ_FORM_SALT, max_age=QUIZ_FORM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This quiz form is more than a day old. Reload the module and answer again."),
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            _("These answers do not come from this quiz's form. Reload the module."),
            code="bad_form",
        ) from error
    if data.get("e") != enrolment.pk or data.get("m") != str(module.translation_key):
        raise ValidationError(
            _("These answers do not come from this quiz's form. Reload the module."),
            code="bad_form",
        )
    return data["n"]


@dataclass(frozen=True)
class GradedQuiz:
    answers: dict[str, list[str]]
    results: dict[str, bool]
    score: int
    pass_mark: int

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark


def quiz_grade(*, quiz, answers: dict[str, list[str]]) -> GradedQuiz:
    """Grade ``answers`` ({question id: [option ids]}) against a quiz block.

    A question counts as right when the options chosen are exactly its correct
    ones. Every question must be answered with options that belong to it (one
    option for a one-answer question); otherwise nothing is graded.
    """
    questions = {question.id: question.value for question in quiz.value["questions"].bound_blocks}
    errors = []
    unknown = set(answers) - set(questions)
    if unknown:
        errors.append(_("The answers name a question that is not in this quiz."))
    graded_answers: dict[str, list[str]] = {}
    results: dict[str, bool] = {}
    for number, (question_id, question) in enumerate(questions.items(), start=1):
        chosen = answers.get(question_id) or []
        options = {option.id: option.value for option in question["options"].bound_blocks}
        if not chosen:
            errors.append(_("Answer question %(number)s.") % {"number": number})
            continue
        if any(option_id not in options for option_id in chosen):
            errors.append(
                _("Question %(number)s: that answer is not one of its options.")
                % {"number": number}
            )
            continue
        if question["kind"] == "single" and len(set(chosen)) > 1:
            errors.append(_("Question %(number)s: choose only one answer.") % {"number": number})
            continue
        correct = {option_id for option_id, option in options.items() if option["correct"]}
        graded_answers[question_id] = sorted(set(chosen))
        results[question_id] = set(chosen) == correct
    if errors:
        raise ValidationError([ValidationError(error, code="invalid_answers") for error in errors])
    right = sum(results.values())
    score = round(100 * right / len(questions)) if questions else 0
    return GradedQuiz(
        answers=graded_answers, results=results, score=score, pass_mark=quiz.value["pass_mark"]
    )


@transaction.atomic
def quiz_submit(
    *,
    enrolment: Enrolment,
    module: ModulePage,
    answers: dict[str, list[str]],
    form_token: str,
    now: dt.datetime | None = None,
) -> QuizAttempt:
    """Grade and store one attempt at the module's quiz; passing completes the module.

    The best score is the one that counts, so a later, worse attempt never undoes
    a pass. A form submitted twice (a replay, a double click) is refused the second
    time and stores nothing.
    """
    now = now or timezone.now()
    module = module.specific
    enrolment = _learning_enrolment(enrolment=enrolment, module=module)
    quiz = module.quiz
    if quiz is None:
        raise ValidationError(_("This module has no quiz."), code="no_quiz")
    nonce = _form_nonce(token=form_token, enrolment=enrolment, module=module)
    graded = quiz_grade(quiz=quiz, answers=answers)
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                enrolment=enrolment,
                module_key=module.translation_key,
                module_page=module,
                form_nonce=nonce,
                answers=graded.answers,
                results=graded.results,
                score=graded.score,
                pass_mark=graded.pass_mark,
                passed=graded.passed,
                submitted_at=now,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("These answers were already submitted. Your result is shown on the module page."),
            code="replayed",
        ) from error
    if graded.passed:
        _complete(enrolment=enrolment, module=module, method="quiz", now=now)
    _record_activity(enrolment=enrolment, module=module, now=now)
    enrolment_evaluate(enrolment=enrolment, now=now)
    return attempt


# --- completion -----------------------------------------------------------------------------


def webinars_attended(*, enrolment: Enrolment) -> int:
    """How many of the course's webinars the learner attended, in any language.

    A webinar belongs to the course when it is a child of any live version of the
    course; webinars are matched by translation key, so one attended in French counts
    for the course in Spanish, and attending two language versions of the same
    webinar counts once.
    """
    from django.db.models import Q

    from courses.models import WebinarPage, WebinarRegistration

    if enrolment.user_id is None:
        return 0
    versions = list(
        CoursePage.objects.live()
        .filter(translation_key=enrolment.course_key)
        .only("id", "path", "depth")
    )
    if not versions:
        return 0
    under_a_version = Q()
    for version in versions:
        under_a_version |= Q(path__startswith=version.path, depth=version.depth + 1)
    webinar_keys = WebinarPage.objects.filter(under_a_version).values("translation_key")
    return (
        WebinarRegistration.objects.filter(
            user_id=enrolment.user_id, attended=True, webinar__translation_key__in=webinar_keys
        )
        .values("webinar__translation_key")
        .distinct()
        .count()
    )


@transaction.atomic
def enrolment_evaluate(*, enrolment: Enrolment, now: dt.datetime | None = None) -> bool:
    """Recompute the enrolment's progress and decide whether the course is complete.

    The one place the completion rule is applied: every required module completed
    (in any language), the average of the best quiz scores at least the course's
    minimum, and the required number of course webinars attended. When the rule
    first holds, the enrolment is marked complete, exactly once, and
    ``course_completed`` is sent after commit. Returns whether it is complete.
    """
    now = now or timezone.now()
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    structure = course_structure(course_key=enrolment.course_key)
    done = set(
        ModuleCompletion.objects.filter(enrolment=enrolment).values_list("module_key", flat=True)
    )
    required_done = len(structure.required_keys & done)
    required = len(structure.required_keys)
    progress = round(100 * required_done / required) if required else 0

    if enrolment.status == Enrolment.Status.COMPLETED:
        holds = True
    elif enrolment.status == Enrolment.Status.WITHDRAWN or structure.rules is None:
        holds = False
    else:
        rules = structure.rules
        holds = bool(required or structure.quiz_keys or rules.completion_min_webinars)
        if rules.completion_requires_all_modules and required_done < required:
            holds = False
        if rules.completion_min_quiz_score is not None and structure.quiz_keys:
            best = dict(
                QuizAttempt.objects.filter(enrolment=enrolment, module_key__in=structure.quiz_keys)
                .values_list("module_key")
                .annotate(best=Max("score"))
            )
            average = sum(best.get(key, 0) for key in structure.quiz_keys) / len(
                structure.quiz_keys
            )
            if average < rules.completion_min_quiz_score:
                holds = False
        if webinars_attended(enrolment=enrolment) < rules.completion_min_webinars:
            holds = False

    fields = []
    if holds and enrolment.status == Enrolment.Status.ACTIVE:
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.completed_at = now
        progress = 100
        fields += ["status", "completed_at"]
        enrolment_id, user_id = enrolment.pk, enrolment.user_id
        transaction.on_commit(
            lambda: events.course_completed.send(
                sender=Enrolment, enrolment_id=enrolment_id, user_id=user_id
            )
        )
    if enrolment.status == Enrolment.Status.COMPLETED:
        progress = 100
    for name, value in (
        ("progress_percent", progress),
        ("modules_completed", required_done),
        ("modules_required", required),
    ):
        if getattr(enrolment, name) != value:
            setattr(enrolment, name, value)
            fields.append(name)
    if fields:
        enrolment.save(update_fields=fields)
    return enrolment.status == Enrolment.Status.COMPLETED


# --- personal data --------------------------------------------------------------------------


def learner_records_erase(*, user: User, now: dt.datetime | None = None) -> int:
    """Detach a deleted account's learning records from the person, keeping them for statistics.

    Enrolments, completed modules and quiz scores stay, attached to the organisation
    they were made for; nothing in them names the person any more. Returns how
    many enrolments were anonymised.
    """
    now = now or timezone.now()
    return Enrolment.objects.filter(user=user).update(user=None, learner_erased_at=now)
