"""The access matrix: every endpoint by (own token, another organisation's token, read
token writing, revoked, expired, none) gets the right status, as problem+json."""

from __future__ import annotations

import pytest
from django.utils import timezone

from courses.api.models import ApiToken
from courses.services.learning import enrolment_create
from tests.api.conftest import ApiClient, make_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(bamako, bamako_learner, bamako_coordinator, course, django_capture_on_commit_callbacks):
    """A Bamako enrolment completed with a certificate, and the addresses to call."""
    from courses.services.learning import module_complete

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=bamako_learner, course=course)
        module_complete(enrolment=enrolment, module=course.get_children().specific().first())
    certificate = enrolment.certificates.get()
    return {
        "enrolment": enrolment,
        "certificate": certificate,
        "course": course,
        "learner": bamako_learner,
    }


def _reads(world) -> list[str]:
    code = world["certificate"].code
    return [
        "/api/v1/courses",
        f"/api/v1/courses/{world['course'].translation_key}",
        "/api/v1/members",
        "/api/v1/enrolments",
        f"/api/v1/enrolments/{world['enrolment'].pk}",
        "/api/v1/completions",
        "/api/v1/certificates",
        f"/api/v1/certificates/{code}",
        f"/api/v1/certificates/{code}/pdf",
        "/api/v1/webinar-registrations",
    ]


def _writes(world) -> list[tuple[str, dict]]:
    return [
        (
            "/api/v1/enrolments",
            {
                "learner_email": world["learner"].email,
                "course_key": str(world["course"].translation_key),
            },
        ),
        (f"/api/v1/enrolments/{world['enrolment'].pk}/withdraw", {}),
        ("/api/v1/members/invitations", {"email": "new.person@example.org", "full_name": "N P"}),
    ]


def _is_problem(response, status: int) -> None:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://") and body["title"] and body["detail"]
    assert "Access-Control-Allow-Origin" not in response


# Objects of one organisation are invisible to another: lists are empty, one row is 404.
SCOPED_ONE = ("/enrolments/", "/certificates/")


def test_own_token_reads_everything(world, read_token):
    api = ApiClient(read_token)
    for path in _reads(world):
        response = api.get(path)
        assert response.status_code == 200, (path, response.content[:300])
        assert "Access-Control-Allow-Origin" not in response


def test_lists_show_the_organisations_own_rows(world, read_token):
    api = ApiClient(read_token)
    assert [e["id"] for e in api.get("/api/v1/enrolments").json()["items"]] == [
        world["enrolment"].pk
    ]
    assert len(api.get("/api/v1/certificates").json()["items"]) == 1


def test_another_organisations_token_sees_none_of_bamakos_rows(world, seoul_token):
    api = ApiClient(seoul_token)
    for path in _reads(world):
        response = api.get(path)
        if any(part in path for part in SCOPED_ONE):
            _is_problem(response, 404)
        else:
            assert response.status_code == 200, path
            if path.endswith(("enrolments", "completions", "certificates", "registrations")):
                assert response.json()["items"] == [], path
    members = api.get("/api/v1/members").json()["items"]
    assert world["learner"].email not in {m["person"]["email"] for m in members}


def test_another_organisations_token_cannot_enrol_withdraw_or_touch_bamakos_people(
    world, seoul_token
):
    api = ApiClient(seoul_token)
    enrol, withdraw, _invite = _writes(world)
    _is_problem(api.post(*enrol), 422)  # not a Seoul member
    _is_problem(api.post(*withdraw), 404)
    world["enrolment"].refresh_from_db()
    assert world["enrolment"].status == "completed"


def test_read_token_cannot_write(world, read_token):
    api = ApiClient(read_token)
    for path, body in _writes(world):
        response = api.post(path, body)
        _is_problem(response, 403)
        assert "read" in response.json()["detail"]


@pytest.mark.parametrize("kind", ["revoked", "expired", "none", "garbage", "wrong secret"])
def test_unusable_tokens_are_refused_everywhere(world, kind, bamako, bamako_coordinator):
    token = {
        "revoked": lambda: make_token(bamako, bamako_coordinator, revoked_at=timezone.now()),
        "expired": lambda: make_token(bamako, bamako_coordinator, expires_at=timezone.now()),
        "none": lambda: None,
        "garbage": lambda: "not-a-token",
        "wrong secret": lambda: make_token(bamako, bamako_coordinator)[:-4] + "AAAA",
    }[kind]()
    api = ApiClient(token)
    for path in _reads(world):
        response = api.get(path)
        _is_problem(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")
    for path, body in _writes(world):
        _is_problem(api.post(path, body), 401)


def test_revoked_and_expired_tokens_say_so(
    bamako, bamako_coordinator, revoked_token, expired_token
):
    assert "revoked" in ApiClient(revoked_token).get("/api/v1/courses").json()["detail"]
    assert "expired" in ApiClient(expired_token).get("/api/v1/courses").json()["detail"]


def test_a_token_whose_creator_no_longer_coordinates_cannot_write(
    world, bamako, bamako_coordinator, enrol_token
):
    from lms.services.memberships import membership_end

    membership = bamako_coordinator.memberships.get(organisation=bamako)
    membership_end(membership=membership, by=None)
    response = ApiClient(enrol_token).post(*_writes(world)[0])
    _is_problem(response, 403)
    assert "no longer manages" in response.json()["detail"]


def test_a_token_for_a_deactivated_organisation_is_refused(world, bamako, read_token):
    bamako.is_active = False
    bamako.save()
    _is_problem(ApiClient(read_token).get("/api/v1/courses"), 401)


def test_secretariat_created_token_reads_only_its_organisation(world, seoul, secretariat):
    token = make_token(seoul, secretariat, scope="read")
    assert ApiClient(token).get("/api/v1/enrolments").json()["items"] == []


def test_last_use_is_recorded(read_token):
    ApiClient(read_token).get("/api/v1/courses")
    assert ApiToken.objects.get(scope="read").last_used_at is not None


def test_invitation_keeps_the_consent_rule(world, api, bamako):
    existing = UserFactory(email="someone@example.org", full_name="Someone Known")
    response = api.post("/api/v1/members/invitations", {"email": existing.email})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["awaiting_answer"] is True and body["account_created"] is False
    assert body["member"]["status"] == "invited"
    assert body["member"]["person"]["full_name"] == ""  # not before they accept
    again = api.post("/api/v1/members/invitations", {"email": existing.email})
    assert again.status_code == 200
    new = api.post(
        "/api/v1/members/invitations", {"email": "brand.new@example.org", "full_name": "B N"}
    )
    assert new.status_code == 201 and new.json()["account_created"] is True
    assert new.json()["member"]["status"] == "active"
