"""The learner's actions: enrol, withdraw, complete a module, submit a quiz; the dashboard.

Actions are POST only (CSRF-checked) and call one service each. A refusal is shown
as a page that says what went wrong and how to go on, with a 4xx status, and the
learner's record is left as it was. A GET on an action URL (after logging in, say)
leads back to the page the action belongs to.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from courses.models import CoursePage, Enrolment, ModulePage
from courses.selectors import course_modules
from courses.selectors.dashboard_kept import dashboard_body
from courses.selectors.learning import continue_module_key, learner_enrolment
from courses.services.learning import (
    enrolment_create,
    enrolment_withdraw,
    module_complete,
    quiz_submit,
    refusal_code,
)

# What a refusal's code means for the HTTP status of the page that explains it.
CONFLICT_CODES = {"replayed", "completed", "withdrawn"}
NOT_FOUND_CODES = {"wrong_course", "no_quiz"}
BAD_REQUEST_CODES = {"invalid_answers", "bad_form", "expired", "quiz_required"}


def _course(page_id: int) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live(), pk=page_id)


def _refused(
    request: HttpRequest, error: ValidationError, *, back_url: str, back_label: str
) -> HttpResponse:
    code = refusal_code(error)
    if code in CONFLICT_CODES:
        status = 409
    elif code in NOT_FOUND_CODES:
        status = 404
    elif code in BAD_REQUEST_CODES:
        status = 400
    else:
        status = 403
    return render(
        request,
        "courses/action_refused.html",
        {"reasons": error.messages, "back_url": back_url, "back_label": back_label},
        status=status,
    )


def _back_to_course(course: CoursePage, request: HttpRequest) -> dict:
    return {"back_url": course.get_url(request), "back_label": _("Back to the course")}


@never_cache
@login_required
def enrol(request: HttpRequest, page_id: int) -> HttpResponse:
    course = _course(page_id)
    if request.method != "POST":
        return redirect(course.get_url(request))
    try:
        enrolment = enrolment_create(user=request.user, course=course)
    except ValidationError as error:
        return _refused(request, error, **_back_to_course(course, request))
    if enrolment.status == Enrolment.Status.COMPLETED:
        messages.info(request, _("You have already completed this course."))
    else:
        messages.success(request, _("You are enrolled. Start with the first module."))
    return redirect(course.get_url(request))


@never_cache
@login_required
def withdraw(request: HttpRequest, page_id: int) -> HttpResponse:
    course = _course(page_id)
    if request.method != "POST":
        return redirect(course.get_url(request))
    enrolment = learner_enrolment(user=request.user, course_key=course.translation_key)
    if enrolment is None:
        error = ValidationError(_("You are not enrolled in this course."), code="not_enrolled")
        return _refused(request, error, **_back_to_course(course, request))
    try:
        enrolment_withdraw(enrolment=enrolment)
    except ValidationError as error:
        return _refused(request, error, **_back_to_course(course, request))
    messages.success(
        request,
        _("You have withdrawn from the course. Your progress is kept if you enrol again."),
    )
    return redirect(course.get_url(request))


class Refused(Exception):
    """A learner action that cannot go ahead; carries the page that says why."""

    def __init__(self, response: HttpResponse):
        self.response = response


def _learning(request: HttpRequest, page_id: int, module_id: int):
    """The course, the module and the learner's enrolment in it; raises ``Refused``.

    Whether the module belongs to the enrolment's course (and is live, and the learner
    has not withdrawn) is the services' rule (``wrong_course``, a 404): not checked here.
    """
    course = _course(page_id)
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    enrolment = learner_enrolment(user=request.user, course_key=course.translation_key)
    if enrolment is None:
        error = ValidationError(
            _("You are not enrolled in this course. Enrol on the course page first."),
            code="not_enrolled",
        )
        raise Refused(_refused(request, error, **_back_to_course(course, request)))
    back = {"back_url": module.get_url(request), "back_label": _("Back to the module")}
    return course, module, enrolment, back


@never_cache
@login_required
def complete(request: HttpRequest, page_id: int, module_id: int) -> HttpResponse:
    try:
        _course_page, module, enrolment, back = _learning(request, page_id, module_id)
    except Refused as refused:
        return refused.response
    if request.method != "POST":
        return redirect(module.get_url(request))
    try:
        module_complete(enrolment=enrolment, module=module)
    except ValidationError as error:
        return _refused(request, error, **back)
    enrolment.refresh_from_db()
    if enrolment.status == Enrolment.Status.COMPLETED:
        messages.success(request, _("Module completed. You have completed the course!"))
    else:
        messages.success(request, _("Module completed."))
    return redirect(module.get_url(request))


def _posted_answers(request: HttpRequest) -> dict[str, list[str]]:
    return {
        name.removeprefix("q-"): request.POST.getlist(name)
        for name in request.POST
        if name.startswith("q-")
    }


@never_cache
@login_required
def quiz(request: HttpRequest, page_id: int, module_id: int) -> HttpResponse:
    try:
        _course_page, module, enrolment, back = _learning(request, page_id, module_id)
    except Refused as refused:
        return refused.response
    if request.method != "POST":
        return redirect(module.get_url(request))
    try:
        attempt = quiz_submit(
            enrolment=enrolment,
            module=module,
            answers=_posted_answers(request),
            form_token=request.POST.get("form_token", ""),
        )
    except ValidationError as error:
        return _refused(request, error, **back)
    enrolment.refresh_from_db()
    if attempt.passed:
        messages.success(
            request,
            _("You passed with %(score)s%%. The module is complete.") % {"score": attempt.score},
        )
    else:
        messages.warning(
            request,
            _(
                "You scored %(score)s%%; %(mark)s%% is needed to pass. "
                "Read the feedback and try again."
            )
            % {"score": attempt.score, "mark": attempt.pass_mark},
        )
    if enrolment.status == Enrolment.Status.COMPLETED and attempt.passed:
        messages.success(request, _("You have completed the course!"))
    return HttpResponseRedirect(f"{module.get_url(request)}?attempt={attempt.pk}#quiz-results")


@never_cache
@login_required
def continue_course(request: HttpRequest, page_id: int) -> HttpResponse:
    """Where the learner left off, in the language of the course page they came from."""
    course = _course(page_id)
    enrolment = learner_enrolment(user=request.user, course_key=course.translation_key)
    if enrolment is None or not enrolment.is_current:
        return redirect(course.get_url(request))
    modules = list(course_modules(course=course))  # the syllabus's fields, not the bodies
    done = set(enrolment.module_completions.values_list("module_key", flat=True))
    key = continue_module_key(enrolment, [module.translation_key for module in modules], done)
    target = next((module for module in modules if module.translation_key == key), None)
    return redirect(target.get_url(request) if target else course.get_url(request))


@never_cache
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    body = dashboard_body(request=request)
    return render(request, "courses/dashboard.html", {"dashboard_body": body})
