"""A message in the recipient's language, with dates and times in their time zone:
``templates/emails/<kind>_subject.txt``, ``_body.txt`` and ``_body.html``, the
unsubscribe headers, and the attachments (a certificate's PDF, a webinar's calendar).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from courses.dates import long_date, user_time_zone
from courses.models import CoursePage, NotificationDelivery
from courses.services.notifications.recheck import archive_of, export_of
from courses.services.notifications.rules import CATEGORY, Kind, activity_anchor
from courses.services.notifications.tokens import category_label, unsubscribe_token
from lms.urls_absolute import absolute_url, page_absolute_url, public_base_url

TEMPLATE_DIR = "emails"


def _page_url(page) -> str:
    """The page's address on the one public base URL every link in our e-mails uses (the
    unsubscribe link included), not the Site record's host, which may lag behind it."""
    return page_absolute_url(page) or public_base_url()


def _course_in(course_key, language: str, fallback=None) -> CoursePage | None:
    """The live course in ``language`` when there is one, else any live version."""
    pages = list(
        CoursePage.objects.live().filter(translation_key=course_key).select_related("locale")
    )
    for page in pages:
        if page.locale.language_code == language:
            return page
    if fallback is not None and fallback.live:
        return fallback
    return pages[0] if pages else fallback


def _enrolment_context(delivery: NotificationDelivery, language: str) -> dict:
    enrolment = delivery.enrolment
    course = _course_in(enrolment.course_key, language, enrolment.course_page)
    context = {
        "enrolment": enrolment,
        "course": course,
        "course_title": course.title if course else "",
        "course_url": _page_url(course),
        "due_on": enrolment.due_on,
        "due_text": long_date(enrolment.due_on, user_time_zone(delivery.recipient))
        if enrolment.due_on
        else "",
        "progress_percent": enrolment.progress_percent,
    }
    if delivery.kind == Kind.INACTIVITY:
        anchor = activity_anchor(enrolment)
        context["days_inactive"] = max(1, (max(timezone.now(), delivery.due_at) - anchor).days)
    return context


def _webinar_context(delivery: NotificationDelivery) -> dict:
    from courses.selectors.webinar_times import times_for_user

    registration = delivery.registration
    webinar = registration.webinar
    return {
        "registration": registration,
        "webinar": webinar,
        "times": times_for_user(webinar, delivery.recipient),
        "webinar_url": _page_url(webinar),
        "join_url": webinar.join_url if delivery.kind == Kind.WEBINAR_1H else "",
        "recording_url": webinar.recording_url,
    }


def _export_context(delivery: NotificationDelivery) -> dict:
    export = export_of(delivery)
    return {
        "export": export,
        "export_url": absolute_url(reverse("learning:export_download", args=[export.pk])),
        "exports_url": absolute_url(reverse("learning:exports")),
    }


def _certificate_context(delivery: NotificationDelivery) -> dict:
    from courses.services.certificates import code_display, verification_url

    certificate = delivery.certificate
    return {
        "certificate": certificate,
        "certificate_code": code_display(certificate.code),
        "certificate_title": certificate.title,
        "verification_url": verification_url(certificate.code),
        "pdf_url": absolute_url(
            reverse("learn:certificate_pdf", args=[code_display(certificate.code)])
        ),
        "dashboard_url": absolute_url(reverse("learn:dashboard")),
    }


def _archive_context(delivery: NotificationDelivery) -> dict:
    archive = archive_of(delivery)
    return {
        "archive": archive,
        "archive_url": absolute_url(reverse("certificate_archives:download", args=[archive.pk])),
        "archives_url": absolute_url(reverse("certificate_archives:index")),
    }


def _attachments(delivery: NotificationDelivery) -> list[tuple[str, bytes, str]]:
    if delivery.kind == Kind.CERTIFICATE:
        from courses.services.certificates import code_display

        certificate = delivery.certificate
        with certificate.pdf.open("rb") as handle:
            data = handle.read()
        name = f"certificate-{code_display(certificate.code)}.pdf"
        return [(name, data, "application/pdf")]
    if delivery.kind not in (
        Kind.WEBINAR_REGISTERED,
        Kind.WEBINAR_PROMOTED,
        Kind.WEBINAR_CHANGED,
        Kind.WEBINAR_CANCELLED,
    ):
        return []
    from courses.selectors.calendars import calendar_ics

    webinar = delivery.registration.webinar
    language = delivery.recipient.preferred_language or settings.LANGUAGE_CODE
    data = calendar_ics(webinars=[webinar], language=language)
    return [("webinar.ics", data, "text/calendar; method=PUBLISH; charset=utf-8")]


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    headers: dict[str, str]
    attachments: list[tuple[str, bytes, str]]
    language: str


def notification_render(delivery: NotificationDelivery) -> Rendered:
    """The message in the recipient's language, with dates and times in their time zone:
    ``templates/emails/<kind>_subject.txt``, ``_body.txt`` and ``_body.html``."""
    from courses.selectors.notifications import digest_for

    user = delivery.recipient
    language = user.preferred_language or settings.LANGUAGE_CODE
    category = CATEGORY.get(delivery.kind)
    with translation.override(language), timezone.override(user_time_zone(user)):
        context = {"user": user, "delivery": delivery}
        if delivery.enrolment_id:
            context.update(_enrolment_context(delivery, language))
        if delivery.registration_id:
            context.update(_webinar_context(delivery))
        if delivery.kind == Kind.DIGEST:
            context["digest"] = digest_for(user=user, now=delivery.due_at)
            context["admin_url"] = absolute_url(reverse("wagtailadmin_home"))
        if delivery.kind == Kind.CERTIFICATE:
            context.update(_certificate_context(delivery))
        if delivery.kind == Kind.CERTIFICATE_ARCHIVE:
            context.update(_archive_context(delivery))
        if delivery.kind == Kind.REPORT_EXPORT:
            context.update(_export_context(delivery))
        if delivery.kind in (Kind.IMPACT_SURVEY, Kind.IMPACT_SURVEY_REMINDER):
            from courses.evaluation.notifications import impact_survey_context

            context.update(impact_survey_context(delivery))
        if delivery.kind in (
            Kind.DISCUSSION_REPLY,
            Kind.DISCUSSION_MENTION,
            Kind.DISCUSSION_DIGEST,
        ):
            from courses.discussion.notifications import discussion_context

            context.update(discussion_context(delivery, language))
        if delivery.kind in (Kind.COHORT_DUE, Kind.COHORT_MESSAGE):
            from courses.cohorts.notifications import cohort_context

            context.update(cohort_context(delivery, language))
        headers = {"Auto-Submitted": "auto-generated"}
        if category:
            url = absolute_url(
                reverse("learn:unsubscribe", args=[unsubscribe_token(user=user, category=category)])
            )
            context["unsubscribe_url"] = url
            context["category_label"] = category_label(category)
            headers["List-Unsubscribe"] = f"<{url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        name = f"{TEMPLATE_DIR}/{delivery.kind}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        text = render_to_string(f"{name}_body.txt", context).strip() + "\n"
        footer = render_to_string(f"{TEMPLATE_DIR}/notification_footer.txt", context)
        html = render_to_string(f"{name}_body.html", context)
    return Rendered(
        subject=subject,
        text=text + footer,
        html=html,
        headers=headers,
        attachments=_attachments(delivery),
        language=language,
    )
