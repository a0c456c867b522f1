"""The learner's questionnaires: the end-of-course one (logged in, once the course is
completed) and the follow-up impact survey (from the e-mail's one-click link, logged in
or not: the signed token is the credential). Thin: find the enrolment, build the form,
call ``response_submit``; a refusal is a page that says why, with a 4xx status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from courses.evaluation.forms import QuestionnaireForm
from courses.evaluation.models import Purpose
from courses.evaluation.notifications import survey_token_read
from courses.evaluation.selectors import (
    Applicable,
    programme_questionnaire_for,
    questionnaire_for,
    response_of,
)
from courses.evaluation.services import programme_response_submit, response_submit
from courses.models import CoursePage, Enrolment, ProgrammeEnrolment, ProgrammePage
from courses.selectors.learning import learner_enrolment
from courses.selectors.programmes import learner_programme_enrolment

STATUS = {"not_completed": 403, "answered": 409, "invalid_answers": 400}
TEMPLATE = "courses/evaluation/form.html"


def _refused(request, reasons, *, status: int, back_url: str, back_label: str) -> HttpResponse:
    return render(
        request,
        "courses/action_refused.html",
        {"reasons": reasons, "back_url": back_url, "back_label": back_label},
        status=status,
    )


def _course_title(enrolment: Enrolment, language: str) -> str:
    """The course's title in ``language`` when translated, else the original's."""
    pages = list(
        CoursePage.objects.filter(translation_key=enrolment.course_key)
        .select_related("locale")
        .order_by("pk")
    )
    page = next((p for p in pages if p.locale.language_code == language), None)
    page = page or (pages[0] if pages else None)
    return page.title if page else ""


def _answer(
    request: HttpRequest,
    *,
    enrolment: Enrolment,
    purpose: str,
    applicable: Applicable,
    course_title: str,
    back_url: str,
    done_url: str,
) -> HttpResponse:
    """The form (GET), or the answers recorded (POST, then ``done_url``)."""
    back = {"back_url": back_url, "back_label": _("Back")}
    existing = response_of(enrolment=enrolment, purpose=purpose)
    context = {
        "questionnaire": applicable.shown,
        "purpose": purpose,
        "course_title": course_title,
        "back_url": back_url,
    }
    if existing is not None:
        if request.method == "POST":
            return _refused(
                request,
                [_("You have already answered this questionnaire. Thank you!")],
                status=409,
                **back,
            )
        return render(request, "courses/evaluation/thanks.html", {**context, "response": existing})
    if enrolment.status != Enrolment.Status.COMPLETED:  # withdrawn or enrolled again since
        return _refused(
            request,
            [_("The questionnaire opens once you have completed the course.")],
            status=403,
            **back,
        )
    form = QuestionnaireForm(
        request.POST if request.method == "POST" else None, questionnaire=applicable.shown
    )
    if request.method == "POST" and form.is_valid():
        try:
            response_submit(
                enrolment=enrolment,
                purpose=purpose,
                applicable=applicable,
                answers=form.answers(),
                now=timezone.now(),
            )
        except ValidationError as error:
            code = error.error_list[0].code if error.error_list else ""
            return _refused(request, error.messages, status=STATUS.get(code, 400), **back)
        messages.success(request, _("Thank you: your answers are recorded."))
        return redirect(done_url)
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATE, {**context, "form": form}, status=status)


@never_cache
@login_required
def course_questionnaire(request: HttpRequest, page_id: int) -> HttpResponse:
    """ "Tell us how the course went": the end-of-course questionnaire of a completed course."""
    course = get_object_or_404(CoursePage.objects.live(), pk=page_id)
    back_url = course.get_url(request)
    enrolment = learner_enrolment(user=request.user, course_key=course.translation_key)
    if enrolment is None or enrolment.status != Enrolment.Status.COMPLETED:
        return _refused(
            request,
            [_("The questionnaire opens once you have completed the course.")],
            status=403,
            back_url=back_url,
            back_label=_("Back to the course"),
        )
    applicable = questionnaire_for(
        course_key=course.translation_key,
        purpose=Purpose.END_OF_COURSE,
        language=translation.get_language(),
    )
    if applicable is None:
        raise Http404
    return _answer(
        request,
        enrolment=enrolment,
        purpose=Purpose.END_OF_COURSE,
        applicable=applicable,
        course_title=course.title,
        back_url=back_url,
        done_url=back_url,
    )


@never_cache
@login_required
def programme_questionnaire(request: HttpRequest, page_id: int) -> HttpResponse:
    """The end-of-programme questionnaire of a completed programme, answered once."""
    programme = get_object_or_404(ProgrammePage.objects.live(), pk=page_id)
    back_url = programme.get_url(request)
    back = {"back_url": back_url, "back_label": _("Back to the programme")}
    enrolment = learner_programme_enrolment(
        user=request.user, programme_key=programme.translation_key
    )
    if enrolment is None or enrolment.status != ProgrammeEnrolment.Status.COMPLETED:
        return _refused(
            request,
            [_("The questionnaire opens once you have completed the programme.")],
            status=403,
            **back,
        )
    applicable = programme_questionnaire_for(
        programme_key=programme.translation_key, language=translation.get_language()
    )
    if applicable is None:
        raise Http404
    context = {
        "questionnaire": applicable.shown,
        "purpose": Purpose.END_OF_COURSE,
        "course_title": programme.title,
        "back_url": back_url,
    }
    existing = enrolment.evaluation_responses.filter(purpose=Purpose.END_OF_COURSE).first()
    if existing is not None:
        if request.method == "POST":
            return _refused(
                request,
                [_("You have already answered this questionnaire. Thank you!")],
                status=409,
                **back,
            )
        return render(request, "courses/evaluation/thanks.html", {**context, "response": existing})
    form = QuestionnaireForm(
        request.POST if request.method == "POST" else None, questionnaire=applicable.shown
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme_response_submit(
                programme_enrolment=enrolment,
                applicable=applicable,
                answers=form.answers(),
                now=timezone.now(),
            )
        except ValidationError as error:
            code = error.error_list[0].code if error.error_list else ""
            return _refused(request, error.messages, status=STATUS.get(code, 400), **back)
        messages.success(request, _("Thank you: your answers are recorded."))
        return redirect(back_url)
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATE, {**context, "form": form}, status=status)


@never_cache
def survey_link(request: HttpRequest, token: str) -> HttpResponse:
    """The impact survey from the e-mail: the token names the enrolment (no log-in needed),
    expires, and answers once."""
    found = survey_token_read(token, now=timezone.now())
    if found is None:
        return render(request, "courses/evaluation/link_invalid.html", status=404)
    enrolment, purpose = found
    if request.user.is_authenticated and request.user.pk != enrolment.user_id:
        # Someone else's link in a logged-in browser: answer as its owner, not as them.
        return render(request, "courses/evaluation/link_invalid.html", status=403)
    applicable = questionnaire_for(
        course_key=enrolment.course_key, purpose=purpose, language=translation.get_language()
    )
    if applicable is None:
        return render(request, "courses/evaluation/link_invalid.html", status=404)
    here = reverse("evaluation:survey_link", args=[token])
    return _answer(
        request,
        enrolment=enrolment,
        purpose=purpose,
        applicable=applicable,
        course_title=_course_title(enrolment, translation.get_language()),
        back_url=reverse("learn:dashboard") if request.user.is_authenticated else here,
        done_url=here,
    )
