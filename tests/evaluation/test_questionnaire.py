"""Level 1: the end-of-course questionnaire, offered once the course is completed, in the
learner's language, answered once, with messages that say what is missing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from courses.evaluation.models import Answer, Purpose, Response
from courses.evaluation.selectors import questionnaire_for
from courses.evaluation.services import response_submit
from courses.models import Enrolment
from tests.courses import factories
from tests.evaluation.helpers import NOW, block_ids, completed, questionnaire, translate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return factories.course("Public procurement for the SSE")


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Aminata Traoré", preferred_language="en")


def _url(course, language="en"):
    with translation.override(language):
        return reverse("evaluation:course", args=[course.pk])


def _post(ids, rating="4", options=("0", "2"), text="More cases from Africa"):
    data = {f"q-{ids[0]}": rating, f"q-{ids[2]}": text}
    if options:
        data[f"q-{ids[1]}"] = list(options)
    return data


def test_a_completed_learner_answers_once_and_the_answers_are_stored_per_question(
    client, course, learner
):
    form = questionnaire()
    enrolment = completed(course, learner)
    client.force_login(learner)
    with time_machine.travel(NOW, tick=False):
        page = client.get(_url(course))
        assert page.status_code == 200
        assert "How useful was the course?" in page.content.decode()
        answered = client.post(_url(course), _post(block_ids(form)))
    assert answered.status_code == 302
    response = Response.objects.get()
    assert (response.enrolment, response.user, response.purpose) == (
        enrolment,
        learner,
        Purpose.END_OF_COURSE,
    )
    assert response.submitted_at == NOW
    ids = block_ids(form)
    assert sorted(
        Answer.objects.values_list("question_id", "rating", "option", "text"),
        key=lambda row: (row[0], row[2] or 0),
    ) == sorted(
        [
            (ids[0], 4, None, ""),
            (ids[1], None, 0, ""),
            (ids[1], None, 2, ""),
            (ids[2], None, None, "More cases from Africa"),
        ],
        key=lambda row: (row[0], row[2] or 0),
    )
    # Twice is refused (409) and changes nothing; the page now thanks them.
    again = client.post(_url(course), _post(block_ids(form), rating="1"))
    assert again.status_code == 409
    assert "already answered" in again.content.decode()
    assert Answer.objects.filter(rating=1).count() == 0
    assert "Thank you for your answers" in client.get(_url(course)).content.decode()


def test_missing_and_wrong_answers_are_named_and_nothing_is_stored(client, course, learner):
    form = questionnaire(text_required=True)
    completed(course, learner)
    client.force_login(learner)
    page = client.post(_url(course), _post(block_ids(form), rating="9", text=""))
    assert page.status_code == 400
    body = page.content.decode()
    assert "Choose a number from 1 to 5." in body
    assert "Please answer this question." in body
    assert 'role="alert"' in body
    assert Response.objects.count() == 0


def test_a_learner_who_did_not_complete_the_course_is_refused(client, course, learner):
    questionnaire()
    Enrolment.objects.create(
        user=learner, course_key=course.translation_key, course_page=course, enrolled_at=NOW
    )
    client.force_login(learner)
    assert client.get(_url(course)).status_code == 403
    assert client.post(_url(course), {}).status_code == 403
    assert Response.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, course):
    questionnaire()
    page = client.get(_url(course))
    assert page.status_code == 302
    assert "/login/" in page["Location"]


def test_no_questionnaire_chosen_is_a_404(client, course, learner):
    completed(course, learner)
    client.force_login(learner)
    assert client.get(_url(course)).status_code == 404


def test_the_learner_answers_in_their_language_and_answers_count_for_the_same_question(
    client, course, learner
):
    english = questionnaire()
    french = translate(english, "fr", title="Comment ça s'est passé ?", first_question="Utile ?")
    assert block_ids(french) == block_ids(english)
    completed(course, learner)
    client.force_login(learner)
    page = client.get(_url(course, "fr"))
    assert "Utile ?" in page.content.decode()
    client.post(_url(course, "fr"), _post(block_ids(english), options=()))
    response = Response.objects.get()
    assert (response.language, response.questionnaire, response.questionnaire_key) == (
        "fr",
        french,
        english.translation_key,
    )
    assert Answer.objects.get(rating__isnull=False).question_id == block_ids(english)[0]


def test_a_course_of_its_own_overrides_the_default(course):
    questionnaire(title="Default")
    own = questionnaire(title="Procurement's own", course=course)
    found = questionnaire_for(
        course_key=course.translation_key, purpose=Purpose.END_OF_COURSE, language="en"
    )
    assert found.shown == own
    other = factories.course("Another course")
    found = questionnaire_for(
        course_key=other.translation_key, purpose=Purpose.END_OF_COURSE, language="ko"
    )
    assert found.shown.title == "Default"  # no Korean version: the original


def test_the_service_refuses_an_option_out_of_range_and_an_unfinished_course(course, learner):
    form = questionnaire()
    enrolment = completed(course, learner)
    applicable = questionnaire_for(
        course_key=course.translation_key, purpose=Purpose.END_OF_COURSE, language="en"
    )
    ids = block_ids(form)
    with pytest.raises(ValidationError) as error:
        response_submit(
            enrolment=enrolment,
            purpose=Purpose.END_OF_COURSE,
            applicable=applicable,
            answers={ids[0]: 3, ids[1]: [7]},
            now=NOW,
        )
    assert "Question 2: choose among its options." in error.value.messages
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.ACTIVE)
    enrolment.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        response_submit(
            enrolment=enrolment,
            purpose=Purpose.END_OF_COURSE,
            applicable=applicable,
            answers={ids[0]: 3},
            now=NOW + dt.timedelta(minutes=1),
        )
    assert error.value.error_list[0].code == "not_completed"


def test_the_course_page_module_page_and_dashboard_offer_it_until_answered(client, course, learner):
    form = questionnaire()
    module = factories.module(course)
    completed(course, learner)
    client.force_login(learner)
    offer = "Tell us how the course went"
    with translation.override("en"):
        dashboard = reverse("learn:dashboard")
    for url in (course.url, module.url, dashboard):
        assert offer in client.get(url).content.decode(), url
    client.post(_url(course), _post(block_ids(form)))
    for url in (course.url, module.url, dashboard):
        assert offer not in client.get(url).content.decode(), url


def test_the_dashboard_offer_costs_the_same_queries_for_one_or_five_completed_courses(
    client, learner, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    questionnaire()
    completed(factories.course("First"), learner)
    client.force_login(learner)
    with translation.override("en"):
        dashboard = reverse("learn:dashboard")
    client.get(dashboard)
    with CaptureQueriesContext(connection) as few:
        client.get(dashboard)
    for n in range(4):
        completed(factories.course(f"More {n}"), learner)
    client.get(dashboard)
    with CaptureQueriesContext(connection) as many:
        client.get(dashboard)
    offers = [q["sql"] for q in many.captured_queries if "evaluation_" in q["sql"]]
    assert len(offers) <= 3
    assert len(many) == len(few)


def test_a_programmes_questionnaire_applies_to_its_courses_without_their_own(course):
    from wagtail.models import Page

    from courses.evaluation.models import QuestionnaireChoice
    from courses.models import ProgrammeCourse, ProgrammeIndexPage, ProgrammePage

    home = Page.objects.get(depth=2, locale__language_code="en")
    index = ProgrammeIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=ProgrammeIndexPage(title="Programmes", slug="programmes"))
    programme = index.add_child(
        instance=ProgrammePage(title="Local SSE ecosystem", slug="eco", summary="A path.")
    )
    ProgrammeCourse.objects.create(page=programme, course=course, is_required=True)
    questionnaire(title="Default")
    in_programme = questionnaire(title="Programme's", default=False)
    QuestionnaireChoice.objects.create(
        purpose=Purpose.END_OF_COURSE,
        programme_key=programme.translation_key,
        questionnaire_key=in_programme.translation_key,
    )
    found = questionnaire_for(
        course_key=course.translation_key, purpose=Purpose.END_OF_COURSE, language="en"
    )
    assert found.shown == in_programme
    own = questionnaire(title="Course's own", course=course)
    found = questionnaire_for(
        course_key=course.translation_key, purpose=Purpose.END_OF_COURSE, language="en"
    )
    assert found.shown == own
    other = factories.course("Outside the programme")
    found = questionnaire_for(
        course_key=other.translation_key, purpose=Purpose.END_OF_COURSE, language="en"
    )
    assert found.shown.title == "Default"


def test_the_form_with_errors_has_unique_ids_and_describes_each_question(client, course, learner):
    import re
    from collections import Counter

    questionnaire()
    completed(course, learner)
    client.force_login(learner)
    body = client.post(_url(course), {}).content.decode()
    ids = Counter(re.findall(r'\bid="([^"]+)"', body))
    assert [name for name, count in ids.items() if count > 1] == []
    for described in re.findall(r'aria-describedby="([^"]+)"', body):
        for target in described.split():
            assert ids[target] == 1, target
