"""What each event says, and to which organisation it belongs.

An event goes only to the endpoints of the organisation its enrolment is attributed to
(``Enrolment.organisation``, the field ``courses.selectors.attribution.attributed_q``
reads for every report, export and the API);
a certificate follows its enrolment (participation certificates, the learner's
organisation when issued). The payload carries what that organisation's coordinator may
see in the admin: the learner's name and e-mail, the course, dates and the certificate.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from courses.models import Certificate, Enrolment
from courses.services.certificates.common import verification_url
from courses.webhooks.models import EventType

# Event ids are derived from what happened, so the same event recorded twice (a repeated
# signal, a replayed message) is one (endpoint, event id) row.
_NAMESPACE = uuid.UUID("4d0b8a52-7c8e-4a55-9d5b-2f7b0c1f9e21")


def event_id_for(*parts) -> str:
    return "msg_" + uuid.uuid5(_NAMESPACE, ":".join(str(part) for part in parts)).hex


@dataclass(frozen=True)
class Event:
    event_type: str
    event_id: str
    organisation_id: int | None
    data: dict


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _learner(user) -> dict | None:
    if user is None:  # the account was deleted
        return None
    return {"id": user.pk, "email": user.email, "full_name": user.full_name}


def enrolment_event(event_type: str, *, enrolment_id: int) -> Event | None:
    """``enrolment.created`` or ``course.completed`` for one enrolment (one or two queries)."""
    enrolment = (
        Enrolment.objects.select_related("user", "course_page", "organisation")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return None
    # The one access rule (attributed_q): the organisation the enrolment counts for.
    organisation_id = enrolment.organisation_id
    if organisation_id is None:  # counts for no organisation: nobody's endpoint gets it
        return None
    # A re-enrolment after withdrawing is a new enrolment.created: its own event id.
    moment = enrolment.enrolled_at if event_type == EventType.ENROLMENT_CREATED else None
    page = enrolment.course_page
    return Event(
        event_type=event_type,
        event_id=event_id_for(event_type, enrolment.pk, _iso(moment) or ""),
        organisation_id=organisation_id,
        data={
            "enrolment": {
                "id": enrolment.pk,
                "status": enrolment.status,
                "source": enrolment.source,
                "enrolled_at": _iso(enrolment.enrolled_at),
                "due_on": _iso(enrolment.due_on),
                "completed_at": _iso(enrolment.completed_at),
                "progress_percent": enrolment.progress_percent,
            },
            "course": {
                "key": str(enrolment.course_key),
                "title": page.title if page else "",
            },
            "learner": _learner(enrolment.user),
            "organisation": {"id": organisation_id, "name": enrolment.organisation.name},
        },
    )


def certificate_event(event_type: str, *, certificate_id: int) -> Event | None:
    """``certificate.issued`` or ``certificate.revoked`` (one or two queries)."""
    certificate = (
        Certificate.objects.select_related("user", "organisation", "supersedes")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or certificate.organisation_id is None:
        return None
    superseded_by = (
        Certificate.objects.filter(supersedes=certificate).values_list("code", flat=True).first()
        if event_type == EventType.CERTIFICATE_REVOKED
        else None
    )
    return Event(
        event_type=event_type,
        event_id=event_id_for(event_type, certificate.pk),
        organisation_id=certificate.organisation_id,
        data={
            "certificate": {
                "id": certificate.pk,
                "code": certificate.code,
                "kind": certificate.kind,
                "title": certificate.title,
                "language": certificate.language,
                "learner_name": certificate.learner_name,
                "completed_on": _iso(certificate.completed_on),
                "issued_at": _iso(certificate.issued_at),
                "revoked_at": _iso(certificate.revoked_at),
                "revoked_reason": certificate.revoked_reason,
                "supersedes": certificate.supersedes.code if certificate.supersedes else None,
                "superseded_by": superseded_by,
                "verification_url": verification_url(certificate.code),
                "enrolment_id": certificate.enrolment_id,
                "course_key": str(certificate.course_key) if certificate.course_key else None,
            },
            "learner": _learner(certificate.user),
            "organisation": {
                "id": certificate.organisation_id,
                "name": certificate.organisation.name,
            },
        },
    )
