"""Cursor pages and updated_since, idempotency, problem+json for every kind of refusal,
the rate limit, the body limit, constant query counts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from courses.models import Enrolment
from courses.services.learning import enrolment_create, enrolment_withdraw
from lms.services import membership_create
from tests.api.conftest import ApiClient
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _enrolled(bamako, course, count: int, *, start=START) -> list[Enrolment]:
    enrolments = []
    for number in range(count):
        with time_machine.travel(start + dt.timedelta(minutes=number), tick=False):
            user = UserFactory()
            membership_create(user=user, organisation=bamako, role="learner", confirmed=True)
            enrolments.append(enrolment_create(user=user, course=course))
    return enrolments


@pytest.fixture
def plain_course():
    page = factories.course("Cooperatives 101")
    factories.module(page, "One")
    return page


def _all_pages(api, path, **params) -> tuple[list[int], int]:
    ids, pages, cursor = [], 0, None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        body = api.get(path, query).json()
        ids += [row["id"] for row in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return ids, pages


def test_cursor_pages_walk_every_enrolment_once_in_change_order(api, bamako, plain_course):
    enrolments = _enrolled(bamako, plain_course, 7)
    ids, pages = _all_pages(api, "/api/v1/enrolments", limit=3)
    assert ids == [e.pk for e in enrolments]
    assert pages == 3


def test_updated_since_returns_only_what_changed_including_withdrawals(api, bamako, plain_course):
    enrolments = _enrolled(bamako, plain_course, 5)
    later = START + dt.timedelta(days=2)
    with time_machine.travel(later, tick=False):
        enrolment_withdraw(enrolment=enrolments[1])
    ids, _pages = _all_pages(api, "/api/v1/enrolments", updated_since=later.isoformat())
    assert ids == [enrolments[1].pk]
    body = api.get("/api/v1/enrolments", {"updated_since": later.isoformat()}).json()
    assert body["items"][0]["status"] == "withdrawn"
    assert body["items"][0]["updated_at"].startswith("2026-03-04T09:00")


def test_a_page_costs_the_same_queries_for_2_or_40_rows(
    api, bamako, plain_course, django_assert_max_num_queries, django_assert_num_queries
):
    _enrolled(bamako, plain_course, 40)
    api.get("/api/v1/courses")  # the token's last use is written once a minute: not measured
    import django.db
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(django.db.connection) as small:
        assert len(api.get("/api/v1/enrolments", {"limit": 2}).json()["items"]) == 2
    with CaptureQueriesContext(django.db.connection) as large:
        assert len(api.get("/api/v1/enrolments", {"limit": 40}).json()["items"]) == 40
    assert len(large) == len(small)
    with django_assert_max_num_queries(len(small)):
        api.get("/api/v1/members", {"limit": 40})


def test_members_and_webinar_lists_are_constant_in_size(api, bamako, plain_course):
    import django.db
    from django.test.utils import CaptureQueriesContext

    _enrolled(bamako, plain_course, 12)
    api.get("/api/v1/courses")  # the token's last use is written once a minute: not measured
    for path in ("/api/v1/members", "/api/v1/webinar-registrations", "/api/v1/certificates"):
        with CaptureQueriesContext(django.db.connection) as small:
            api.get(path, {"limit": 1})
        with CaptureQueriesContext(django.db.connection) as large:
            api.get(path, {"limit": 50})
        assert len(large) == len(small), path


def test_a_cursor_that_is_not_ours_names_the_field(api):
    response = api.get("/api/v1/enrolments", {"cursor": "bm90LWEtY3Vyc29y"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "cursor"


def test_same_key_with_another_body_is_refused_and_changes_nothing(
    api, bamako, bamako_learner, plain_course
):
    other = factories.course("Another")
    key = {"HTTP_IDEMPOTENCY_KEY": "k-1"}
    first = api.post(
        "/api/v1/enrolments",
        {"learner_email": bamako_learner.email, "course_key": str(plain_course.translation_key)},
        **key,
    )
    assert first.status_code == 201
    second = api.post(
        "/api/v1/enrolments",
        {"learner_email": bamako_learner.email, "course_key": str(other.translation_key)},
        **key,
    )
    assert second.status_code == 422
    assert second.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Enrolment.objects.filter(user=bamako_learner).count() == 1


def test_enrolling_again_without_a_key_answers_200_with_the_same_enrolment(
    api, bamako_learner, plain_course
):
    body = {"learner_email": bamako_learner.email, "course_key": str(plain_course.translation_key)}
    first = api.post("/api/v1/enrolments", body)
    again = api.post("/api/v1/enrolments", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]


def test_withdraw_then_a_completed_enrolment_cannot_be_withdrawn(api, bamako_learner, plain_course):
    enrolment = enrolment_create(user=bamako_learner, course=plain_course)
    response = api.post(f"/api/v1/enrolments/{enrolment.pk}/withdraw")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    Enrolment.objects.filter(pk=enrolment.pk).update(status="completed", completed_at=START)
    refused = api.post(f"/api/v1/enrolments/{enrolment.pk}/withdraw")
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"


def test_a_missing_field_is_named(api):
    response = api.post("/api/v1/enrolments", {"course_key": "not-a-uuid"})
    assert response.status_code == 422
    body = response.json()
    assert body["type"].endswith("invalid-request")
    fields = {e["field"] for e in body["errors"]}
    assert {"learner_email", "course_key"} <= fields
    assert all(e["location"] == "body" for e in body["errors"])


def test_an_unknown_course_is_named(api, bamako_learner):
    response = api.post(
        "/api/v1/enrolments",
        {
            "learner_email": bamako_learner.email,
            "course_key": "00000000-0000-0000-0000-000000000000",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "course_key"


def test_wrong_method_unknown_address_and_bad_json_are_problems(api):
    not_allowed = api.client.delete(
        "/api/v1/courses", **{"HTTP_AUTHORIZATION": f"Bearer {api.token}"}
    )
    assert not_allowed.status_code == 405
    assert not_allowed["Content-Type"] == "application/problem+json"
    assert "GET" in not_allowed["Allow"]
    unknown = api.get("/api/v1/no-such-thing")
    assert unknown.status_code == 404
    assert unknown["Content-Type"] == "application/problem+json"
    bad = api.client.post(
        "/api/v1/enrolments",
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api.token}",
    )
    assert bad.status_code in (400, 422)
    assert bad["Content-Type"] == "application/problem+json"


@override_settings(API_MAX_BODY_BYTES=100)
def test_a_body_over_the_limit_is_refused_with_413(api):
    response = api.post(
        "/api/v1/members/invitations", {"email": "a@example.org", "full_name": "x" * 200}
    )
    assert response.status_code == 413
    assert response.json()["type"].endswith("body-too-large")


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_a_token_past_its_limit_gets_429_with_retry_after(api, read_token):
    moment = dt.datetime(2026, 3, 2, 9, 0, 45, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        statuses = [api.get("/api/v1/courses").status_code for _ in range(4)]
        refused = api.get("/api/v1/courses")
        other_token = ApiClient(read_token).get("/api/v1/courses")
    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "15"
    assert refused["Content-Type"] == "application/problem+json"
    assert other_token.status_code == 200  # per token
    with time_machine.travel(moment + dt.timedelta(seconds=15), tick=False):
        assert api.get("/api/v1/courses").status_code == 200


def test_courses_list_every_language(api, plain_course):
    factories.translate(plain_course, "fr", title="Coopératives 101")
    body = api.get("/api/v1/courses").json()
    [course] = [c for c in body["items"] if c["key"] == str(plain_course.translation_key)]
    assert course["title"] == "Cooperatives 101"
    assert course["original_language"] == "en"
    assert {(lang["language"], lang["title"]) for lang in course["languages"]} == {
        ("en", "Cooperatives 101"),
        ("fr", "Coopératives 101"),
    }
    assert all(lang["url"].startswith("http") for lang in course["languages"])


def test_courses_list_costs_the_same_for_one_course_or_five(api, django_assert_max_num_queries):
    import django.db
    from django.test.utils import CaptureQueriesContext

    factories.course("One")
    api.get("/api/v1/courses")  # the token's last use is written once a minute: not measured
    with CaptureQueriesContext(django.db.connection) as one:
        api.get("/api/v1/courses")
    for number in range(4):
        factories.translate(factories.course(f"More {number}"), "fr", title=f"Plus {number}")
    with django_assert_max_num_queries(len(one)):
        assert len(api.get("/api/v1/courses").json()["items"]) == 5


# Found by fuzzing (tests/integration/test_api_fuzz.py): both were 500s.


def test_an_updated_since_far_outside_the_platforms_life_names_the_field(api):
    for moment in ("0008-06-06T01:48:29.610670-21:06", "9999-12-31T23:59:59-23:00"):
        response = api.get("/api/v1/members", {"updated_since": moment})
        assert response.status_code == 422, moment
        assert response.json()["errors"][0]["field"] == "updated_since"


def test_a_nul_character_in_an_address_names_the_field(api, plain_course):
    response = api.post(
        "/api/v1/enrolments",
        {"learner_email": "a\u0000b@example.org", "course_key": str(plain_course.translation_key)},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "learner_email"


def test_writes_need_no_csrf_cookie_the_token_is_the_credential(enrol_token, bamako_learner):
    from django.test import Client

    course = factories.course("Without cookies")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/enrolments",
        {"learner_email": bamako_learner.email, "course_key": str(course.translation_key)},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {enrol_token}",
    )
    assert response.status_code == 201, response.content
