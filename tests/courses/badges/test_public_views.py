"""The public badge addresses: anyone (no login) reads the issuer profile, its keys, the
status lists and the achievements; none of them holds personal data or a private key."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import jwt
import pytest
from django.urls import reverse

from courses.badges.services import credential_issue
from tests.courses.badges import helpers
from tests.courses.badges.helpers import NOW

pytestmark = pytest.mark.django_db
certify = helpers.certify  # the fixture

PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi"}


def _everything(client, certificate) -> str:
    credential = credential_issue(certificate=certificate, now=NOW)
    urls = [
        reverse("badges:issuer"),
        reverse("badges:jwks"),
        reverse("badges:key", args=[credential.key_id]),
        reverse("badges:status_list", args=[0]),
        reverse("badges:status_list", args=[0]) + "?format=json",
    ]
    bodies = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"].startswith("public")
        bodies.append(response.content.decode())
    return "\n".join(bodies)


@pytest.mark.parametrize("who", [None, "bamako_learner", "seoul_coordinator", "secretariat"])
def test_the_public_addresses_answer_everyone_the_same(client, request, certify, who):
    _course, certificate = certify()
    if who:
        client.force_login(request.getfixturevalue(who))

    text = _everything(client, certificate)

    assert "Aminata" not in text
    assert "bamako.example" not in text.lower()
    assert certificate.code not in text


def test_the_keys_are_public_halves_only(client, certify):
    _course, certificate = certify()
    credential = credential_issue(certificate=certificate, now=NOW)

    jwks = client.get(reverse("badges:jwks")).json()
    one = client.get(reverse("badges:key", args=[credential.key_id])).json()

    assert [key["kid"] for key in jwks["keys"]] == [credential.key_id]
    for jwk in [*jwks["keys"], one]:
        assert not PRIVATE_MEMBERS & set(jwk)
        assert jwk["kty"] == "RSA" and jwk["alg"] == "RS256"
    # the JWK a credential's kid names verifies it (PyJWT, as an outside verifier)
    claims = jwt.decode(
        credential.jws,
        jwt.PyJWK(one).key,
        algorithms=["RS256"],
        options={"verify_nbf": False, "verify_exp": False},
    )
    assert claims["jti"] == credential.payload["id"]
    assert client.get(reverse("badges:key", args=["not-a-key"])).status_code == 404


def test_the_issuer_profile_is_what_credentials_name(client, certify):
    _course, certificate = certify()
    credential = credential_issue(certificate=certificate, now=NOW)

    profile = client.get(reverse("badges:issuer"))

    assert profile["Content-Type"] == "application/ld+json"
    data = json.loads(profile.content)
    assert data["id"] == credential.payload["issuer"]["id"]
    assert data["type"] == ["Profile"] and data["name"]


def test_the_status_list_is_signed_and_unknown_lists_are_not_found(client, certify):
    _course, certificate = certify()
    credential_issue(certificate=certificate, now=NOW)

    response = client.get(reverse("badges:status_list", args=[0]))

    assert response["Content-Type"] == "application/vc+jwt"
    header = jwt.get_unverified_header(response.content.decode())
    assert header["alg"] == "RS256"
    jwks = client.get(reverse("badges:jwks")).json()
    claims = jwt.decode(
        response.content.decode(),
        jwt.PyJWK(jwks["keys"][0]).key,
        algorithms=["RS256"],
        options={"verify_nbf": False},
    )
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert claims["credentialSubject"]["statusPurpose"] == "revocation"
    assert client.get(reverse("badges:status_list", args=[7])).status_code == 404


def test_an_achievement_leads_to_its_course(client, certify):
    course, certificate = certify()
    payload = credential_issue(certificate=certificate, now=NOW).payload
    url = urlsplit(payload["credentialSubject"]["achievement"]["id"]).path

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == course.url


def test_writing_to_the_public_addresses_is_refused(client):
    assert client.post(reverse("badges:issuer")).status_code == 405
    assert client.post(reverse("badges:jwks")).status_code == 405
