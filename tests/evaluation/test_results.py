"""Evaluation results: who sees which responses (an access matrix), free text for the
course's trainers and the Secretariat only, exports that name nobody unless the
questionnaire allows it, cohorts, and queries that do not grow with the responses."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from courses.cohorts.models import Cohort, CohortMember
from courses.evaluation.models import Purpose
from courses.evaluation.selectors import questionnaire_for
from courses.evaluation.services import response_submit
from courses.models import Enrolment
from lms.services import membership_create
from tests.courses import factories
from tests.evaluation.helpers import NOW, block_ids, completed, questionnaire
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Our mayor changed the procurement code"


def _answer(course, enrolment, form, *, rating=4, text=SECRET_TEXT):
    ids = block_ids(form)
    applicable = questionnaire_for(
        course_key=course.translation_key, purpose=Purpose.END_OF_COURSE, language="en"
    )
    return response_submit(
        enrolment=enrolment,
        purpose=Purpose.END_OF_COURSE,
        applicable=applicable,
        answers={ids[0]: rating, ids[1]: [0, 1], ids[2]: text},
        now=NOW,
    )


def _learner(organisation, name):
    user = UserFactory(full_name=name)
    membership_create(user=user, organisation=organisation, role="learner", confirmed=True)
    return user


@pytest.fixture
def world(bamako, seoul, bamako_coordinator, seoul_coordinator, trainer, secretariat):
    taught = factories.course("Taught course", trainers=(trainer,))
    other_trainer = trainer_user()
    factories.course("Someone else's course", trainers=(other_trainer,))
    form = questionnaire()
    aminata = _learner(bamako, "Aminata Keïta")
    _answer(taught, completed(taught, aminata, organisation=bamako), form, rating=5)
    not_done = _learner(bamako, "Ousmane Diallo")
    Enrolment.objects.create(
        user=not_done,
        course_key=taught.translation_key,
        course_page=taught,
        enrolled_at=NOW,
        organisation=bamako,
    )
    return {
        "course": taught,
        "form": form,
        "people": {
            "secretariat": secretariat,
            "trainer": trainer,
            "bamako_coordinator": bamako_coordinator,
            "seoul_coordinator": seoul_coordinator,
            "other_trainer": other_trainer,
            "learner_not_done": not_done,
            "anonymous": None,
        },
        "aminata": aminata,
    }


def _course_url(world, **query):
    url = reverse(
        "evaluation_results:course",
        args=[world["course"].translation_key, Purpose.END_OF_COURSE],
    )
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


# Who → (index, course page, course CSV): 200 allowed; otherwise refused without the data.
MATRIX = {
    "secretariat": (200, 200, 200),
    "trainer": (200, 200, 200),
    "bamako_coordinator": (200, 200, 200),
    "seoul_coordinator": (200, 404, 404),  # another organisation: nothing of this course
    "other_trainer": (200, 404, 404),  # a trainer of another course
    "learner_not_done": (302, 302, 302),  # no admin access: sent to the admin's log-in
    "anonymous": (302, 302, 302),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_access_matrix(client, world, who):
    user = world["people"][who]
    urls = (
        reverse("evaluation_results:index"),
        _course_url(world),
        _course_url(world, export="csv"),
    )
    for url, expected in zip(urls, MATRIX[who], strict=True):
        response = _get(client, user, url)
        assert response.status_code == expected, (who, url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if expected != 200 or who in ("seoul_coordinator", "other_trainer"):
            assert b"Taught course" not in body or url.endswith("/"), (who, url)
            assert SECRET_TEXT.encode() not in body


def test_a_person_without_the_permission_is_refused_with_403(client, world):
    # A coordinator whose group lost evaluation.view_response.
    from django.contrib.auth.models import Group, Permission

    Group.objects.get(name="Coordinators").permissions.remove(
        Permission.objects.get(codename="view_response")
    )
    response = _get(client, world["people"]["bamako_coordinator"], _course_url(world))
    assert response.status_code == 403


def test_free_text_for_the_courses_trainers_and_the_secretariat_never_coordinators(client, world):
    for who, shown in (("secretariat", True), ("trainer", True), ("bamako_coordinator", False)):
        body = _get(client, world["people"][who], _course_url(world)).content.decode()
        assert (SECRET_TEXT in body) is shown, who
        csv_body = b"".join(
            _get(client, world["people"][who], _course_url(world, export="csv")).streaming_content
        ).decode("utf-8-sig")
        assert (SECRET_TEXT in csv_body) is shown, who
        assert "Aminata" not in body and "Aminata" not in csv_body  # never named


def test_exports_name_the_learner_only_when_the_questionnaire_allows_it(client, world):
    world["form"].named_in_exports = True
    world["form"].save()
    response = _get(client, world["people"]["trainer"], _course_url(world, export="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "Learner" in rows[0]
    assert "Aminata Keïta" in rows[1]
    assert 5 in rows[1]  # the rating
    assert "Procurement rules; Financing" in rows[1]


def test_the_coordinator_sees_their_organisations_figures_and_the_response_rate(
    client, world, bamako
):
    seoul_learner = UserFactory(full_name="Ji-ho Kim")
    course = world["course"]
    _answer(course, completed(course, seoul_learner), world["form"], rating=1)
    body = _get(client, world["people"]["bamako_coordinator"], _course_url(world)).content.decode()
    # Bamako: one response of one completed enrolment; the Seoul answer is not counted.
    assert "100 %" in body
    assert "5.0" in body and "3.0" not in body
    body = _get(client, world["people"]["secretariat"], _course_url(world)).content.decode()
    assert "3.0" in body  # (5 + 1) / 2
    assert "<svg" in body and 'role="img"' in body
    filtered = _get(
        client, world["people"]["secretariat"], _course_url(world, organisation=bamako.pk)
    ).content.decode()
    assert "5.0" in filtered and "3.0" not in filtered


def test_a_response_is_linked_to_the_learners_cohort_and_counted_by_cohort(client, world, bamako):
    course = world["course"]
    cohort = Cohort.objects.create(
        name="Spring 2027 cohort",
        course_page=course,
        course_key=course.translation_key,
        starts_on=NOW.date(),
        ends_on=NOW.date(),
    )
    learner = _learner(bamako, "Fatoumata Coulibaly")
    enrolment = completed(course, learner, organisation=bamako)
    CohortMember.objects.create(
        cohort=cohort,
        user=learner,
        enrolment=enrolment,
        organisation=bamako,
        source="coordinator",
        joined_at=NOW,
    )
    response = _answer(course, enrolment, world["form"], rating=2)
    assert response.cohort == cohort
    body = _get(client, world["people"]["secretariat"], _course_url(world)).content.decode()
    assert "Spring 2027 cohort" in body
    body = _get(
        client, world["people"]["secretariat"], _course_url(world, cohort=cohort.pk)
    ).content.decode()
    assert "2.0" in body


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_results_cost_the_same_queries_for_2_or_12_responses(client, world, bamako):
    course = world["course"]
    client.force_login(world["people"]["secretariat"])
    _answer(course, completed(course, _learner(bamako, "Second")), world["form"])
    few = {
        "index": _queries(client, reverse("evaluation_results:index")),
        "course": _queries(client, _course_url(world)),
    }
    for n in range(10):
        _answer(course, completed(course, _learner(bamako, f"Learner {n}")), world["form"])
    many = {
        "index": _queries(client, reverse("evaluation_results:index")),
        "course": _queries(client, _course_url(world)),
    }
    assert many == few
    csv_text = b"".join(client.get(_course_url(world, export="csv")).streaming_content)
    assert len(list(csv.reader(io.StringIO(csv_text.decode("utf-8-sig"))))) == 13


def test_the_trainers_course_reports_show_the_satisfaction_and_link_the_results(client, world):
    client.force_login(world["people"]["trainer"])
    courses = client.get(reverse("learning:trainer_courses")).content.decode()
    assert "Satisfaction (1 to 5)" in courses
    assert _course_url(world) in courses
    assert "5.0" in courses
    page = client.get(reverse("learning:trainer_course", args=[world["course"].pk]))
    assert "Satisfaction: 5.0 out of 5 (1 answer" in page.content.decode()


def test_the_trainer_filters_by_any_organisation_that_answered(client, world, bamako):
    client.force_login(world["people"]["trainer"])
    body = client.get(_course_url(world)).content.decode()
    assert f'<option value="{bamako.pk}">{bamako.name}</option>' in body
    filtered = client.get(_course_url(world, organisation=bamako.pk)).content.decode()
    assert "5.0" in filtered
