"""A learner's badges are in their data export; deleting the account removes their
salted e-mail hash from what we keep, and the badge they hold still verifies."""

from __future__ import annotations

import pytest

from courses.badges.models import IssuedCredential
from courses.badges.services import credential_issue
from courses.badges.verification import verify_credential
from lms.personal_data import user_export
from lms.services.accounts import user_erase
from tests.courses.badges import helpers
from tests.courses.badges.helpers import NOW

pytestmark = pytest.mark.django_db
certify = helpers.certify  # the fixture


def test_the_export_holds_the_learners_badges_only(certify):
    _course, certificate = certify()
    credential = credential_issue(certificate=certificate, now=NOW)
    _other_course, other = certify(title="Another course")
    credential_issue(certificate=other, now=NOW)

    exported = user_export(user=certificate.user)["badges"]

    assert [row["credential"] for row in exported] == [credential.jws]
    assert exported[0]["certificate_code"] == certificate.display_code


def test_erasing_the_account_scrubs_the_hash_and_the_badge_still_verifies(certify):
    _course, certificate = certify()
    token = credential_issue(certificate=certificate, now=NOW).jws
    _other_course, other = certify(title="Another course")
    kept = credential_issue(certificate=other, now=NOW)

    user_erase(user=certificate.user)

    stored = IssuedCredential.objects.get(certificate=certificate)
    assert stored.jws.startswith("sha256:") and token not in stored.jws
    assert "identifier" not in stored.payload["credentialSubject"]
    result = verify_credential(token, now=NOW)
    assert result.status == "valid", result.reasons
    assert result.learner_hint == ""
    # someone else's badge is untouched
    kept.refresh_from_db()
    assert "identifier" in kept.payload["credentialSubject"]
    assert not kept.jws.startswith("sha256:")
