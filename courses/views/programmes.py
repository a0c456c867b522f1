"""The learner's programme actions: join and leave, POST only, one service each.

A refusal is the same page as a course's (``courses/action_refused.html``) with 403;
a GET leads back to the programme page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from courses.models import ProgrammeEnrolment, ProgrammePage
from courses.selectors.programmes import learner_programme_enrolment
from courses.services.programmes import programme_enrol, programme_leave


def _programme(page_id: int) -> ProgrammePage:
    return get_object_or_404(ProgrammePage.objects.live().public(), pk=page_id)


@never_cache
@login_required
def join(request: HttpRequest, page_id: int) -> HttpResponse:
    programme = _programme(page_id)
    if request.method != "POST":
        return redirect(programme.get_url(request))
    try:
        enrolment = programme_enrol(user=request.user, programme=programme, now=timezone.now())
    except ValidationError as error:
        return render(
            request,
            "courses/action_refused.html",
            {
                "reasons": error.messages,
                "back_url": programme.get_url(request),
                "back_label": _("Back to the programme"),
            },
            status=403,
        )
    if enrolment.status == ProgrammeEnrolment.Status.COMPLETED:
        messages.success(request, _("You have completed this programme."))
    else:
        messages.success(
            request, _("You follow this programme. Enrol in its courses in the order shown.")
        )
    return redirect(programme.get_url(request))


@never_cache
@login_required
def leave(request: HttpRequest, page_id: int) -> HttpResponse:
    programme = _programme(page_id)
    if request.method != "POST":
        return redirect(programme.get_url(request))
    enrolment = learner_programme_enrolment(
        user=request.user, programme_key=programme.translation_key
    )
    if enrolment is None:
        raise Http404
    programme_leave(programme_enrolment=enrolment, now=timezone.now())
    messages.info(request, _("You no longer follow this programme. Your courses are kept."))
    return redirect(programme.get_url(request))
