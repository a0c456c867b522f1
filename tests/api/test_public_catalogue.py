"""The public catalogue (Wagtail's API v2 at /api/v2/pages/): live public courses in every
language with the fields partners list; nothing else, no people, no token needed."""

from __future__ import annotations

import pytest

from tests.courses import factories

pytestmark = pytest.mark.django_db


def test_lists_live_courses_in_every_language_with_their_fields(client):
    course = factories.course("Cooperatives 101", summary="Start here.", effort_hours=6)
    factories.translate(course, "fr", title="Coopératives 101")
    factories.course("Draft course", live=False)
    response = client.get(
        "/api/v2/pages/",
        {"type": "courses.CoursePage", "fields": "summary,level,effort_hours,translation_key"},
    )
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    items = response.json()["items"]
    assert {item["title"] for item in items} == {"Cooperatives 101", "Coopératives 101"}
    english = next(item for item in items if item["title"] == "Cooperatives 101")
    assert english["summary"] == "Start here."
    assert english["translation_key"] == str(course.translation_key)
    assert english["meta"]["type"] == "courses.CoursePage"
    assert "Access-Control-Allow-Origin" not in response


def test_other_page_types_and_unknown_fields_are_not_served(client):
    factories.course("Cooperatives 101")
    home = client.get("/api/v2/pages/", {"type": "cms.HomePage"})
    assert home.status_code in (200, 400)
    if home.status_code == 200:
        assert home.json()["items"] == []
    unknown = {"type": "courses.CoursePage", "fields": "trainers"}
    assert client.get("/api/v2/pages/", unknown).status_code == 400
