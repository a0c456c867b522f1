"""Responses in "Download my data" and after account deletion; the admin screens that
choose which questionnaire applies (the Secretariat's) and author them (snippets)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.evaluation.models import Answer, Purpose, QuestionnaireChoice, Response
from courses.evaluation.selectors import questionnaire_for
from courses.evaluation.services import response_submit
from lms.personal_data import user_export
from lms.services import user_erase
from tests.courses import factories
from tests.evaluation.helpers import NOW, block_ids, completed, questionnaire
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(db):
    course = factories.course("Solidarity finance")
    learner = UserFactory(full_name="Camila Reyes")
    form = questionnaire()
    ids = block_ids(form)
    applicable = questionnaire_for(
        course_key=course.translation_key, purpose=Purpose.END_OF_COURSE, language="en"
    )
    response_submit(
        enrolment=completed(course, learner),
        purpose=Purpose.END_OF_COURSE,
        applicable=applicable,
        answers={ids[0]: 4, ids[1]: [2], ids[2]: "I am Camila from Mexico City"},
        now=NOW,
    )
    return learner


def test_responses_are_in_download_my_data(answered):
    (exported,) = user_export(user=answered)["evaluation"]
    assert exported["course"] == "Solidarity finance"
    assert exported["purpose"] == Purpose.END_OF_COURSE
    assert exported["submitted_at"] == NOW.isoformat()
    assert {
        "question": "How useful was the course?",
        "rating": 4,
        "option": None,
        "text": None,
    } in (exported["answers"])
    assert any(a["text"] == "I am Camila from Mexico City" for a in exported["answers"])


def test_account_deletion_keeps_the_ratings_and_drops_the_person_and_their_words(answered):
    user_erase(user=answered)
    response = Response.objects.get()
    assert response.user is None
    assert not Answer.objects.exclude(text="").exists()
    assert Answer.objects.filter(rating=4).count() == 1
    assert Answer.objects.filter(option=2).count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [("secretariat", 200), ("bamako_coordinator", 403), ("trainer", 403)],
)
def test_only_the_secretariat_chooses_the_questionnaires_in_use(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("questionnaire_choices:index")).status_code == status
    assert client.get(reverse("questionnaire_choices:add")).status_code == status


def test_the_choice_form_refuses_a_questionnaire_of_another_purpose_and_a_second_default(
    client, secretariat
):
    impact = questionnaire(purpose=Purpose.IMPACT, default=False, title="Follow-up")
    questionnaire(title="Default")
    client.force_login(secretariat)
    url = reverse("questionnaire_choices:add")
    page = client.post(
        url,
        {"purpose": Purpose.END_OF_COURSE, "course": "", "questionnaire": impact.translation_key},
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "is written for another purpose" in body
    assert "There is already a default for this purpose" in body
    course = factories.course("Own questionnaire")
    page = client.post(
        url,
        {
            "purpose": Purpose.IMPACT,
            "course": str(course.translation_key),
            "questionnaire": str(impact.translation_key),
        },
    )
    assert page.status_code == 302
    assert QuestionnaireChoice.objects.get(course_key=course.translation_key).questionnaire_key == (
        impact.translation_key
    )


def test_trainers_and_the_secretariat_author_questionnaires_coordinators_do_not(
    client, secretariat, trainer, bamako_coordinator
):
    questionnaire()
    url = reverse("wagtailsnippets_evaluation_questionnaire:list")
    for user, allowed in ((secretariat, True), (trainer, True), (bamako_coordinator, False)):
        client.force_login(user)
        response = client.get(url)
        assert (response.status_code == 200) is allowed, user


def test_the_secretariat_writes_a_questionnaire_in_the_admin_and_can_send_it_to_translation(
    client, secretariat
):
    form = questionnaire()
    client.force_login(secretariat)
    add = client.get(reverse("wagtailsnippets_evaluation_questionnaire:add"))
    assert add.status_code == 200
    assert "Rating from 1 to 5" in add.content.decode()
    edit = client.get(reverse("wagtailsnippets_evaluation_questionnaire:edit", args=[form.pk]))
    assert edit.status_code == 200
    translate = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["evaluation", "questionnaire", form.pk],
    )
    assert client.get(translate).status_code == 200
