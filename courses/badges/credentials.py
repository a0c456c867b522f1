"""What a certificate's Open Badges 3.0 credential says, and its signature (VC-JWT).

The credential is an ``OpenBadgeCredential`` (VC 2.0 + OB 3.0 contexts, shipped in
courses/badges/spec/); the proof is OB 3.0 §8.2's JSON Web Token Proof Format: a compact
JWS whose payload is the credential itself plus ``iss`` (issuer.id), ``jti`` (id), ``sub``
(credentialSubject.id), ``nbf`` (validFrom) and ``exp`` (validUntil, when there is one);
header ``alg`` RS256, ``kid`` the URL of the signing key's JWK, ``typ`` JWT. No JSON-LD
processing at run time: the JSON is written as the contexts define it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid

from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from joserfc import jws

from courses.badges import keys
from courses.models import Certificate
from courses.services.certificates.common import verification_url
from lms.urls_absolute import absolute_url

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
# The namespace of the credential subjects' identifiers: a name derived from the
# certificate's code, which says nothing about the learner.
SUBJECT_NAMESPACE = uuid.UUID("5b0c6f0e-4d7a-4c52-9a57-0d1f3b1e6a20")


def iso(moment: dt.datetime) -> str:
    """An XML Schema dateTime in UTC, to the second (what the JWT's NumericDates hold)."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_id() -> str:
    return absolute_url(reverse("badges:issuer"))


def key_url(kid: str) -> str:
    """The ``kid`` header: a URL that dereferences to the key's JWK (OB 3.0 §8.2.2)."""
    return absolute_url(reverse("badges:key", args=[kid]))


def status_list_url(list_number: int) -> str:
    return absolute_url(reverse("badges:status_list", args=[list_number]))


def achievement_id(certificate: Certificate) -> str:
    """The same for every language and every learner of a course (or webinar)."""
    if certificate.programme_key:
        return absolute_url(
            reverse("badges:achievement", args=["programme", certificate.programme_key])
        )
    if certificate.course_key:
        return absolute_url(reverse("badges:achievement", args=["course", certificate.course_key]))
    return absolute_url(reverse("badges:achievement", args=["webinar", certificate.webinar_key]))


def issuer_profile(issuer) -> dict:
    """The OB 3.0 Profile of the issuer, from BadgeIssuerSettings (``issuer``)."""
    profile = {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": issuer.name or "GSEF Academy",
        "url": issuer.url or absolute_url("/"),
    }
    if issuer.email:
        profile["email"] = issuer.email
    if issuer.description:
        profile["description"] = issuer.description
    if issuer.image_id:
        rendition = issuer.image.get_rendition("fill-400x400|format-png")
        profile["image"] = {"id": absolute_url(rendition.url), "type": "Image"}
    return profile


def hashed_email(email: str, salt: str) -> dict:
    """OB 3.0 IdentityObject: "sha256$" + hex SHA-256 of the address and the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def achievement(certificate: Certificate, *, page, topics, badge, language: str) -> dict:
    """The OB 3.0 Achievement, in ``language`` (the certificate's, i.e. the learner's)."""
    with translation.override(language):
        if certificate.kind == Certificate.Kind.COMPLETION:
            narrative = _("Completed every module of the course “%(title)s” on GSEF Academy.")
            kind = "Course"
        elif certificate.kind == Certificate.Kind.PROGRAMME:
            narrative = _("Completed the programme “%(title)s” on GSEF Academy.")
            if certificate.courses:
                narrative += " " + _("Courses: %(courses)s.") % {
                    "courses": "; ".join(row["title"] for row in certificate.courses)
                }
            kind = "LearningProgram"
        else:
            narrative = _("Attended the live webinar “%(title)s” on GSEF Academy.")
            kind = "Badge"
        narrative %= {"title": certificate.title}
    description = ""
    if page is not None:
        description = getattr(page, "summary", "") or strip_tags(getattr(page, "description", ""))
    item = {
        "id": achievement_id(certificate),
        "type": ["Achievement"],
        "achievementType": kind,
        "name": certificate.title,
        "description": description.strip() or narrative,
        "criteria": {"id": page_url(page) or achievement_id(certificate), "narrative": narrative},
        "inLanguage": language,
    }
    if certificate.hours:
        item["creditsAvailable"] = float(certificate.hours)
    if topics:
        catalogue = page_url(page.get_parent()) if page is not None else ""
        item["alignment"] = [
            {
                "type": ["Alignment"],
                "targetName": topic.name,
                "targetUrl": f"{catalogue or absolute_url('/')}?topic={topic.slug}",
                "targetCode": topic.slug,
                "targetType": "ext:Topic",
            }
            for topic in topics
        ]
    if badge is not None and badge.image_id:
        rendition = badge.image.get_rendition("fill-512x512|format-png")
        item["image"] = {"id": absolute_url(rendition.url), "type": "Image"}
    return item


def page_url(page) -> str:
    if page is None:
        return ""
    url = page.get_url()
    return absolute_url(url) if url else ""


def credential_json(
    certificate: Certificate,
    *,
    achievement: dict,
    issuer: dict,
    status_index: int,
    list_number: int,
    valid_until: dt.datetime | None,
) -> dict:
    subject = {
        "id": f"urn:uuid:{uuid.uuid5(SUBJECT_NAMESPACE, certificate.code)}",
        "type": ["AchievementSubject"],
        "achievement": achievement,
    }
    if certificate.user is not None and certificate.user.email:
        subject["identifier"] = [hashed_email(certificate.user.email, secrets.token_hex(16))]
    list_url = status_list_url(list_number)
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": verification_url(certificate.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.title,
        "issuer": issuer,
        "validFrom": iso(certificate.issued_at),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{list_url}#{status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(status_index),
            "statusListCredential": list_url,
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if valid_until is not None:
        credential["validUntil"] = iso(valid_until)
    return credential


def jwt_claims(credential: dict) -> dict:
    """The JWT payload: the credential with OB 3.0 §8.2.3's registered claims."""
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": _numeric(credential["validFrom"]),
    }
    if credential.get("validUntil"):
        claims["exp"] = _numeric(credential["validUntil"])
    return claims


def _numeric(value: str) -> int:
    return int(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


def sign(payload: dict) -> tuple[str, str]:
    """(kid, compact JWS) of ``payload`` signed with the current key."""
    kid, key = keys.signing_key()
    header = {"alg": "RS256", "kid": key_url(kid), "typ": "JWT"}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return kid, jws.serialize_compact(header, body, key, algorithms=["RS256"])
