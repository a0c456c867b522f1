"""The end-of-programme questionnaire: offered on the programme page and My learning once
the programme is completed, answered once in the learner's language, counted in the
evaluation results (the programme's results page) with the same access rules and exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses.evaluation.models import Purpose, Questionnaire, QuestionnaireChoice, Response
from courses.models import ProgrammeEnrolment
from courses.services.programmes import programme_enrol, programme_evaluate
from lms.services import membership_create
from tests.courses import factories
from tests.courses import programme_factories as programmes
from tests.evaluation.helpers import NOW, block_ids, completed, questionnaire, translate
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db

OFFER = "Tell us how the programme went"
SECRET_TEXT = "The programme needs more cases from Africa"


@pytest.fixture
def world(bamako, trainer):
    course = factories.course("Introduction to the SSE", trainers=(trainer,))
    programme = programmes.programme("Building a local SSE ecosystem", required=(course,))
    learner = UserFactory(full_name="Aminata Traoré")
    membership_create(user=learner, organisation=bamako, role="learner", confirmed=True)
    return {"course": course, "programme": programme, "learner": learner}


def _url(programme, language="en"):
    with translation.override(language):
        return reverse("evaluation:programme", args=[programme.pk])


def _post(ids, rating="4", text=SECRET_TEXT):
    return {f"q-{ids[0]}": rating, f"q-{ids[1]}": ["1"], f"q-{ids[2]}": text}


def _completed_programme(world, learner=None, organisation=None) -> ProgrammeEnrolment:
    learner = learner or world["learner"]
    completed(world["course"], learner, organisation=organisation)
    enrolment = programme_enrol(user=learner, programme=world["programme"], now=NOW)
    programme_evaluate(programme_enrolment=enrolment, now=NOW)
    enrolment.refresh_from_db()
    assert enrolment.status == ProgrammeEnrolment.Status.COMPLETED
    return enrolment


def test_offered_only_once_the_programme_is_completed_then_answered_once(client, world):
    form = questionnaire()
    learner, programme = world["learner"], world["programme"]
    client.force_login(learner)
    enrolment = programme_enrol(user=learner, programme=programme, now=NOW)
    assert enrolment.status == ProgrammeEnrolment.Status.ACTIVE
    assert OFFER not in client.get(programme.url).content.decode()
    assert OFFER not in client.get(reverse("learn:dashboard")).content.decode()
    refused = client.get(_url(programme))
    assert refused.status_code == 403
    assert "once you have completed the programme" in refused.content.decode()

    completed(world["course"], learner)
    programme_evaluate(programme_enrolment=enrolment, now=NOW)
    assert OFFER in client.get(programme.url).content.decode()
    assert OFFER in client.get(reverse("learn:dashboard")).content.decode()
    page = client.get(_url(programme))
    assert page.status_code == 200 and "How useful was the course?" in page.content.decode()

    missing = client.post(_url(programme), {})
    assert missing.status_code == 400 and not Response.objects.exists()
    assert client.post(_url(programme), _post(block_ids(form))).status_code == 302
    response = Response.objects.get()
    assert response.programme_enrolment == ProgrammeEnrolment.objects.get(user=learner)
    assert response.enrolment is None and response.course_key == programme.translation_key
    assert response.purpose == Purpose.END_OF_COURSE and response.answers.count() == 3

    assert client.post(_url(programme), _post(block_ids(form), rating="1")).status_code == 409
    assert Response.objects.count() == 1
    assert client.get(_url(programme)).status_code == 200  # the thank-you page
    assert OFFER not in client.get(programme.url).content.decode()
    assert OFFER not in client.get(reverse("learn:dashboard")).content.decode()
    # The course's own end-of-course questionnaire is a separate answer, still offered.
    assert "Tell us how the course went" in client.get(world["course"].url).content.decode()


def test_the_programmes_own_questionnaire_in_the_learners_language(client, world):
    questionnaire(title="Default")
    own = questionnaire(title="The programme's", default=False)
    QuestionnaireChoice.objects.create(
        purpose=Purpose.END_OF_COURSE,
        programme_key=world["programme"].translation_key,
        questionnaire_key=own.translation_key,
    )
    translate(own, "fr", title="Le programme", first_question="Utile, ce programme ?")
    _completed_programme(world)
    client.force_login(world["learner"])
    page = client.get(_url(world["programme"], "fr")).content.decode()
    assert "Utile, ce programme ?" in page
    client.post(_url(world["programme"], "fr"), _post(block_ids(own)))
    response = Response.objects.get()
    assert response.language == "fr" and response.questionnaire_key == own.translation_key


def test_nothing_offered_and_404_when_no_questionnaire_applies(client, world):
    _completed_programme(world)
    client.force_login(world["learner"])
    assert OFFER not in client.get(world["programme"].url).content.decode()
    assert client.get(_url(world["programme"])).status_code == 404


def _results(world, export=None):
    url = reverse(
        "evaluation_results:course",
        args=[world["programme"].translation_key, Purpose.END_OF_COURSE],
    )
    return f"{url}?export={export}" if export else url


def _answered(client, world, learner=None, organisation=None, rating="4"):
    form = Questionnaire.objects.order_by("pk").first() or questionnaire()
    _completed_programme(world, learner=learner, organisation=organisation)
    client.force_login(learner or world["learner"])
    answers = _post(block_ids(form), rating=rating)
    assert client.post(_url(world["programme"]), answers).status_code == 302
    client.logout()


def test_results_count_programme_responses_with_the_same_access_rules(
    client, world, secretariat, trainer, bamako_coordinator, seoul_coordinator
):
    _answered(client, world)
    other_trainer = trainer_user()
    factories.course("Someone else's", trainers=(other_trainer,))
    for who, free_text in (
        (secretariat, True),
        (trainer, True),  # teaches a course of the programme
        (bamako_coordinator, False),  # the learner's organisation: figures, no free text
    ):
        client.force_login(who)
        page = client.get(_results(world))
        assert page.status_code == 200, who
        body = page.content.decode()
        assert "Building a local SSE ecosystem" in body and "4.0" in body
        assert (SECRET_TEXT in body) is free_text, who
        index = client.get(reverse("evaluation_results:index")).content.decode()
        assert "Building a local SSE ecosystem" in index
        csv_text = b"".join(client.get(_results(world, export="csv")).streaming_content)
        assert (SECRET_TEXT in csv_text.decode("utf-8-sig")) is free_text, who
        assert "Aminata" not in csv_text.decode("utf-8-sig")  # not named by default
    for who in (other_trainer, seoul_coordinator, world["learner"]):
        client.force_login(who)
        assert client.get(_results(world)).status_code in {302, 403, 404}, who
    client.logout()
    assert client.get(_results(world)).status_code == 302


@pytest.mark.parametrize("who", ["anonymous", "not_completed", "other_learner"])
def test_the_questionnaire_url_refuses_those_who_did_not_complete_the_programme(client, world, who):
    questionnaire()
    _completed_programme(world)
    url = _url(world["programme"])
    if who == "anonymous":
        assert client.get(url).status_code == 302  # to log in
        return
    person = UserFactory()
    if who == "not_completed":
        programme_enrol(user=person, programme=world["programme"], now=NOW)
    client.force_login(person)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert not Response.objects.exists()


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_results_and_offers_cost_the_same_queries_for_1_or_6_programme_responses(
    client, world, secretariat, bamako
):
    _answered(client, world)
    client.force_login(secretariat)
    few = (_queries(client, _results(world)), _queries(client, reverse("evaluation_results:index")))
    for n in range(5):
        learner = UserFactory(full_name=f"Learner {n}")
        membership_create(user=learner, organisation=bamako, role="learner", confirmed=True)
        _answered(client, world, learner=learner, rating="2")
    client.force_login(secretariat)
    many = (
        _queries(client, _results(world)),
        _queries(client, reverse("evaluation_results:index")),
    )
    assert many == few
    csv_text = b"".join(client.get(_results(world, export="csv")).streaming_content)
    assert len(list(csv.reader(io.StringIO(csv_text.decode("utf-8-sig"))))) == 7
