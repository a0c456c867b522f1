"""verify_credential: a genuine badge is valid; a changed one, one signed by another key,
a revoked or corrected one and an expired one each say so, in words. Keys rotate without
invalidating older badges. The published status list flips the right bit."""

from __future__ import annotations

import base64
import datetime as dt
import json

import jwt
import pytest
from django.core.cache import cache
from django.test import override_settings
from joserfc import jws
from joserfc.jwk import RSAKey

from courses.badges import credentials, keys, status_list
from courses.badges.services import credential_issue
from courses.badges.verification import verify_credential
from courses.services.certificates.corrections import certificate_reissue, certificate_revoke
from tests.courses.badges import helpers
from tests.courses.badges.helpers import NOW

pytestmark = pytest.mark.django_db
certify = helpers.certify  # the fixture

LATER = NOW + dt.timedelta(days=30)


def document(credential) -> str:
    """The .json download: the credential with its JWS as a JWT proof."""
    return json.dumps(
        {**credential.payload, "proof": {"type": "JwtProof2020", "jwt": credential.jws}}
    )


def resigned(token: str, change, key: RSAKey, kid: str | None = None) -> str:
    """The token's payload changed by ``change`` and signed again with ``key``."""
    header = jwt.get_unverified_header(token)
    if kid:
        header["kid"] = kid
    segment = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    change(claims)
    return jws.serialize_compact(header, json.dumps(claims).encode(), key, algorithms=["RS256"])


def test_a_genuine_badge_is_valid_as_a_jws_and_as_json(certify):
    _course, certificate = certify()
    credential = credential_issue(certificate=certificate, now=NOW)

    for given in (credential.jws, document(credential), document(credential).encode()):
        result = verify_credential(given, now=LATER)
        assert result.status == "valid", result.reasons
        assert result.achievement_name == "Social economy for cities"
        assert result.issued_on == certificate.issued_at.date()
        assert result.learner_hint == "Aminata Diarra"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("name",), "Doctorate in everything"),
        (("validFrom",), "2020-01-01T00:00:00Z"),
        (("credentialSubject", "achievement", "name"), "Another course"),
        (("credentialSubject", "achievement", "id"), "https://example.org/other"),
    ],
)
def test_a_changed_json_is_invalid_and_says_what_changed(certify, path, value):
    _course, certificate = certify()
    credential = credential_issue(certificate=certificate, now=NOW)
    changed = json.loads(document(credential))
    target = changed
    for name in path[:-1]:
        target = target[name]
    target[path[-1]] = value

    result = verify_credential(json.dumps(changed), now=LATER)

    assert result.status == "invalid"
    assert ".".join(path) in " ".join(result.reasons)


def test_a_changed_jws_payload_breaks_the_signature(certify):
    _course, certificate = certify()
    token = credential_issue(certificate=certificate, now=NOW).jws
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["achievement"]["name"] = "Another course"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    result = verify_credential(f"{header}.{forged}.{signature}", now=LATER)

    assert result.status == "invalid"
    assert "signature" in result.reasons[0]


def test_a_badge_signed_by_another_key_is_refused(certify):
    _course, certificate = certify()
    token = credential_issue(certificate=certificate, now=NOW).jws
    stranger = RSAKey.generate_key(2048, private=True)

    same_kid = resigned(token, lambda claims: None, stranger)
    own_kid = resigned(
        token, lambda claims: None, stranger, kid=credentials.key_url(stranger.thumbprint())
    )

    assert verify_credential(same_kid, now=LATER).status == "invalid"
    assert verify_credential(own_kid, now=LATER).status == "unknown_issuer"


def test_a_revoked_badge_says_revoked_and_the_status_list_bit_is_set(
    certify, secretariat, django_capture_on_commit_callbacks
):
    _course, certificate = certify()
    credential = credential_issue(certificate=certificate, now=NOW)
    number = status_list.list_number(credential.status_index)
    offset = credential.status_index - number * status_list.LIST_SIZE
    before = status_list.status_list_jws(number, issuer=_issuer(), now=NOW)
    assert not status_list.is_set(_bits(before), offset)

    with django_capture_on_commit_callbacks(execute=True):  # certificate_revoked, after commit
        certificate_revoke(certificate=certificate, by=secretariat, reason="Fraud", now=LATER)

    result = verify_credential(credential.jws, now=LATER)
    assert result.status == "revoked"
    assert result.reasons
    after = status_list.status_list_jws(number, issuer=_issuer(), now=LATER)
    assert status_list.is_set(_bits(after), offset)
    assert sum(bin(byte).count("1") for byte in _bits(after)) == 1


def test_a_corrected_certificate_sets_the_old_bit_and_the_new_badge_is_valid(
    certify, secretariat, django_capture_on_commit_callbacks
):
    _course, certificate = certify()
    old = credential_issue(certificate=certificate, now=NOW)
    cache.delete(status_list.cache_key(0))

    with django_capture_on_commit_callbacks(execute=True):
        corrected = certificate_reissue(
            certificate=certificate, by=secretariat, learner_name="Aminata B. Diarra", now=LATER
        )
    new = credential_issue(certificate=corrected, now=LATER)

    assert verify_credential(old.jws, now=LATER).status == "revoked"
    assert verify_credential(new.jws, now=LATER).status == "valid"
    bits = _bits(status_list.status_list_jws(0, issuer=_issuer(), now=LATER))
    assert status_list.is_set(bits, old.status_index)
    assert not status_list.is_set(bits, new.status_index)


def test_an_expired_badge_says_expired(certify):
    _course, certificate = certify(validity_months=12)
    credential = credential_issue(certificate=certificate, now=NOW)

    assert verify_credential(credential.jws, now=NOW + dt.timedelta(days=364)).status == "valid"
    result = verify_credential(credential.jws, now=NOW + dt.timedelta(days=366))
    assert result.status == "expired"
    assert "2027-03-10" in result.reasons[0]


@pytest.mark.parametrize(
    "given",
    ["", "hello", "a.b", "{not json", '{"name": "no proof"}', "e30.e30.", b"\xff\xfe"],
)
def test_what_is_not_a_badge_is_malformed_with_a_reason(given):
    result = verify_credential(given, now=NOW)

    assert result.status == "malformed" or result.status == "unknown_issuer"
    assert result.reasons


def test_keys_rotate_and_old_badges_still_verify(certify, tmp_path):
    _course, first = certify(title="First course")
    old = credential_issue(certificate=first, now=NOW)
    old_key = keys.ring().signing
    retired = tmp_path / "retired"
    retired.mkdir()
    (retired / "old.pem").write_bytes(
        RSAKey.import_key(old_key.as_dict(private=False)).as_pem(private=False)
    )
    new_key = tmp_path / "new.pem"
    new_key.write_bytes(keys.generate_pem(2048))

    with override_settings(BADGE_SIGNING_KEY_FILE=str(new_key), BADGE_PUBLIC_KEYS_DIR=str(retired)):
        _course, second = certify(title="Second course")
        new = credential_issue(certificate=second, now=NOW)
        status = keys.key_status()
        assert new.key_id != old.key_id == status.retired_kids[0]
        assert status.current_kid == new.key_id and status.source == "file"
        assert verify_credential(old.jws, now=LATER).status == "valid"
        assert verify_credential(new.jws, now=LATER).status == "valid"
        published = {key["kid"] for key in keys.public_jwks()["keys"]}
        assert published == {old.key_id, new.key_id}

    # without the retired key published, the old badge no longer verifies
    with override_settings(BADGE_SIGNING_KEY_FILE=str(new_key), BADGE_PUBLIC_KEYS_DIR=""):
        assert verify_credential(old.jws, now=LATER).status == "unknown_issuer"


def _issuer() -> dict:
    from courses.badges.services import issuer_profile

    return issuer_profile()


def _bits(token: str) -> bytes:
    """The bitstring of a status list credential, read with PyJWT (not our decoder)."""
    claims = jwt.decode(token, options={"verify_signature": False})
    encoded = claims["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    import gzip

    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) * 8 == 131_072
    return raw
