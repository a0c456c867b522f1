"""Level 3: the follow-up impact survey sent by the sweep N days after completion, one
reminder, nothing after an answer or an opt-out, and the one-click link that opens it
logged out, expires and answers once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from courses.evaluation.models import Purpose, Response
from courses.evaluation.notifications import TOKEN_MAX_AGE, survey_token
from courses.models import Enrolment, NotificationDelivery
from courses.services.notifications import notification_opt_out, notifications_sweep
from tests.courses import factories
from tests.evaluation.helpers import NOW, block_ids, completed, questionnaire, translate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Kind = NotificationDelivery.Kind
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield


def sweep(now):
    with time_machine.travel(now, tick=False), _capture(execute=True):
        return notifications_sweep(now=now)


@pytest.fixture
def course(db):
    return factories.course("Financing the social economy")


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Seo-yeon Park", time_zone="UTC", preferred_language="en")


def surveys(kind=Kind.IMPACT_SURVEY):
    return list(NotificationDelivery.objects.filter(kind=kind))


def _link(message) -> str:
    return re.search(r"https?://\S+/evaluation/survey/\S+/", message.body).group(0)


def test_the_survey_goes_out_once_ninety_days_after_completion_with_a_working_link(
    client, course, learner
):
    form = questionnaire(purpose=Purpose.IMPACT, title="Have you applied it?")
    completed(course, learner, at=NOW)
    sweep(NOW + 89 * DAY)
    assert surveys() == []
    sweep(NOW + 90 * DAY)
    sweep(NOW + 90 * DAY + dt.timedelta(minutes=5))  # a second sweep inserts nothing
    (row,) = surveys()
    assert row.status == "sent"
    assert row.subject_key.startswith("impact:")
    (message,) = mail.outbox
    assert "Financing the social economy" in message.subject
    assert "List-Unsubscribe" in message.extra_headers
    link = _link(message)
    assert "/en/evaluation/survey/" in link
    # Logged out, the link opens the survey and takes the answers once.
    path = link.split("testserver")[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    with time_machine.travel(NOW + 91 * DAY, tick=False):
        page = client.get(path)
        assert page.status_code == 200
        assert "Have you applied it?" in page.content.decode()
        ids = block_ids(form)
        answered = client.post(path, {f"q-{ids[0]}": "5", f"q-{ids[2]}": "We changed our rules"})
        assert answered.status_code == 302
        assert Response.objects.get().purpose == Purpose.IMPACT
        assert client.post(path, {f"q-{ids[0]}": "1"}).status_code == 409
        assert "Thank you for your answers" in client.get(path).content.decode()
    assert Response.objects.count() == 1


def test_one_reminder_fourteen_days_later_and_nothing_after_an_answer(course, learner):
    form = questionnaire(purpose=Purpose.IMPACT, delay=30)
    enrolment = completed(course, learner, at=NOW)
    other = completed(course, UserFactory(time_zone="UTC"), at=NOW)
    sweep(NOW + 30 * DAY)
    assert len(surveys()) == 2
    Response.objects.create(
        enrolment=other,
        user=other.user,
        course_key=other.course_key,
        purpose=Purpose.IMPACT,
        questionnaire=form,
        questionnaire_key=form.translation_key,
        language="en",
        submitted_at=NOW + 31 * DAY,
    )
    sweep(NOW + 43 * DAY)
    assert surveys(Kind.IMPACT_SURVEY_REMINDER) == []
    sweep(NOW + 44 * DAY + dt.timedelta(hours=1))
    (reminder,) = surveys(Kind.IMPACT_SURVEY_REMINDER)
    assert reminder.enrolment == enrolment
    assert reminder.status == "sent"
    sweep(NOW + 80 * DAY)
    assert len(surveys(Kind.IMPACT_SURVEY_REMINDER)) == 1
    assert len(surveys()) == 2


def test_an_opted_out_learner_gets_nothing_and_a_pending_survey_is_skipped(course, learner):
    questionnaire(purpose=Purpose.IMPACT)
    completed(course, learner, at=NOW)
    notification_opt_out(user=learner, category="evaluation")
    sweep(NOW + 90 * DAY)
    (row,) = surveys()
    assert (row.status, row.skip_reason) == ("skipped", "opted out of evaluation")
    assert mail.outbox == []


def test_a_survey_answered_before_it_is_sent_is_skipped(course, learner):
    form = questionnaire(purpose=Purpose.IMPACT)
    enrolment = completed(course, learner, at=NOW)
    with time_machine.travel(NOW + 90 * DAY, tick=False):
        notifications_sweep(now=NOW + 90 * DAY, send=False)
    Response.objects.create(
        enrolment=enrolment,
        user=learner,
        course_key=enrolment.course_key,
        purpose=Purpose.IMPACT,
        questionnaire=form,
        questionnaire_key=form.translation_key,
        language="en",
        submitted_at=NOW + 90 * DAY,
    )
    sweep(NOW + 90 * DAY + dt.timedelta(minutes=5))
    (row,) = surveys()
    assert (row.status, row.skip_reason) == ("skipped", "already answered")


def test_no_impact_questionnaire_no_survey_and_old_completions_are_not_surveyed(course, learner):
    completed(course, learner, at=NOW)
    sweep(NOW + 90 * DAY)
    assert surveys() == []
    questionnaire(purpose=Purpose.IMPACT)
    sweep(NOW + 90 * DAY + dt.timedelta(days=31))  # switched on long after: not surveyed
    assert surveys() == []


def test_a_course_of_its_own_sets_its_own_delay(course, learner):
    questionnaire(purpose=Purpose.IMPACT, delay=90)
    questionnaire(purpose=Purpose.IMPACT, course=course, delay=60, title="Own")
    completed(course, learner, at=NOW)
    sweep(NOW + 60 * DAY)
    assert len(surveys()) == 1


def test_the_survey_is_sent_in_the_learners_language_and_daytime(course):
    korean = UserFactory(preferred_language="ko", time_zone="Asia/Seoul")
    form = questionnaire(purpose=Purpose.IMPACT)
    translate(form, "ko", title="적용해 보셨나요?", first_question="유용했나요?")
    completed(course, korean, at=NOW)
    # 12:00 UTC is 21:00 in Seoul: the message waits for 08:00 there (23:00 UTC).
    sweep(NOW.replace(hour=12) + 90 * DAY)
    (row,) = surveys()
    assert row.due_at == (NOW + 90 * DAY).replace(hour=23)
    sweep((NOW + 90 * DAY).replace(hour=23, minute=1))
    (message,) = mail.outbox
    assert "/ko/evaluation/survey/" in _link(message)


def test_a_bad_an_expired_or_someone_elses_link_is_refused(client, course, learner):
    questionnaire(purpose=Purpose.IMPACT)
    enrolment = completed(course, learner, at=NOW)
    with time_machine.travel(NOW, tick=False):
        token = survey_token(enrolment_id=enrolment.pk)
    with translation.override("en"):
        url = reverse("evaluation:survey_link", args=[token])
        forged = reverse("evaluation:survey_link", args=[token[:-2] + "xx"])
    with time_machine.travel(NOW + DAY, tick=False):
        assert client.get(url).status_code == 200
        assert client.get(forged).status_code == 404
        client.force_login(UserFactory())
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403
        client.logout()
    with time_machine.travel(NOW + TOKEN_MAX_AGE + DAY, tick=False):
        assert client.get(url).status_code == 404
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.WITHDRAWN)
    with time_machine.travel(NOW + DAY, tick=False):
        assert client.post(url, {}).status_code == 403
    assert Response.objects.count() == 0


def test_a_programmes_impact_questionnaire_sets_the_delay_of_its_courses(course, learner):
    from wagtail.models import Page

    from courses.evaluation.models import QuestionnaireChoice
    from courses.models import ProgrammeCourse, ProgrammeIndexPage, ProgrammePage

    home = Page.objects.get(depth=2, locale__language_code="en")
    index = ProgrammeIndexPage.objects.first() or home.add_child(
        instance=ProgrammeIndexPage(title="Programmes", slug="programmes")
    )
    programme = index.add_child(
        instance=ProgrammePage(title="Ecosystem", slug="ecosystem", summary="A path.")
    )
    ProgrammeCourse.objects.create(page=programme, course=course, is_required=True)
    form = questionnaire(purpose=Purpose.IMPACT, default=False, delay=45)
    QuestionnaireChoice.objects.create(
        purpose=Purpose.IMPACT,
        programme_key=programme.translation_key,
        questionnaire_key=form.translation_key,
    )
    completed(course, learner, at=NOW)
    completed(factories.course("Outside"), UserFactory(), at=NOW)  # no questionnaire: none
    sweep(NOW + 44 * DAY)
    assert surveys() == []
    sweep(NOW + 45 * DAY)
    (row,) = surveys()
    assert row.recipient == learner


def test_the_impact_results_count_the_rate_among_those_surveyed(
    client, course, learner, secretariat
):
    form = questionnaire(purpose=Purpose.IMPACT)
    completed(course, learner, at=NOW)
    completed(course, UserFactory(time_zone="UTC"), at=NOW)
    completed(course, UserFactory(time_zone="UTC"), at=NOW - 200 * DAY)  # never surveyed
    sweep(NOW + 90 * DAY)
    (message, _other) = mail.outbox
    path = "/" + _link(message).split("/", 3)[3]
    ids = block_ids(form)
    with time_machine.travel(NOW + 91 * DAY, tick=False):
        client.post(path, {f"q-{ids[0]}": "4", f"q-{ids[1]}": ["1"]})
    client.force_login(secretariat)
    url = reverse("evaluation_results:course", args=[course.translation_key, Purpose.IMPACT])
    body = client.get(url).content.decode()
    assert "Surveyed" in body
    assert "50 %" in body  # one answer of the two surveyed
    assert "4.0" in body
