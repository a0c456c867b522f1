"""Why a decided message no longer makes sense, checked again at send time: the world
moves between deciding and sending (the learner progressed, withdrew or opted out, the
webinar moved, the certificate was revoked, the export was deleted).
"""

from __future__ import annotations

import datetime as dt

from courses.models import Enrolment, NotificationDelivery, WebinarRegistration
from courses.services.notifications.rules import (
    CATEGORY,
    Kind,
    activity_anchor,
    instant_slot,
    local_today,
    opted_out,
)


def skip_reason(delivery: NotificationDelivery, now: dt.datetime) -> str:
    """Why the message no longer makes sense, or "" to send it. Checked again at send time,
    because the world moves between deciding and sending."""
    user = delivery.recipient
    kind = delivery.kind
    if not user.is_active:
        return "account inactive"
    if opted_out(user, kind):
        return f"opted out of {CATEGORY[kind]}"
    if kind in (Kind.IMPACT_SURVEY, Kind.IMPACT_SURVEY_REMINDER):
        from courses.evaluation.notifications import impact_skip_reason

        return impact_skip_reason(delivery, now)
    if kind in (Kind.DISCUSSION_REPLY, Kind.DISCUSSION_MENTION, Kind.DISCUSSION_DIGEST):
        from courses.discussion.notifications import discussion_skip_reason

        return discussion_skip_reason(delivery, now)
    if kind in (Kind.COHORT_DUE, Kind.COHORT_MESSAGE):
        from courses.cohorts.notifications import cohort_skip_reason

        return cohort_skip_reason(delivery, now)
    if delivery.subject_key.startswith("enrolment:"):
        enrolment = delivery.enrolment
        if enrolment is None or enrolment.user_id != user.pk:
            return "enrolment deleted"
        if enrolment.status != Enrolment.Status.ACTIVE:
            return f"enrolment {enrolment.status}"
        if kind == Kind.ENROLMENT_CONFIRMATION and delivery.slot != instant_slot(
            enrolment.enrolled_at
        ):
            return "enrolled again since"
        if kind == Kind.INACTIVITY and not delivery.slot.startswith(
            instant_slot(activity_anchor(enrolment)) + "/"
        ):
            return "learner progressed"
        if kind in (Kind.DEADLINE_7D, Kind.DEADLINE_1D, Kind.OVERDUE):
            if enrolment.due_on is None or enrolment.due_on.isoformat() != delivery.slot:
                return "deadline changed"
            if kind != Kind.OVERDUE and enrolment.due_on < local_today(user, now):
                return "deadline passed"
    if delivery.subject_key.startswith("registration:"):
        registration = delivery.registration
        if registration is None:
            return "registration deleted"
        webinar = registration.webinar
        if kind == Kind.WEBINAR_CANCELLED:
            return (
                ""
                if registration.status != WebinarRegistration.Status.CANCELLED
                else ("registration cancelled")
            )
        if kind == Kind.WEBINAR_CHANGED:
            if registration.status == WebinarRegistration.Status.CANCELLED:
                return "registration cancelled"
            return "changed again since" if str(webinar.sequence) != delivery.slot else ""
        if registration.status != WebinarRegistration.Status.REGISTERED:
            return f"registration {registration.status}"
        if webinar.is_cancelled:
            return "webinar cancelled"
        if kind in (Kind.WEBINAR_24H, Kind.WEBINAR_1H):
            if instant_slot(webinar.starts_at) != delivery.slot:
                return "webinar moved"
            if now >= webinar.starts_at:
                return "webinar started"
    if kind == Kind.CERTIFICATE:
        certificate = delivery.certificate
        if certificate is None or certificate.user_id != user.pk:
            return "certificate deleted"
        if certificate.revoked_at is not None:
            return "certificate revoked"
        if not certificate.pdf:
            return "no PDF"
    if kind == Kind.CERTIFICATE_ARCHIVE:
        archive = archive_of(delivery)
        if archive is None or not archive.file:
            return "archive deleted"
    if kind == Kind.REPORT_EXPORT:
        export = export_of(delivery)
        if export is None or not export.file:
            return "export deleted"
    if kind == Kind.DIGEST:
        from courses.selectors.notifications import digest_for

        digest = digest_for(user=user, now=delivery.due_at)
        if not digest.organisations:
            return "no longer a coordinator"
        if digest.is_empty:
            return "nothing to report this week"
    return ""


def archive_of(delivery: NotificationDelivery):
    from courses.models import CertificateArchive

    pk = delivery.subject_key.partition(":")[2]
    return CertificateArchive.objects.filter(pk=pk).first() if pk.isdigit() else None


def export_of(delivery: NotificationDelivery):
    from courses.models import ReportExport

    pk = delivery.subject_key.partition(":")[2]
    return ReportExport.objects.filter(pk=pk).first() if pk.isdigit() else None
