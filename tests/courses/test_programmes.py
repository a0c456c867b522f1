"""Programmes: joining, the completion rule across languages, once; the programme
certificate through the certificates engine (PDF, verification, revocation, sweep, badge);
a course removed from a programme; "My learning"; the page's queries."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.models import (
    Certificate,
    CoursePage,
    Enrolment,
    ProgrammeCourse,
    ProgrammeEnrolment,
)
from courses.services.certificates import certificate_revoke, certificates_sweep
from courses.services.learning import enrolment_create, module_complete, refusal_code
from courses.services.programmes import programme_enrol, programme_evaluate
from tests.courses import factories
from tests.courses import programme_factories as programmes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


def course_with_module(title, **fields):
    course = factories.course(title, **fields)
    factories.module(course, f"{title}: the module")
    return course


def finish(user, course, capture):
    """``user`` completes ``course`` the way a learner does (the events run after commit)."""
    course.refresh_from_db()  # modules translated since: the tree counts them
    with capture(execute=True):
        enrolment = enrolment_create(user=user, course=course)
        for module in course.get_children().live().specific():
            module_complete(enrolment=enrolment, module=module)
    return enrolment


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Aminata Traoré", preferred_language="es")


@pytest.fixture
def courses(db):
    return [
        course_with_module("Introduction to the SSE", effort_hours=2),
        course_with_module("Municipal SSE strategy", effort_hours=3),
        course_with_module("Public procurement", effort_hours=4),
        course_with_module("Financing SSE", effort_hours=5),
    ]


@pytest.fixture
def programme(courses):
    intro, strategy, procurement, financing = courses
    return programmes.programme(
        "Building a local SSE ecosystem",
        required=(intro, strategy),
        electives=(procurement, financing),
        electives_required=1,
    )


def test_the_rule_is_every_required_course_and_n_electives_in_any_language(
    learner, courses, programme, django_capture_on_commit_callbacks
):
    intro, strategy, procurement, _financing = courses
    programme_es = programmes.translate(programme, "es", title="Construir un ecosistema ESS")
    strategy_fr = factories.translate(strategy, "fr", title="Stratégie municipale")
    factories.translate_module(strategy.get_children().first().specific, "fr")
    enrolment = programme_enrol(user=learner, programme=programme_es)
    assert enrolment.programme_key == programme.translation_key

    finish(learner, intro, django_capture_on_commit_callbacks)
    finish(learner, strategy_fr, django_capture_on_commit_callbacks)
    enrolment.refresh_from_db()
    assert enrolment.status == "active"  # an elective is still missing

    finish(learner, procurement, django_capture_on_commit_callbacks)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    certificate = Certificate.objects.get(programme_enrolment=enrolment)
    assert certificate.kind == "programme"
    assert certificate.language == "es"
    assert certificate.title == "Construir un ecosistema ESS"
    assert [row["title"] for row in certificate.courses] == [
        "Introduction to the SSE",
        "Municipal SSE strategy",
        "Public procurement",
        "Financing SSE",
    ]
    assert certificate.hours == 9  # 2 + 3 required, and the shortest elective (4)
    assert certificate.pdf  # rendered by the same engine
    assert programme_evaluate(programme_enrolment=enrolment) is False  # once


def test_a_learner_who_already_did_the_courses_completes_on_joining(
    learner, courses, programme, django_capture_on_commit_callbacks
):
    for course in courses[:3]:
        finish(learner, course, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = programme_enrol(user=learner, programme=programme)
    assert enrolment.status == "completed"
    assert Certificate.objects.filter(programme_enrolment=enrolment).count() == 1


def test_two_evaluations_issue_one_certificate(learner, courses, programme):
    now = timezone.now()
    enrolment = programme_enrol(user=learner, programme=programme)
    for course in courses[:3]:
        Enrolment.objects.create(
            user=learner,
            course_key=course.translation_key,
            status="completed",
            enrolled_at=now,
            completed_at=now,
        )
    from courses.services.certificates import programme_certificate_issue

    assert programme_evaluate(programme_enrolment=enrolment, now=now) is True
    assert programme_evaluate(programme_enrolment=enrolment, now=now) is False
    first = programme_certificate_issue(programme_enrolment_id=enrolment.pk)
    second = programme_certificate_issue(programme_enrolment_id=enrolment.pk)
    assert first.certificate.pk == second.certificate.pk and not second.created
    assert Certificate.objects.filter(kind="programme").count() == 1


def test_the_certificate_verifies_publicly_and_can_be_revoked(
    client, learner, courses, programme, secretariat, django_capture_on_commit_callbacks
):
    programme_enrol(user=learner, programme=programme)
    for course in courses[:3]:
        finish(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(kind="programme")

    page = client.get(reverse("certificate_verify", args=[certificate.display_code]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Building a local SSE ecosystem" in text and "Public procurement" in text

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, by=secretariat, reason="Issued in error")
    certificate.refresh_from_db()
    assert certificate.is_revoked


def test_the_badge_names_the_programme_as_its_achievement(
    learner, courses, programme, django_capture_on_commit_callbacks
):
    from courses.badges.models import IssuedCredential

    programme_enrol(user=learner, programme=programme)
    for course in courses[:3]:
        finish(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(kind="programme")
    credential = IssuedCredential.objects.get(certificate=certificate)
    achievement = credential.payload["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "LearningProgram"
    assert achievement["name"] == "Building a local SSE ecosystem"
    assert f"/badges/achievements/programme/{programme.translation_key}/" in achievement["id"]
    assert "Financing SSE" in achievement["criteria"]["narrative"]


def test_the_sweep_issues_a_certificate_whose_message_was_lost(
    learner, courses, programme, django_capture_on_commit_callbacks
):
    completed_at = timezone.now() - dt.timedelta(hours=1)
    enrolment = ProgrammeEnrolment.objects.create(
        user=learner,
        programme_key=programme.translation_key,
        status="completed",
        enrolled_at=completed_at,
        completed_at=completed_at,
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = certificates_sweep()
    assert result.programme_queued == 1
    assert Certificate.objects.filter(programme_enrolment=enrolment).exists()
    assert certificates_sweep().programme_queued == 0


def test_a_course_removed_from_the_programme_keeps_the_learners_progress(
    learner, courses, programme, django_capture_on_commit_callbacks
):
    intro, strategy, procurement, financing = courses
    enrolment = programme_enrol(user=learner, programme=programme)
    finish(learner, intro, django_capture_on_commit_callbacks)
    finish(learner, financing, django_capture_on_commit_callbacks)

    ProgrammeCourse.objects.filter(page=programme, course=financing).delete()
    programme.save_revision().publish()

    kept = Enrolment.objects.get(user=learner, course_key=financing.translation_key)
    assert kept.status == "completed" and kept.modules_completed == 1
    enrolment.refresh_from_db()
    assert enrolment.status == "active"
    finish(learner, strategy, django_capture_on_commit_callbacks)
    enrolment.refresh_from_db()
    assert enrolment.status == "active"  # financing no longer counts as the elective
    finish(learner, procurement, django_capture_on_commit_callbacks)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_self_service_is_refused_when_a_course_is_not_open_to_the_learner(learner, courses, bamako):
    reserved = course_with_module("For Bamako only", audience=CoursePage.Audience.NAMED)
    reserved.audience_organisations.set([bamako])
    reserved.save_revision().publish()
    programme = programmes.programme(required=(courses[0], reserved))

    with pytest.raises(ValidationError) as refused:
        programme_enrol(user=learner, programme=programme)
    assert refusal_code(refused.value) == "course_not_open"
    assert "“For Bamako only”" in refused.value.messages[0]


def test_a_coordinator_enrols_their_member_and_not_another_organisations(
    programme, bamako_coordinator, bamako_learner, seoul_coordinator
):
    enrolment = programme_enrol(
        user=bamako_learner,
        programme=programme,
        source=ProgrammeEnrolment.Source.COORDINATOR,
        enrolled_by=bamako_coordinator,
    )
    assert (enrolment.source, enrolment.organisation) == (
        "coordinator",
        bamako_coordinator.memberships.get().organisation,
    )
    enrolment.delete()
    with pytest.raises(ValidationError) as refused:
        programme_enrol(
            user=bamako_learner,
            programme=programme,
            source=ProgrammeEnrolment.Source.COORDINATOR,
            enrolled_by=seoul_coordinator,
        )
    assert refusal_code(refused.value) == "not_a_member"


def test_a_learner_cannot_enrol_someone_else(programme, learner, bamako_learner):
    with pytest.raises(ValidationError) as refused:
        programme_enrol(
            user=bamako_learner,
            programme=programme,
            source=ProgrammeEnrolment.Source.COORDINATOR,
            enrolled_by=learner,
        )
    assert refusal_code(refused.value) == "not_allowed"


def test_the_learner_joins_from_the_page_and_sees_progress_on_my_learning(
    client, learner, courses, programme, django_capture_on_commit_callbacks
):
    client.force_login(learner)
    page = client.get(programme.url).content.decode()
    assert "Join this programme" in page and "Elective" in page

    response = client.post(reverse("learn:programme_join", args=[programme.pk]))
    assert response.status_code == 302
    finish(learner, courses[0], django_capture_on_commit_callbacks)

    page = client.get(programme.url).content.decode()
    assert "1 of 3 courses needed are completed." in page
    dashboard = client.get(reverse("learn:dashboard")).content.decode()
    assert "My programmes" in dashboard and "Building a local SSE ecosystem" in dashboard

    client.post(reverse("learn:programme_leave", args=[programme.pk]))
    assert ProgrammeEnrolment.objects.get(user=learner).status == "withdrawn"
    assert Enrolment.objects.get(user=learner).status == "completed"


def test_the_programme_list_shows_programmes_with_courses_and_hours(client, programme):
    index = programme.get_parent()
    page = client.get(index.url).content.decode()
    assert "Building a local SSE ecosystem" in page
    assert "4 courses" in page and "9 hours" in page


def _programme_of(size):
    listed = [course_with_module(f"Course {number}") for number in range(size)]
    return programmes.programme(required=listed[:-1], electives=listed[-1:], electives_required=1)


def test_the_programme_page_costs_the_same_queries_for_more_courses_and_learners(client, learner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = _programme_of(2), _programme_of(6)
    for other in range(5):
        programme_enrol(user=UserFactory(email=f"other{other}@example.org"), programme=large)
    client.force_login(learner)
    programme_enrol(user=learner, programme=small)
    programme_enrol(user=learner, programme=large)
    counts = []
    for programme in (small, large):
        client.get(programme.url)  # what the process remembers (site root paths, ancestors)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(programme.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.fixture
def page_cache_on(settings):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CLOCK_MARGIN = 0
    caches[settings.PAGE_CACHE_ALIAS].clear()


def test_programme_pages_are_cached_for_visitors_and_purged_on_publish(
    client, courses, programme, page_cache_on, django_capture_on_commit_callbacks
):
    index = programme.get_parent().url
    for url in (index, programme.url, courses[1].url):
        assert client.get(url)["X-Page-Cache"] == "miss", url
        assert client.get(url)["X-Page-Cache"] == "hit", url

    intro = courses[0]
    intro.title = "Introduction to the social and solidarity economy"
    with django_capture_on_commit_callbacks(execute=True):
        intro.save_revision().publish()
    for url in (index, programme.url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Introduction to the social and solidarity economy" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        programmes.programme("Financing the social economy", required=(courses[3],))
    response = client.get(index)
    assert response["X-Page-Cache"] == "miss"
    assert "Financing the social economy" in response.content.decode()


def test_download_my_data_lists_programmes_and_deleting_the_account_anonymises_them(
    learner, programme
):
    from courses.personal_data import learning_erase, programmes_export

    programme_enrol(user=learner, programme=programme)
    (row,) = programmes_export(learner)
    assert (row["programme"], row["status"]) == ("Building a local SSE ecosystem", "active")

    learning_erase(learner)
    enrolment = ProgrammeEnrolment.objects.get()
    assert enrolment.user is None and enrolment.learner_erased_at is not None
