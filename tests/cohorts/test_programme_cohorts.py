"""A cohort of a programme: joining goes through the programme's own enrolment service,
and the facilitator's view, the 'behind' rule and the results work on its members."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.cohorts.models import Cohort, CohortModule
from courses.cohorts.selectors import behind_members, cohort_results
from courses.cohorts.services import cohort_enrol
from courses.models import ProgrammeCourse, ProgrammeEnrolment, ProgrammeIndexPage, ProgrammePage
from courses.services.learning import module_complete
from lms.services import membership_create
from tests.cohorts.helpers import NOW
from tests.courses import factories
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db
# Joining goes through the programmes' own service (courses.services.programmes).
pytest.importorskip("courses.services.programmes")


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _programme(*courses) -> ProgrammePage:
    home = factories.catalogue("en").get_parent()
    index = ProgrammeIndexPage(title="Programmes", slug="programmes", live=False)
    home.add_child(instance=index)
    index.save_revision().publish()
    page = ProgrammePage(
        title="Building a local SSE ecosystem", slug="sse-ecosystem", summary="A path.", live=False
    )
    for course in courses:
        page.programme_courses.add(ProgrammeCourse(course=course, is_required=True))
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def setting(bamako, seoul):
    intro = factories.course("Introduction")
    first = factories.module(intro, "First steps")
    factories.module(intro, "Second steps")
    strategy = factories.course("Municipal strategy")
    factories.module(strategy, "Mapping")
    programme = _programme(intro, strategy)
    facilitator = trainer_user(full_name="Fatou Facilitator")
    cohort = Cohort(
        name="Ecosystem cohort",
        programme_page=programme,
        starts_on=dt.date(2027, 2, 22),
        ends_on=dt.date(2027, 5, 1),
    )
    cohort.full_clean()
    cohort.save()
    cohort.facilitators.set([facilitator])
    cohort.save()
    CohortModule.objects.create(
        cohort=cohort,
        module_page=first,
        module_key=first.translation_key,
        due_on=dt.date(2027, 3, 1),
    )
    return programme, intro, first, cohort, facilitator


def _member(cohort, organisation, name):
    user = UserFactory(full_name=name)
    membership_create(user=user, organisation=organisation, confirmed=True)
    return cohort_enrol(cohort=cohort, user=user, now=NOW)


def test_a_programme_cohort_names_the_programme_not_a_course(setting):
    programme, intro, _first, cohort, _facilitator = setting
    assert cohort.programme_key == programme.translation_key
    assert cohort.course_key is None
    both = Cohort(
        name="Both",
        course_page=intro,
        programme_page=programme,
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 3, 2),
    )
    with pytest.raises(ValidationError, match="not both"):
        both.full_clean()


def test_joining_uses_the_programmes_enrolment(setting, bamako):
    programme, _intro, _first, cohort, _facilitator = setting
    member = _member(cohort, bamako, "Awa Bamako")
    enrolment = ProgrammeEnrolment.objects.get(user=member.user)
    assert member.programme_enrolment == enrolment
    assert enrolment.programme_key == programme.translation_key
    assert member.enrolment is None
    assert member.organisation == bamako


def test_the_facilitator_sees_who_is_behind_in_a_programme_cohort(client, setting, bamako, seoul):
    _programme_page, intro, first, cohort, facilitator = setting
    ahead = _member(cohort, seoul, "Kim Seoul")
    _member(cohort, bamako, "Awa Bamako")
    from courses.services.learning import enrolment_create

    enrolment = enrolment_create(user=ahead.user, course=intro, now=NOW)
    module_complete(enrolment=enrolment, module=first, now=NOW)
    assert [m.user.full_name for m in behind_members(cohort=cohort, now=NOW)] == ["Awa Bamako"]
    results = {r.name: (r.members, r.behind) for r in cohort_results(cohort=cohort, now=NOW)}
    assert results == {"Bamako": (1, 1), "Seoul": (1, 0)}
    client.force_login(facilitator)
    response = client.get(reverse("cohort_admin:follow", args=[cohort.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Kim Seoul" in text and "Awa Bamako" in text and "1 is behind." in text
