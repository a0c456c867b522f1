"""One attribution rule: an enrolment counts for the organisation whose membership was
requested, invited or active when it was made, once that membership is active; history
never moves between organisations except by the secretariat's logged transfer."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import Certificate, Enrolment
from courses.selectors.attribution import attributed_enrolments
from courses.selectors.notifications import digest_for
from courses.selectors.reports import progress_report, report_scope
from courses.selectors.webinars import coordinated_people
from courses.services.certificates import archive_certificates
from courses.services.imports import EnrolmentRow, Outcome, enrolment_import
from courses.services.learning import enrolment_create, enrolment_withdraw
from lms.models import Membership
from lms.services import (
    membership_accept,
    membership_confirm,
    membership_create,
    membership_decline,
    membership_invite,
    membership_transfer,
)
from tests.courses import factories as pages
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC)


@pytest.fixture
def mexico(db):
    return OrganisationFactory(
        name="Mexico City", short_name="CDMX", country="MX", city="Mexico", region="americas"
    )


@pytest.fixture
def mexico_coordinator(mexico):
    user = UserFactory(full_name="Coordinadora CDMX")
    membership_create(user=user, organisation=mexico, role="coordinator", confirmed=True)
    return user


@pytest.fixture
def course():
    return pages.course("Social economy basics")


def _invite(organisation, user, by):
    return membership_invite(
        organisation=organisation,
        email=user.email,
        full_name="",
        preferred_language="en",
        invited_by=by,
    ).membership


@time_machine.travel(NOW, tick=True)
def test_another_coordinator_cannot_capture_a_learner_or_his_history(
    course, bamako, bamako_learner, bamako_coordinator, mexico, mexico_coordinator
):
    enrolment = enrolment_create(user=bamako_learner, course=course)
    assert enrolment.organisation == bamako
    invited = _invite(mexico, bamako_learner, mexico_coordinator)

    # Invited: nothing changes for Mexico's coordinator.
    mexico_scope = report_scope(user=mexico_coordinator)
    assert not progress_report(scope=mexico_scope).exists()
    assert not coordinated_people(mexico_coordinator).filter(user_id=bamako_learner.pk).exists()
    other = pages.course("Another course")
    with pytest.raises(ValidationError, match="not an active member"):
        enrolment_create(
            user=bamako_learner, course=other, source="coordinator", enrolled_by=mexico_coordinator
        )

    # Declined: still nothing.
    membership_decline(membership=invited, by=bamako_learner)
    assert not progress_report(scope=report_scope(user=mexico_coordinator)).exists()

    # Invited again and accepted: a member of both, his Bamako history stays Bamako's.
    invited = _invite(mexico, bamako_learner, mexico_coordinator)
    membership_accept(membership=invited, by=bamako_learner)
    assert set(
        Membership.objects.filter(user=bamako_learner).values_list("organisation", "status")
    ) == {(bamako.pk, "active"), (mexico.pk, "active")}
    enrolment.refresh_from_db()
    assert enrolment.organisation == bamako
    enrolment_withdraw(enrolment=enrolment)
    again = enrolment_create(
        user=bamako_learner, course=course, source="coordinator", enrolled_by=mexico_coordinator
    )
    assert again.pk == enrolment.pk and again.organisation == bamako  # re-enrolling moves nothing
    assert not progress_report(scope=report_scope(user=mexico_coordinator)).exists()
    assert [row.pk for row in progress_report(scope=report_scope(user=bamako_coordinator))] == [
        enrolment.pk
    ]


@time_machine.travel(NOW, tick=True)
def test_a_learner_who_enrolled_while_requested_counts_once_confirmed(
    client, course, bamako, bamako_coordinator, django_assert_max_num_queries
):
    awa = UserFactory(full_name="Awa Diarra")
    requested = membership_create(user=awa, organisation=bamako)
    enrolment = enrolment_create(user=awa, course=course)
    assert enrolment.organisation is None
    scope = report_scope(user=bamako_coordinator)
    assert not progress_report(scope=scope).exists()

    membership_confirm(membership=requested, by=bamako_coordinator)

    enrolment.refresh_from_db()
    assert enrolment.organisation == bamako
    assert [row.user for row in progress_report(scope=scope)] == [awa]
    assert list(attributed_enrolments([bamako])) == [enrolment]
    digest = digest_for(user=bamako_coordinator, now=NOW + dt.timedelta(hours=1))
    enrolled = next(section for section in digest.sections if section.key == "enrolled")
    assert [line.learner for line in enrolled.lines] == ["Awa Diarra"]
    client.force_login(bamako_coordinator)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("learning:progress"))
    assert "Awa Diarra" in page.content.decode()


@time_machine.travel(NOW, tick=True)
def test_an_invited_learners_enrolments_count_once_they_accept(course, mexico, mexico_coordinator):
    person = UserFactory()
    before = enrolment_create(user=person, course=pages.course("Before the invitation"))
    invited = _invite(mexico, person, mexico_coordinator)
    during = enrolment_create(user=person, course=course)
    membership_accept(membership=invited, by=person)
    before.refresh_from_db()
    during.refresh_from_db()
    assert (before.organisation, during.organisation) == (None, mexico)


def test_certificates_follow_their_enrolment_into_the_organisations_zip(
    course, bamako, bamako_coordinator
):
    person = UserFactory()
    requested = membership_create(user=person, organisation=bamako)
    enrolment = enrolment_create(user=person, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(status="completed", completed_at=NOW)
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        user=person,
        course_key=course.translation_key,
        language="en",
        learner_name=person.full_name,
        title=course.title,
        completed_on=NOW.date(),
        issuer="GSEF",
        code="TESTCODE0001",
        kind="completion",
        issued_at=NOW,
    )
    membership_confirm(membership=requested, by=bamako_coordinator)
    assert list(
        archive_certificates(organisation_id=bamako.pk, course_key=course.translation_key)
    ) == [certificate]


def test_moving_a_person_takes_their_history_only_when_asked(
    course, bamako, bamako_learner, mexico, seoul, secretariat
):
    enrolment = enrolment_create(user=bamako_learner, course=course)
    membership = Membership.objects.get(user=bamako_learner, organisation=bamako)
    kept = membership_transfer(
        membership=membership, to_organisation=seoul, move_history=False, by=secretariat
    )
    enrolment.refresh_from_db()
    assert kept.enrolments_moved == 0 and enrolment.organisation == bamako
    moved = membership_transfer(
        membership=kept.membership, to_organisation=mexico, move_history=True, by=secretariat
    )
    enrolment.refresh_from_db()
    assert moved.enrolments_moved == 0 and enrolment.organisation == bamako  # not Seoul's
    back = Membership.objects.get(user=bamako_learner, organisation=mexico)
    membership_transfer(membership=back, to_organisation=seoul, move_history=True, by=secretariat)
    other = enrolment_create(user=bamako_learner, course=pages.course("Later"))
    assert other.organisation == seoul


def test_the_import_invites_an_account_requested_elsewhere_instead_of_enrolling_it(
    course, bamako, seoul, bamako_coordinator
):
    asked_seoul = UserFactory(email="asked@seoul.example")
    membership_create(user=asked_seoul, organisation=seoul)  # requested, not active
    report = enrolment_import(
        organisation=bamako,
        rows=[EnrolmentRow(2, "asked@seoul.example", "", course.title)],
        enrolled_by=bamako_coordinator,
    )
    (row,) = report.results
    assert row.outcome == Outcome.REFUSED and "must agree to join" in row.message
    assert Membership.objects.get(user=asked_seoul, organisation=bamako).status == "invited"
    assert not Enrolment.objects.filter(user=asked_seoul).exists()
