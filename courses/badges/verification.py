"""Checking a badge someone hands us: ``verify_credential``.

Accepted input (text or bytes; part B's baking.extract() hands us what it found):
- a compact JWS (the VC-JWT of OB 3.0 §8.2), as baked into our PNG and SVG badges;
- a JSON document holding one: our .json download (the credential with
  ``"proof": {"type": "JwtProof2020", "jwt": "<JWS>"}``), a ``proof`` list holding such an
  object, or ``{"jwt"|"jws"|"credential": "<JWS>"}``. When the document also shows the
  credential's content, that content must be what was signed: a name, a date or an
  achievement changed in the JSON makes the badge invalid, and the reasons say which.

The checks, in order: it can be read (else "malformed"); it names a key of ours (else
"unknown_issuer"); the signature holds and the JWT claims match the credential (else
"invalid"); the certificate is not revoked or corrected (else "revoked"); it is within its
validity (else "expired"). Reasons are sentences a person understands, translated.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from joserfc import jws
from joserfc.errors import JoseError

from courses.badges import credentials, keys
from courses.badges.models import IssuedCredential
from courses.badges.personal_data import jws_digest
from courses.permissions import is_superseded

STATUSES = ("valid", "invalid", "revoked", "expired", "unknown_issuer", "malformed")
COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
JWT_CLAIMS = ("iss", "jti", "sub", "nbf", "exp", "iat", "aud")
MAX_INPUT = 512 * 1024


@dataclass
class Verification:
    status: str
    reasons: list[str] = field(default_factory=list)
    credential: dict | None = None
    achievement_name: str = ""
    learner_hint: str = ""
    issued_on: dt.date | None = None

    @property
    def is_valid(self) -> bool:
        return self.status == "valid"


class _Malformed(Exception):
    pass


def decode_segment(segment: str) -> dict:
    raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("not an object")
    return value


def _find_jws(document: dict) -> str | None:
    proofs = document.get("proof")
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        if isinstance(proof, dict) and isinstance(proof.get("jwt"), str):
            return proof["jwt"]
    for name in ("jwt", "jws", "credential"):
        if isinstance(document.get(name), str):
            return document[name]
    return None


def _read(data: str | bytes) -> tuple[str, dict | None]:
    """(compact JWS, the JSON document around it or None)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Malformed(_("The file is not text we can read.")) from error
    text = data.strip()
    if len(text) > MAX_INPUT:
        raise _Malformed(_("The badge is longer than any badge we issue."))
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError as error:
            raise _Malformed(_("The JSON is not well formed: it may have been cut.")) from error
        found = _find_jws(document) if isinstance(document, dict) else None
        if not found:
            raise _Malformed(_("The JSON holds no signature (no JWT proof) to check."))
        return found.strip(), document
    if not COMPACT_JWS.match(text):
        raise _Malformed(_("This is neither a signed badge (JWT) nor a badge's JSON."))
    return text, None


def _credential_of(claims: dict) -> dict:
    if isinstance(claims.get("vc"), dict):  # VC 1.1-style JWTs carry it in "vc"
        return claims["vc"]
    return {name: value for name, value in claims.items() if name not in JWT_CLAIMS}


def _moment(value) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _changed(shown: dict, signed: dict, path: str = "") -> list[str]:
    """The dotted names of what differs between the document and the signed credential."""
    changed = []
    for name in sorted(set(shown) | set(signed)):
        if not path and name == "proof":
            continue
        a, b = shown.get(name), signed.get(name)
        where = f"{path}.{name}" if path else name
        if isinstance(a, dict) and isinstance(b, dict):
            changed += _changed(a, b, where)
        elif a != b:
            changed.append(where)
    return changed


def _claims_agree(claims: dict, credential: dict) -> list[str]:
    """OB 3.0 §8.2.4: iss, jti, sub and nbf (and exp) must match the credential."""
    issuer = credential.get("issuer")
    subject = credential.get("credentialSubject")
    problems = []
    if claims.get("iss") != (issuer.get("id") if isinstance(issuer, dict) else issuer):
        problems.append(_("The signed issuer (iss) is not the credential's issuer."))
    if claims.get("jti") != credential.get("id"):
        problems.append(_("The signed identifier (jti) is not the credential's."))
    if isinstance(subject, dict) and claims.get("sub") != subject.get("id"):
        problems.append(_("The signed learner (sub) is not the credential's."))
    valid_from = _moment(credential.get("validFrom"))
    if valid_from is None or claims.get("nbf") != int(valid_from.timestamp()):
        problems.append(_("The signed start date (nbf) is not the credential's validFrom."))
    valid_until = _moment(credential.get("validUntil"))
    if ("exp" in claims) != (valid_until is not None) or (
        valid_until is not None and claims.get("exp") != int(valid_until.timestamp())
    ):
        problems.append(_("The signed end date (exp) is not the credential's validUntil."))
    return problems


def _describe(result: Verification, credential: dict) -> None:
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    name = achievement.get("name") if isinstance(achievement, dict) else None
    result.achievement_name = name if isinstance(name, str) else ""
    valid_from = _moment(credential.get("validFrom"))
    result.issued_on = valid_from.date() if valid_from else None
    result.credential = credential


def verify_credential(data: str | bytes, *, now: dt.datetime) -> Verification:
    """What a badge is worth, with the reasons in plain words (see the module's doc)."""
    try:
        token, document = _read(data)
        header_segment, payload_segment, _signature = token.split(".")
        header = decode_segment(header_segment)
        claims = decode_segment(payload_segment)
    except _Malformed as error:
        return Verification("malformed", [str(error)])
    except ValueError:
        return Verification("malformed", [_("The signed badge (JWT) is damaged: cannot decode.")])

    result = Verification("valid")
    shown = _credential_of(claims)
    _describe(result, shown)

    kid = str(header.get("kid", "")).rstrip("/").rsplit("/", 1)[-1]
    key = keys.public_key(kid) if kid else None
    if key is None or not str(header.get("kid", "")).startswith(credentials.key_url("-")[:-2]):
        result.status = "unknown_issuer"
        result.reasons = [_("It was not signed with any key of GSEF Academy.")]
        return result
    if header.get("alg") != "RS256":
        result.status = "invalid"
        result.reasons = [_("It is signed with an algorithm we do not use.")]
        return result
    try:
        jws.deserialize_compact(token, key, algorithms=["RS256"])
    except (JoseError, ValueError):
        result.status = "invalid"
        result.reasons = [
            _("The signature does not match: the badge was changed after it was signed.")
        ]
        return result

    problems = _claims_agree(claims, shown)
    if document is not None:
        changed = _changed(document, shown)
        if changed:
            problems.append(
                _("The JSON was changed after it was signed: %(fields)s.")
                % {"fields": ", ".join(changed[:6])}
            )
    issuer = shown.get("issuer")
    if not isinstance(issuer, dict) or issuer.get("id") != credentials.issuer_id():
        problems.append(_("The issuer it names is not GSEF Academy's profile."))
    valid_from = _moment(shown.get("validFrom"))
    if valid_from is not None and valid_from > now:
        problems.append(_("It is not valid yet: it starts on %(date)s.") % {"date": valid_from})
    if problems:
        result.status, result.reasons = "invalid", problems
        return result

    status = shown.get("credentialStatus")
    index = status.get("statusListIndex") if isinstance(status, dict) else None
    issued = None
    if isinstance(index, str) and index.isdigit():
        issued = (
            IssuedCredential.objects.filter(status_index=int(index))
            .select_related("certificate")
            .first()
        )
    if issued is None or issued.jws not in (token, jws_digest(token)):
        result.status = "invalid"
        result.reasons = [_("GSEF Academy has no record of issuing this badge.")]
        return result
    certificate = issued.certificate
    result.learner_hint = certificate.learner_name
    if certificate.revoked_at is not None:
        result.status = "revoked"
        result.reasons = [_("GSEF Academy revoked the certificate this badge stands for.")]
        return result
    if is_superseded(certificate):
        result.status = "revoked"
        result.reasons = [_("The certificate was corrected: this badge was replaced by a new one.")]
        return result
    valid_until = _moment(shown.get("validUntil"))
    if valid_until is not None and valid_until <= now:
        result.status = "expired"
        result.reasons = [_("It expired on %(date)s.") % {"date": valid_until.date()}]
        return result
    result.reasons = [_("Signed by GSEF Academy, not revoked, and within its validity.")]
    return result
