"""The admin home per role: a trainer sees their courses with edit links, their drafts and
submissions, and translations gone out of date; a coordinator their organisation's
requests, learners behind and completions; the secretariat the review queue, quiet
organisations and failed e-mails. Each panel is scoped like the report it links to."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail_localize.models import Translation, TranslationSource

from courses.models import Enrolment, NotificationDelivery
from courses.services.learning import enrolment_create
from lms.services import membership_create
from tests.courses import factories as pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
HOME = "/admin/"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(seoul, bamako, bamako_coordinator, seoul_coordinator, trainer, secretariat):
    taught = pages.course("Taught course", trainers=(trainer,))
    pages.module(taught, "Taught module")
    untaught = pages.course("Untaught course")
    aminata = UserFactory(full_name="Aminata Bamakoise")
    membership_create(user=aminata, organisation=bamako, confirmed=True)
    kim = UserFactory(full_name="Kim Seoulite")
    membership_create(user=kim, organisation=seoul, confirmed=True)
    membership_create(user=UserFactory(full_name="Ibrahim Pending"), organisation=bamako)
    membership_create(user=UserFactory(full_name="Min-jun Pending"), organisation=seoul)
    behind = enrolment_create(user=aminata, course=taught)
    Enrolment.objects.filter(pk=behind.pk).update(
        due_on=dt.date(2026, 11, 1), last_activity_at=NOW - dt.timedelta(days=40)
    )
    done = enrolment_create(user=aminata, course=untaught)
    Enrolment.objects.filter(pk=done.pk).update(
        status=Enrolment.Status.COMPLETED, completed_at=NOW - dt.timedelta(days=1)
    )
    seoul_done = enrolment_create(user=kim, course=untaught)
    Enrolment.objects.filter(pk=seoul_done.pk).update(
        status=Enrolment.Status.COMPLETED, completed_at=NOW - dt.timedelta(days=2)
    )
    return {"taught": taught, "untaught": untaught}


def _home(client, user, django_assert_max_num_queries, budget):
    client.force_login(user)
    with django_assert_max_num_queries(budget):
        response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_trainer_home_lists_my_courses_with_edit_links_and_nothing_else(
    client, world, trainer, django_assert_max_num_queries
):
    html = _home(client, trainer, django_assert_max_num_queries, 35)
    assert 'id="gsef-trainer' in html
    assert reverse("wagtailadmin_pages:edit", args=[world["taught"].pk]) in html
    assert reverse("learning:trainer_course", args=[world["taught"].pk]) in html
    assert "Untaught course" not in html
    assert 'id="gsef-coordinator' not in html and 'id="gsef-secretariat' not in html


def test_trainer_home_lists_drafts_and_submissions_awaiting_review(
    client, world, trainer, django_assert_max_num_queries
):
    draft = pages.module(world["taught"], "Half-written module", live=False)
    submitted = pages.module(world["taught"], "Module in review", live=False)
    Workflow.objects.get(name="Secretariat review").start(submitted, trainer)
    pages.module(world["untaught"], "Someone else's draft", live=False)

    html = _home(client, trainer, django_assert_max_num_queries, 35)

    assert "Half-written module" in html and "Module in review" in html
    assert "awaiting review" in html
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in html
    assert "Someone else&#x27;s draft" not in html and "Someone else's draft" not in html


def test_changing_the_english_course_flags_its_translations_out_of_date(
    client, world, trainer, secretariat, django_assert_max_num_queries
):
    course = world["taught"]
    pages.translate(course, "fr", title="Cours enseigné")
    source, _created = TranslationSource.get_or_create_from_instance(course)
    Translation.objects.create(source=source, target_locale=pages.locale("fr"), enabled=True)
    html = _home(client, trainer, django_assert_max_num_queries, 35)
    assert "Every translation follows its original version." in html

    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        course.summary = "A new English summary."
        course.save_revision(user=trainer)
        html = _home(client, trainer, django_assert_max_num_queries, 35)
        assert "changed since its translation was last updated" in html
        assert "The secretariat syncs the translations" in html
        # The secretariat may sync; the link leads to wagtail-localize's sync view.
        sync = reverse("wagtail_localize:update_translations", args=[source.pk])
        assert sync not in html
        source.update_from_db()
        html = _home(client, trainer, django_assert_max_num_queries, 35)
        assert "Every translation follows its original version." in html


def test_coordinator_home_shows_my_organisation_only(
    client, world, bamako_coordinator, django_assert_max_num_queries
):
    html = _home(client, bamako_coordinator, django_assert_max_num_queries, 35)
    assert 'id="gsef-coordinator' in html
    assert "Ibrahim Pending" in html and "Min-jun Pending" not in html
    assert "1 past their deadline" in html
    assert "1 inactive for 14 days or more" in html
    assert "Aminata Bamakoise" in html
    assert "Kim Seoulite" not in html
    assert reverse("memberships:index") + "?status=requested" in html
    assert 'id="gsef-trainer' not in html and 'id="gsef-secretariat' not in html


def test_other_coordinator_sees_none_of_bamakos_people(
    client, world, seoul_coordinator, django_assert_max_num_queries
):
    html = _home(client, seoul_coordinator, django_assert_max_num_queries, 35)
    assert "Min-jun Pending" in html and "Kim Seoulite" in html
    assert "Ibrahim Pending" not in html and "Aminata Bamakoise" not in html
    assert "0 past their deadline" in html


def test_secretariat_home_shows_review_queue_quiet_organisations_and_failed_emails(
    client, world, secretariat, trainer, bamako, django_assert_max_num_queries
):
    submitted = pages.module(world["taught"], "Module in review", live=False)
    Workflow.objects.get(name="Secretariat review").start(submitted, trainer)
    NotificationDelivery.objects.create(
        kind=NotificationDelivery.Kind.OVERDUE,
        recipient=trainer,
        subject_key="x",
        status=NotificationDelivery.Status.FAILED,
        created_at=timezone.now(),
        due_at=timezone.now(),
        to_email="bounce@example.org",
    )
    html = _home(client, secretariat, django_assert_max_num_queries, 35)
    assert 'id="gsef-secretariat' in html
    assert "Module in review" in html and "1 page in review" in html
    # Seoul's last activity is the enrolment above; Bamako's learner was idle 40 days,
    # neither is quiet for 90 days, so the panel says so.
    assert "bounce@example.org" in html and "1 e-mail failed" in html


def test_secretariat_home_names_organisations_without_activity(
    client, secretariat, seoul, bamako, django_assert_max_num_queries
):
    html = _home(client, secretariat, django_assert_max_num_queries, 35)
    assert "District of Bamako" in html and "Seoul Metropolitan Government" in html
    assert "no learner activity yet" in html
    assert "No e-mail failed." in html and "No page is waiting for review." in html


def test_a_learner_never_sees_the_home_panels(client, world, bamako):
    learner = UserFactory()
    membership_create(user=learner, organisation=bamako, confirmed=True)
    client.force_login(learner)
    response = client.get(HOME)
    assert response.status_code in (302, 403)
