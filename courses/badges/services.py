"""Issuing a certificate's Open Badges 3.0 credential (``credential_issue``) and keeping
the revocation status list current (``credential_status_changed``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import transaction

from courses.badges import credentials, status_list
from courses.badges.models import BadgeIssuerSettings, CourseBadge, IssuedCredential
from courses.models import Certificate, ProgrammePage, WebinarPage
from courses.services.certificates.common import course_versions, version_in


@dataclass
class _Facts:
    page: object
    topics: list
    badge: CourseBadge | None


def _facts(certificate: Certificate) -> _Facts:
    """The course (programme, webinar) page in the certificate's language, its topics, its
    badge (courses only)."""
    if certificate.programme_key:
        pages = list(
            ProgrammePage.objects.live()
            .filter(translation_key=certificate.programme_key)
            .select_related("locale")
            .order_by("pk")
        )
        page = version_in(pages, certificate.language)
        topics = list(page.topics.order_by("name")) if page is not None else []
        return _Facts(page=page, topics=topics, badge=None)
    if certificate.course_key:
        page = version_in(course_versions(certificate.course_key), certificate.language)
        badge = (
            CourseBadge.objects.filter(course_key=certificate.course_key)
            .select_related("image")
            .first()
        )
        topics = list(page.topics.order_by("name")) if page is not None else []
        return _Facts(page=page, topics=topics, badge=badge)
    pages = list(
        WebinarPage.objects.live()
        .filter(translation_key=certificate.webinar_key)
        .select_related("locale")
        .order_by("pk")
    )
    return _Facts(page=version_in(pages, certificate.language), topics=[], badge=None)


def issuer_profile() -> dict:
    return credentials.issuer_profile(BadgeIssuerSettings.load())


def credential_issue(*, certificate: Certificate, now: dt.datetime) -> IssuedCredential:
    """The certificate's signed credential, made and stored the first time it is asked for
    (idempotent: later calls, and concurrent ones, return the stored one; one query then).

    The credential states the certificate as issued (its date, title and hours as printed);
    ``now`` is only the moment the signature is made."""
    existing = IssuedCredential.objects.filter(certificate=certificate).first()
    if existing is not None:
        return existing
    return _issue(certificate=certificate, now=now)


@transaction.atomic
def _issue(*, certificate: Certificate, now: dt.datetime) -> IssuedCredential:
    # One signer per certificate: the row lock makes a concurrent call wait, then find it.
    Certificate.objects.select_for_update().filter(pk=certificate.pk).first()
    existing = IssuedCredential.objects.filter(certificate=certificate).first()
    if existing is not None:
        return existing
    facts = _facts(certificate)
    valid_until = None
    if facts.badge is not None and facts.badge.validity_months:
        valid_until = certificate.issued_at + relativedelta(months=facts.badge.validity_months)
    achievement = credentials.achievement(
        certificate,
        page=facts.page,
        topics=facts.topics,
        badge=facts.badge,
        language=certificate.language,
    )
    issuer = issuer_profile()

    def save(index: int) -> IssuedCredential:
        payload = credentials.credential_json(
            certificate,
            achievement=achievement,
            issuer=issuer,
            status_index=index,
            list_number=status_list.list_number(index),
            valid_until=valid_until,
        )
        kid, jws = credentials.sign(credentials.jwt_claims(payload))
        return IssuedCredential.objects.create(
            certificate=certificate,
            status_index=index,
            key_id=kid,
            jws=jws,
            payload=payload,
            issued_at=now,
            valid_until=valid_until,
        )

    status_list.allocate_index(save)
    return IssuedCredential.objects.get(certificate=certificate)


def credential_status_changed(*, certificate_id: int, now: dt.datetime) -> None:
    """A certificate was revoked or superseded: publish its list again with its bit set.
    Nothing to do for a certificate that never had a credential."""
    index = (
        IssuedCredential.objects.filter(certificate_id=certificate_id)
        .values_list("status_index", flat=True)
        .first()
    )
    if index is not None:
        status_list.status_list_refresh(status_index=index, issuer=issuer_profile(), now=now)
