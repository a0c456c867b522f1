"""A cohort's page for its members (schedule, live sessions) and joining a cohort.

The page is for the cohort's members and for whoever may follow it (its facilitators,
the Secretariat); anybody else gets 404, as for another person's records.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.cohorts.models import Cohort, CohortMember
from courses.cohorts.permissions import cohort_policy
from courses.cohorts.selectors import (
    cohort_course_page,
    cohort_programme_page,
    cohort_schedule,
    cohort_webinars,
    member_schedule,
)
from courses.cohorts.services import cohort_enrol
from courses.selectors.webinar_times import times_for_user


@login_required
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort, pk=pk)
    now = timezone.now()
    member = CohortMember.objects.filter(cohort=cohort, user=request.user).first()
    if member is None and not cohort_policy.user_has_permission_for_instance(
        request.user, "follow", cohort
    ):
        raise Http404
    if member is not None:
        member.cohort = cohort
        schedule = member_schedule(member=member, now=now)
    else:
        schedule = cohort_schedule(cohort=cohort, now=now)
    webinars = cohort_webinars(cohort=cohort)
    for webinar in webinars:
        webinar.times = times_for_user(webinar, request.user)
        webinar.has_ended_now = webinar.ends_at <= now
    return render(
        request,
        "courses/cohorts/cohort.html",
        {
            "cohort": cohort,
            "member": member,
            "course": cohort_course_page(cohort=cohort),
            "programme": cohort_programme_page(cohort=cohort),
            "schedule": schedule,
            "webinars": webinars,
            "facilitators": list(cohort.facilitators.all()),
        },
    )


@login_required
@require_POST
def cohort_join(request: HttpRequest, pk: int) -> HttpResponse:
    """Join a cohort oneself; a refusal comes back to the course's (or the programme's)
    page with its reason."""
    cohort = get_object_or_404(Cohort, pk=pk)
    try:
        cohort_enrol(cohort=cohort, user=request.user, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if cohort.programme_key is not None:
            page = cohort_programme_page(cohort=cohort)
        else:
            page = cohort_course_page(cohort=cohort)
        url = page.get_url(request) if page is not None else None
        return redirect(url or "learn:dashboard")
    messages.success(request, _("You have joined “%(name)s”.") % {"name": cohort.name})
    return redirect("cohorts:detail", pk=cohort.pk)
