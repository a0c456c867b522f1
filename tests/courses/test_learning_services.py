"""The learner's record: enrolment rules, modules, quizzes, progress, completion."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from courses import events
from courses.models import CoursePage, Enrolment, ModuleCompletion, QuizAttempt
from courses.services.learning import (
    enrolment_create,
    enrolment_evaluate,
    enrolment_withdraw,
    learner_records_erase,
    module_complete,
    quiz_form_token,
    quiz_submit,
    refusal_code,
)
from lms.services import membership_create
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = {"q1": ["q1-a"], "q2": ["q2-a", "q2-c"]}
HALF = {"q1": ["q1-a"], "q2": ["q2-a"]}
WRONG = {"q1": ["q1-b"], "q2": ["q2-b"]}


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Aminata Traoré", time_zone="Africa/Bamako")


@pytest.fixture
def course(db):
    return factories.course("Cooperatives 101")


def _submit(enrolment, module, answers, token=None):
    return quiz_submit(
        enrolment=enrolment,
        module=module,
        answers=answers,
        form_token=token or quiz_form_token(enrolment=enrolment, module=module),
    )


@pytest.fixture
def completions():
    """Every course_completed event sent, as (enrolment_id, user_id)."""
    sent = []

    def receiver(sender, enrolment_id, user_id, **kwargs):
        sent.append((enrolment_id, user_id))

    events.course_completed.connect(receiver, dispatch_uid="test-receiver")
    yield sent
    events.course_completed.disconnect(dispatch_uid="test-receiver")


# --- enrolment rules ------------------------------------------------------------------------


def test_a_learner_enrols_in_an_open_course_and_enrolling_again_changes_nothing(learner, course):
    first = enrolment_create(user=learner, course=course)
    second = enrolment_create(user=learner, course=course)

    assert first.pk == second.pk
    assert Enrolment.objects.count() == 1
    assert first.status == "active"
    assert first.source == "self"
    assert first.course_key == course.translation_key


def test_a_course_that_is_not_published_cannot_be_joined(learner):
    draft = factories.course("Draft", live=False)

    with pytest.raises(ValidationError) as error:
        enrolment_create(user=learner, course=draft)

    assert error.value.code == "not_published"
    assert "not published" in error.value.messages[0]
    assert not Enrolment.objects.exists()


def test_a_closed_course_says_on_which_date_it_closed(learner):
    closed = factories.course(
        "Closed",
        enrolment_closes_at=dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC),
    )

    with pytest.raises(ValidationError) as error:
        enrolment_create(user=learner, course=closed)

    assert error.value.code == "closed"
    assert error.value.messages == ["Enrolment closed on 1 March 2025."]


def test_a_course_not_yet_open_says_when_it_opens(learner):
    later = factories.course("Later", enrolment_opens_at=timezone.now() + dt.timedelta(days=30))

    with pytest.raises(ValidationError) as error:
        enrolment_create(user=learner, course=later)

    assert error.value.code == "not_yet_open"
    assert error.value.messages[0].startswith("Enrolment opens on ")


def test_a_members_course_refuses_a_learner_whose_membership_is_still_pending(learner, bamako):
    membership_create(user=learner, organisation=bamako, confirmed=False)
    members = factories.course("Members", audience=CoursePage.Audience.MEMBERS)

    with pytest.raises(ValidationError) as error:
        enrolment_create(user=learner, course=members)

    assert error.value.code == "members_only"
    assert "District of Bamako is waiting for its coordinator" in error.value.messages[0]


def test_a_confirmed_member_joins_a_members_course_for_their_organisation(learner, bamako):
    membership_create(user=learner, organisation=bamako, confirmed=True)
    members = factories.course("Members", audience=CoursePage.Audience.MEMBERS)

    enrolment = enrolment_create(user=learner, course=members)

    assert enrolment.organisation == bamako


def test_a_member_of_a_deactivated_organisation_is_refused_a_members_course(learner, bamako):
    membership_create(user=learner, organisation=bamako, confirmed=True)
    bamako.is_active = False
    bamako.save(update_fields=["is_active"])
    members = factories.course("Members", audience=CoursePage.Audience.MEMBERS)
    reserved = factories.course("Bamako only", audience=CoursePage.Audience.NAMED)
    reserved.audience_organisations.set([bamako])
    reserved.save_revision().publish()

    for course, code in ((members, "members_only"), (reserved, "reserved")):
        with pytest.raises(ValidationError) as error:
            enrolment_create(user=learner, course=course)
        assert error.value.code == code
    assert not Enrolment.objects.exists()


def test_a_course_reserved_to_named_organisations_names_them_to_others(learner, bamako, seoul):
    membership_create(user=learner, organisation=bamako, confirmed=True)
    reserved = factories.course("Seoul only", audience=CoursePage.Audience.NAMED)
    reserved.audience_organisations.set([seoul])
    reserved.save_revision().publish()

    with pytest.raises(ValidationError) as error:
        enrolment_create(user=learner, course=reserved)

    assert error.value.code == "reserved"
    assert "reserved to members of Seoul Metropolitan Government" in error.value.messages[0]


def test_a_member_of_a_named_organisation_is_enrolled_for_that_organisation(learner, bamako, seoul):
    membership_create(user=learner, organisation=seoul, confirmed=True)
    membership_create(user=learner, organisation=bamako, confirmed=True)
    reserved = factories.course("Bamako only", audience=CoursePage.Audience.NAMED)
    reserved.audience_organisations.set([bamako])
    reserved.save_revision().publish()

    assert enrolment_create(user=learner, course=reserved).organisation == bamako


def test_a_learner_must_confirm_their_email_before_enrolling_themselves(course):
    unverified = UserFactory(email_verified_at=None)

    with pytest.raises(ValidationError) as error:
        enrolment_create(user=unverified, course=course)

    assert error.value.code == "unverified"
    assert unverified.email in error.value.messages[0]


def test_a_coordinator_enrols_a_member_of_their_organisation(
    learner, bamako, bamako_coordinator, course
):
    membership_create(user=learner, organisation=bamako, confirmed=True)

    enrolment = enrolment_create(
        user=learner, course=course, source="coordinator", enrolled_by=bamako_coordinator
    )

    assert (enrolment.source, enrolment.enrolled_by, enrolment.organisation) == (
        "coordinator",
        bamako_coordinator,
        bamako,
    )


def test_a_coordinator_cannot_enrol_someone_from_another_organisation(
    learner, bamako, seoul_coordinator, course
):
    membership_create(user=learner, organisation=bamako, confirmed=True)

    with pytest.raises(ValidationError) as error:
        enrolment_create(
            user=learner, course=course, source="coordinator", enrolled_by=seoul_coordinator
        )

    assert error.value.code == "not_a_member"
    assert not Enrolment.objects.exists()


def test_a_relative_deadline_counts_days_from_the_learners_own_date(course):
    CoursePage.objects.filter(pk=course.pk).update(deadline_policy="relative", deadline_days=10)
    course.refresh_from_db()
    in_seoul = UserFactory(time_zone="Asia/Seoul")
    # 20:00 UTC on 1 March is already 2 March in Seoul.
    now = dt.datetime(2026, 3, 1, 20, tzinfo=dt.UTC)

    enrolment = enrolment_create(user=in_seoul, course=course, now=now)

    assert enrolment.due_on == dt.date(2026, 3, 12)


def test_a_fixed_deadline_is_the_courses_date_and_a_coordinator_may_set_another(
    learner, bamako, bamako_coordinator
):
    fixed = factories.course("Fixed", deadline_policy="fixed", deadline_date=dt.date(2027, 6, 30))
    membership_create(user=learner, organisation=bamako, confirmed=True)
    other = UserFactory()
    membership_create(user=other, organisation=bamako, confirmed=True)

    assert enrolment_create(user=learner, course=fixed).due_on == dt.date(2027, 6, 30)
    chosen = enrolment_create(
        user=other,
        course=fixed,
        source="coordinator",
        enrolled_by=bamako_coordinator,
        due_on=dt.date(2027, 1, 31),
    )
    assert chosen.due_on == dt.date(2027, 1, 31)


# --- withdrawing and coming back -------------------------------------------------------------


def test_withdrawing_and_enrolling_again_keeps_the_modules_already_completed(learner, course):
    first = factories.module(course, "One")
    factories.module(course, "Two")
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=first)

    enrolment_withdraw(enrolment=enrolment)
    enrolment_withdraw(enrolment=enrolment)  # twice is once
    enrolment.refresh_from_db()
    assert enrolment.status == "withdrawn"

    again = enrolment_create(user=learner, course=course)

    assert again.pk == enrolment.pk
    assert again.status == "active"
    assert again.withdrawn_at is None
    assert again.modules_completed == 1
    assert again.progress_percent == 50


def test_a_withdrawn_learner_cannot_complete_modules(learner, course):
    module = factories.module(course)
    enrolment = enrolment_create(user=learner, course=course)
    enrolment_withdraw(enrolment=enrolment)

    with pytest.raises(ValidationError) as error:
        module_complete(enrolment=enrolment, module=module)

    assert error.value.code == "withdrawn"
    assert not ModuleCompletion.objects.exists()


def test_a_completed_course_cannot_be_withdrawn_from(learner, course):
    module = factories.module(course)
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=module)

    with pytest.raises(ValidationError) as error:
        enrolment_withdraw(enrolment=enrolment)

    assert error.value.code == "completed"


# --- modules ------------------------------------------------------------------------------


def test_marking_a_module_complete_twice_records_it_once(learner, course):
    module = factories.module(course)
    factories.module(course)
    enrolment = enrolment_create(user=learner, course=course)

    module_complete(enrolment=enrolment, module=module)
    module_complete(enrolment=enrolment, module=module)

    assert ModuleCompletion.objects.filter(enrolment=enrolment).count() == 1
    enrolment.refresh_from_db()
    assert (enrolment.modules_completed, enrolment.modules_required) == (1, 2)
    assert enrolment.progress_percent == 50
    assert enrolment.last_module_key == module.translation_key


def test_a_module_with_a_quiz_is_not_completed_by_marking_it(learner, course):
    module = factories.module(course, body=factories.quiz_body())
    enrolment = enrolment_create(user=learner, course=course)

    with pytest.raises(ValidationError) as error:
        module_complete(enrolment=enrolment, module=module)

    assert error.value.code == "quiz_required"
    assert not ModuleCompletion.objects.exists()


def test_a_module_of_another_course_is_refused(learner, course):
    other = factories.module(factories.course("Other"))
    enrolment = enrolment_create(user=learner, course=course)

    with pytest.raises(ValidationError) as error:
        module_complete(enrolment=enrolment, module=other)

    assert error.value.code == "wrong_course"
    assert not ModuleCompletion.objects.exists()


# --- quizzes --------------------------------------------------------------------------------


def test_a_quiz_is_graded_on_the_server_and_a_pass_completes_the_module(learner, course):
    module = factories.module(course, body=factories.quiz_body(pass_mark=100))
    enrolment = enrolment_create(user=learner, course=course)

    failed = _submit(enrolment, module, HALF)
    assert (failed.score, failed.passed) == (50, False)
    assert failed.results == {"q1": True, "q2": False}
    assert failed.answers == HALF
    assert not ModuleCompletion.objects.exists()

    passed = _submit(enrolment, module, RIGHT)
    assert (passed.score, passed.passed) == (100, True)
    completion = ModuleCompletion.objects.get()
    assert completion.method == "quiz"
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_a_worse_attempt_after_a_pass_does_not_undo_it(learner, course):
    module = factories.module(course, body=factories.quiz_body(pass_mark=50))
    factories.module(course)  # keeps the course open after the quiz
    enrolment = enrolment_create(user=learner, course=course)

    _submit(enrolment, module, RIGHT)
    _submit(enrolment, module, WRONG)

    assert QuizAttempt.objects.count() == 2
    assert ModuleCompletion.objects.filter(module_key=module.translation_key).exists()


def test_a_replayed_quiz_form_is_refused_and_stores_nothing(learner, course):
    module = factories.module(course, body=factories.quiz_body())
    enrolment = enrolment_create(user=learner, course=course)
    token = quiz_form_token(enrolment=enrolment, module=module)
    _submit(enrolment, module, WRONG, token)

    with pytest.raises(ValidationError) as error:
        _submit(enrolment, module, RIGHT, token)

    assert error.value.code == "replayed"
    assert QuizAttempt.objects.count() == 1
    assert not ModuleCompletion.objects.exists()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"q1": ["q1-z"], "q2": ["q2-a"]}, "Question 1: that answer is not one of its options."),
        ({"q1": ["q2-a"], "q2": ["q2-a"]}, "Question 1: that answer is not one of its options."),
        ({"q1": ["q1-a", "q1-b"], "q2": ["q2-a"]}, "Question 1: choose only one answer."),
        ({"q1": ["q1-a"]}, "Answer question 2."),
        ({"q1": ["q1-a"], "q2": ["q2-a"], "q9": ["x"]}, "not in this quiz"),
    ],
)
def test_impossible_answers_are_refused_and_store_nothing(learner, course, answers, message):
    module = factories.module(course, body=factories.quiz_body())
    enrolment = enrolment_create(user=learner, course=course)

    with pytest.raises(ValidationError) as error:
        _submit(enrolment, module, answers)

    assert refusal_code(error.value) == "invalid_answers"
    assert any(message in text for text in error.value.messages)
    assert not QuizAttempt.objects.exists()


def test_a_quiz_form_of_another_module_or_learner_is_refused(learner, course):
    first = factories.module(course, body=factories.quiz_body())
    second = factories.module(course, body=factories.quiz_body())
    enrolment = enrolment_create(user=learner, course=course)
    someone = enrolment_create(user=UserFactory(), course=course)

    for token in (
        quiz_form_token(enrolment=enrolment, module=second),
        quiz_form_token(enrolment=someone, module=first),
        "forged",
    ):
        with pytest.raises(ValidationError) as error:
            _submit(enrolment, first, RIGHT, token)
        assert error.value.code == "bad_form"
    assert not QuizAttempt.objects.exists()


def test_an_old_quiz_form_is_refused_as_expired(learner, course, monkeypatch):
    module = factories.module(course, body=factories.quiz_body())
    enrolment = enrolment_create(user=learner, course=course)
    token = quiz_form_token(enrolment=enrolment, module=module)
    monkeypatch.setattr("courses.services.learning.QUIZ_FORM_MAX_AGE", -1)

    with pytest.raises(ValidationError) as error:
        _submit(enrolment, module, RIGHT, token)

    assert error.value.code == "expired"


# --- completion -----------------------------------------------------------------------------


def test_the_course_completes_once_when_every_required_module_is_done(
    learner, course, completions, django_capture_on_commit_callbacks
):
    first = factories.module(course)
    optional = factories.module(course, is_required=False)
    last = factories.module(course)
    enrolment = enrolment_create(user=learner, course=course)

    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=first)
        enrolment.refresh_from_db()
        assert enrolment.status == "active"
        module_complete(enrolment=enrolment, module=last)
        module_complete(enrolment=enrolment, module=optional)
        enrolment_evaluate(enrolment=enrolment)

    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    assert enrolment.completed_at is not None
    assert enrolment.progress_percent == 100
    assert completions == [(enrolment.pk, learner.pk)]


def test_the_completed_event_is_not_sent_when_the_transaction_rolls_back(
    learner, course, completions, django_capture_on_commit_callbacks
):
    module = factories.module(course)
    enrolment = enrolment_create(user=learner, course=course)

    with django_capture_on_commit_callbacks() as callbacks:
        module_complete(enrolment=enrolment, module=module)

    # The callbacks were registered, not run: nothing is sent before a commit.
    assert len(callbacks) == 1
    assert completions == []


def test_a_minimum_quiz_score_is_the_average_of_best_scores(learner):
    course = factories.course("Scored", completion_min_quiz_score=75)
    one = factories.module(course, body=factories.quiz_body(pass_mark=50))
    two = factories.module(course, body=factories.quiz_body(pass_mark=50))
    enrolment = enrolment_create(user=learner, course=course)

    _submit(enrolment, one, HALF)  # 50, passes the module
    _submit(enrolment, two, HALF)  # 50, passes the module
    enrolment.refresh_from_db()
    assert enrolment.modules_completed == 2
    assert enrolment.status == "active"  # average 50 < 75

    _submit(enrolment, one, RIGHT)  # best scores 100 and 50: average 75
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_an_unattempted_quiz_counts_as_zero_in_the_minimum_average(learner):
    course = factories.course("Scored", completion_min_quiz_score=60)
    taken = factories.module(course, body=factories.quiz_body(pass_mark=50))
    skipped = factories.module(course, body=factories.quiz_body(pass_mark=50), is_required=False)
    enrolment = enrolment_create(user=learner, course=course)

    _submit(enrolment, taken, RIGHT)  # 100, and the only required module is done
    enrolment.refresh_from_db()
    assert enrolment.progress_percent == 100
    assert enrolment.status == "active"  # (100 + 0) / 2 = 50 < 60, not 100

    _submit(enrolment, skipped, HALF)  # (100 + 50) / 2 = 75
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_a_course_that_asks_for_webinars_is_not_completed_by_modules_alone(learner):
    course = factories.course("Blended", completion_min_webinars=1)
    module = factories.module(course)
    enrolment = enrolment_create(user=learner, course=course)

    module_complete(enrolment=enrolment, module=module)

    enrolment.refresh_from_db()
    assert enrolment.status == "active"
    assert enrolment.progress_percent == 100


def test_a_course_without_modules_is_not_complete_on_enrolment(learner, course):
    enrolment = enrolment_create(user=learner, course=course)

    assert enrolment_evaluate(enrolment=enrolment) is False


# --- one course, many languages -------------------------------------------------------------


def test_progress_follows_the_learner_from_french_to_spanish_and_completes_once(
    learner, completions, django_capture_on_commit_callbacks
):
    english = factories.course("Public procurement")
    modules = [factories.module(english, f"Module {n}") for n in (1, 2, 3)]
    french = factories.translate(english, "fr", title="Marchés publics")
    spanish = factories.translate(english, "es", title="Compras públicas")
    french_modules = [factories.translate_module(module, "fr") for module in modules]
    spanish_modules = [factories.translate_module(module, "es") for module in modules]

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=learner, course=french)
        module_complete(enrolment=enrolment, module=french_modules[0])
        module_complete(enrolment=enrolment, module=french_modules[1])
        # Half-way, the learner switches to Spanish: same enrolment, same progress.
        same = enrolment_create(user=learner, course=spanish)
        assert same.pk == enrolment.pk
        same.refresh_from_db()
        assert same.modules_completed == 2
        module_complete(enrolment=same, module=spanish_modules[1])  # already done in French
        module_complete(enrolment=same, module=spanish_modules[2])

    enrolment.refresh_from_db()
    assert Enrolment.objects.count() == 1
    assert ModuleCompletion.objects.count() == 3
    assert (enrolment.status, enrolment.modules_required) == ("completed", 3)
    assert completions == [(enrolment.pk, learner.pk)]


def test_a_quiz_passed_in_one_language_counts_in_another(learner):
    english = factories.course("Procurement")
    module = factories.module(english, body=factories.quiz_body(pass_mark=100))
    factories.module(english)
    factories.translate(english, "ko", title="공공 조달")
    korean_module = factories.translate_module(module, "ko")
    enrolment = enrolment_create(user=learner, course=english)

    _submit(enrolment, korean_module, RIGHT)

    completion = ModuleCompletion.objects.get()
    assert completion.module_key == module.translation_key
    assert completion.module_page == korean_module


# --- concurrency: two clicks at once ---------------------------------------------------------


def _race(target, count=2):
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as error:  # collected and asserted by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_complete_clicks_at_once_give_one_completion_row():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises the whole database")
    learner = UserFactory()
    course = factories.course("Race")
    module = factories.module(course)
    factories.module(course)
    enrolment = enrolment_create(user=learner, course=course)

    errors = _race(lambda: module_complete(enrolment=enrolment, module=module))

    assert errors == []
    assert ModuleCompletion.objects.filter(enrolment=enrolment).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_enrol_clicks_at_once_give_one_enrolment():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises the whole database")
    learner = UserFactory()
    course = factories.course("Race")

    errors = _race(lambda: enrolment_create(user=learner, course=course), count=4)

    assert errors == []
    assert Enrolment.objects.filter(user=learner).count() == 1


# --- personal data --------------------------------------------------------------------------


def test_erasing_a_learner_keeps_their_anonymous_record_for_their_organisation(
    learner, bamako, course
):
    membership_create(user=learner, organisation=bamako, confirmed=True)
    module = factories.module(course)
    enrolment = enrolment_create(user=learner, course=course)
    module_complete(enrolment=enrolment, module=module)

    assert learner_records_erase(user=learner) == 1

    enrolment.refresh_from_db()
    assert enrolment.user is None
    assert enrolment.organisation == bamako
    assert enrolment.status == "completed"
    assert enrolment.learner_erased_at is not None
    assert ModuleCompletion.objects.filter(enrolment=enrolment).exists()


def test_enrolling_asks_for_the_confirmation_at_once_and_only_once(
    learner, course, django_capture_on_commit_callbacks
):
    from django.core import mail

    from courses.models import NotificationDelivery

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(user=learner, course=course)
        enrolment_create(user=learner, course=course)

    assert NotificationDelivery.objects.filter(kind="enrolment_confirmation").count() == 1
    assert [message.to for message in mail.outbox] == [[learner.email]]
