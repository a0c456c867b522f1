"""Webinar actions for learners (register, cancel), and calendar files.

Actions are POST only (CSRF-checked) and call one service each; a refusal is a page
that says why, with a 4xx status. Calendar files are GET: one public file per
webinar, and a private feed per person at an unguessable address.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from courses.models import CalendarFeed, WebinarPage, WebinarRegistration
from courses.selectors.calendars import calendar_ics, feed_calendar_ics
from courses.selectors.catalogue import publicly_visible
from courses.services.learning import refusal_code
from courses.services.webinars import (
    calendar_feed_reset,
    webinar_cancel_registration,
    webinar_register,
)

CONFLICT_CODES = {"cancelled", "ended"}
CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _webinar(page_id: int) -> WebinarPage:
    return get_object_or_404(publicly_visible(WebinarPage.objects.live()), pk=page_id)


def _refused(request: HttpRequest, error: ValidationError, webinar: WebinarPage) -> HttpResponse:
    status = 409 if refusal_code(error) in CONFLICT_CODES else 403
    return render(
        request,
        "courses/action_refused.html",
        {
            "reasons": error.messages,
            "back_url": webinar.get_url(request),
            "back_label": _("Back to the webinar"),
        },
        status=status,
    )


@never_cache
@login_required
def register(request: HttpRequest, page_id: int) -> HttpResponse:
    webinar = _webinar(page_id)
    if request.method != "POST":
        return redirect(webinar.get_url(request))
    try:
        registration = webinar_register(user=request.user, webinar=webinar)
    except ValidationError as error:
        return _refused(request, error, webinar)
    if registration.status == WebinarRegistration.Status.REGISTERED:
        messages.success(
            request, _("You are registered. The join link appears here shortly before the start.")
        )
    else:
        messages.info(
            request,
            _(
                "The webinar is full: you are on the waitlist. We will e-mail you if a seat "
                "becomes free."
            ),
        )
    return redirect(webinar.get_url(request))


@never_cache
@login_required
def cancel(request: HttpRequest, page_id: int) -> HttpResponse:
    webinar = _webinar(page_id)
    if request.method != "POST":
        return redirect(webinar.get_url(request))
    registration = (
        WebinarRegistration.objects.current().filter(webinar=webinar, user=request.user).first()
    )
    if registration is None:
        error = ValidationError(
            _("You are not registered for this webinar."), code="not_registered"
        )
        return _refused(request, error, webinar)
    try:
        webinar_cancel_registration(registration=registration)
    except ValidationError as error:
        return _refused(request, error, webinar)
    messages.success(request, _("Your registration is cancelled. Your seat goes to someone else."))
    return redirect(webinar.get_url(request))


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def calendar(request: HttpRequest, page_id: int) -> HttpResponse:
    """One webinar as a calendar file, for anyone (no join link in it)."""
    webinar = _webinar(page_id)
    return _calendar_response(
        calendar_ics(webinars=[webinar], language=translation.get_language()),
        f"webinar-{webinar.pk}.ics",
    )


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private feed: every webinar they hold a seat at, with join links when open.

    The token is the credential; a reset one, or a guessed one, is simply not found.
    """
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return _calendar_response(feed_calendar_ics(feed=feed), "gsef-academy-webinars.ics")


@never_cache
@login_required
@require_POST
def calendar_reset(request: HttpRequest) -> HttpResponse:
    """Make (or remake) the person's private calendar address; the old one stops working."""
    existed = CalendarFeed.objects.filter(user=request.user).exists()
    calendar_feed_reset(user=request.user)
    if existed:
        messages.success(
            request,
            _("Your calendar link is new. The old one no longer works: add the new one instead."),
        )
    else:
        messages.success(request, _("Your calendar link is ready. Add it to your calendar app."))
    return redirect(reverse("learn:dashboard") + "#calendar-feed")
