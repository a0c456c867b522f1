"""The credential beside every certificate: its content (OB 3.0 AchievementCredential,
checked against the shipped JSON Schema), its signature checked by an independent verifier
(PyJWT, not joserfc which signs), and issuing exactly once."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import jsonschema
import jwt
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.badges import credentials, keys
from courses.badges.models import IssuedCredential
from courses.badges.services import credential_issue
from tests.courses.badges import helpers
from tests.courses.badges.helpers import NOW

pytestmark = pytest.mark.django_db
certify = helpers.certify  # the fixture

SPEC = Path(credentials.__file__).parent / "spec"


def schema() -> dict:
    """The shipped OB 3.0 AchievementCredential schema, with the two changes of the VC 2.0
    revision (3.0.3: validFrom instead of issuanceDate; a status entry's own properties,
    e.g. BitstringStatusListEntry's, allowed): spec/README.md."""
    document = json.loads((SPEC / "ob_v3p0_achievementcredential_schema_draft4.json").read_text())
    document["required"] = [
        "validFrom" if name == "issuanceDate" else name for name in document["required"]
    ]
    document["$defs"]["CredentialStatus"]["additionalProperties"] = True
    return document


def independent_decode(token: str) -> dict:
    """PyJWT with the key published in the JWK Set (as an outside verifier would)."""
    header = jwt.get_unverified_header(token)
    kid = header["kid"].rstrip("/").rsplit("/", 1)[-1]
    jwk = next(k for k in keys.public_jwks()["keys"] if k["kid"] == kid)
    public = jwt.PyJWK(jwk).key
    return jwt.decode(
        token,
        public,
        algorithms=["RS256"],
        options={"require": ["iss", "jti", "sub", "nbf"], "verify_aud": False},
        leeway=dt.timedelta(days=36500),  # dates are checked below, against the frozen clock
    )


def test_the_credential_conforms_to_the_open_badges_schema(certify):
    _course, certificate = certify(validity_months=24)

    credential = credential_issue(certificate=certificate, now=NOW)

    jsonschema.validate(credential.payload, schema())
    assert credential.payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential.payload["@context"] == [credentials.VC_CONTEXT, credentials.OB_CONTEXT]


def test_the_schema_check_can_fail(certify):
    _course, certificate = certify()
    payload = credential_issue(certificate=certificate, now=NOW).payload
    del payload["credentialSubject"]["achievement"]["criteria"]

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(payload, schema())


def test_an_independent_verifier_accepts_the_signature_and_the_claims(certify):
    _course, certificate = certify(validity_months=12)
    credential = credential_issue(certificate=certificate, now=NOW)

    header = jwt.get_unverified_header(credential.jws)
    claims = independent_decode(credential.jws)

    assert header == {"alg": "RS256", "kid": credentials.key_url(credential.key_id), "typ": "JWT"}
    payload = credential.payload
    assert claims["iss"] == payload["issuer"]["id"]
    assert claims["jti"] == payload["id"]
    assert claims["sub"] == payload["credentialSubject"]["id"]
    assert claims["nbf"] == int(certificate.issued_at.replace(microsecond=0).timestamp())
    assert claims["exp"] == int(credential.valid_until.replace(microsecond=0).timestamp())
    assert {k: v for k, v in claims.items() if k not in ("iss", "jti", "sub", "nbf", "exp")} == (
        payload
    )


def test_what_the_credential_says(certify):
    course, certificate = certify(validity_months=6)

    payload = credential_issue(certificate=certificate, now=NOW).payload

    achievement = payload["credentialSubject"]["achievement"]
    assert achievement["name"] == "Social economy for cities"
    assert achievement["id"].endswith(f"/badges/achievements/course/{course.translation_key}/")
    assert achievement["criteria"]["narrative"]
    assert payload["validFrom"] == credentials.iso(certificate.issued_at)
    assert payload["validUntil"].startswith("2026-09-10")
    assert payload["issuer"]["type"] == ["Profile"]
    assert payload["id"].endswith(f"/verify/{certificate.display_code}/")
    status = payload["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert status["statusListCredential"].endswith("/badges/status/0/")


def test_the_learner_is_named_by_a_salted_hash_of_their_address_only(certify):
    _course, certificate = certify()

    credential = credential_issue(certificate=certificate, now=NOW)

    [identity] = credential.payload["credentialSubject"]["identifier"]
    expected = hashlib.sha256(("aminata@bamako.example" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    assert identity["hashed"] is True
    assert identity["identityType"] == "emailAddress"
    text = credential.jws + json.dumps(credential.payload)
    assert "bamako.example" not in text.lower()
    assert "Aminata" not in json.dumps(credential.payload)


def test_the_achievement_names_its_language_and_has_one_id_for_all(certify):
    _course, certificate = certify()

    french = credentials.achievement(certificate, page=None, topics=[], badge=None, language="fr")
    english = credentials.achievement(certificate, page=None, topics=[], badge=None, language="en")

    assert french["id"] == english["id"]
    assert (french["inLanguage"], english["inLanguage"]) == ("fr", "en")


def test_issuing_is_idempotent_and_costs_a_bounded_number_of_queries(certify):
    _course, certificate = certify()
    IssuedCredential.objects.all().delete()

    with CaptureQueriesContext(connection) as first_call:
        first = credential_issue(certificate=certificate, now=NOW)
    with CaptureQueriesContext(connection) as second_call:
        again = credential_issue(certificate=certificate, now=NOW + dt.timedelta(days=3))

    assert again.pk == first.pk and again.jws == first.jws
    assert IssuedCredential.objects.count() == 1
    assert len(second_call) == 1
    assert len(first_call) <= 20  # the pages, topics, badge, settings, index, insert


def test_a_new_certificate_gets_its_credential_after_commit(certify):
    _course, certificate = certify()

    assert IssuedCredential.objects.filter(certificate=certificate).exists()


def test_status_indexes_are_distinct(certify):
    indexes = set()
    for n in range(4):
        _course, certificate = certify(title=f"Course {n}")
        indexes.add(credential_issue(certificate=certificate, now=NOW).status_index)
    assert len(indexes) == 4


def test_a_webinar_participation_certificate_gets_its_badge(
    bamako, secretariat, django_capture_on_commit_callbacks
):
    from courses.models import Certificate
    from courses.services.webinars import webinar_attendance_set, webinar_register
    from lms.services import membership_create
    from tests.courses import factories as pages
    from tests.factories import UserFactory

    past = NOW - dt.timedelta(days=1)
    webinar = pages.webinar(
        title="Cooperatives and housing",
        starts_at=past,
        duration_minutes=60,
        participation_certificate=True,
    )
    learner = UserFactory(email="anna@bamako.example")
    membership_create(user=learner, organisation=bamako, confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        registration = webinar_register(
            webinar=webinar, user=learner, now=past - dt.timedelta(days=2)
        )
    with django_capture_on_commit_callbacks(execute=True):
        webinar_attendance_set(
            webinar=webinar, minutes_by_registration={registration.pk: 58}, by=secretariat
        )

    certificate = Certificate.objects.get(kind="participation")
    credential = IssuedCredential.objects.get(certificate=certificate)  # signed after commit
    jsonschema.validate(credential.payload, schema())
    achievement = credential.payload["credentialSubject"]["achievement"]
    assert achievement["name"] == "Cooperatives and housing"
    assert achievement["id"].endswith(f"/badges/achievements/webinar/{webinar.translation_key}/")
    assert independent_decode(credential.jws)["jti"] == credential.payload["id"]
