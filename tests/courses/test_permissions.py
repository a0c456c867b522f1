"""The learning domain's permission policies (courses.permissions), one row per policy and
action: another organisation's coordinator, the trainer of another course and a learner
are refused, the secretariat is allowed, and the people the rule names are allowed too.

The access matrices (test_report_access, test_certificate_access) try the same rules
through the screens; these try the policies that every screen, export and zip asks.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from courses.models import (
    Certificate,
    CertificateArchive,
    NotificationDelivery,
    ReportExport,
)
from courses.permissions import (
    certificate_archive_policy,
    certificate_policy,
    enrolment_policy,
    notification_delivery_policy,
    reach_of,
    report_export_policy,
    webinar_attendance_policy,
)
from courses.services.learning import enrolment_create, module_complete
from courses.services.webinars import webinar_register
from lms.services import membership_create
from tests.courses import factories as pages
from tests.factories import UserFactory, trainer_user

pytestmark = pytest.mark.django_db

REFUSED = ("seoul_coordinator", "other_trainer", "learner")


@pytest.fixture
def world(
    seoul, bamako, bamako_coordinator, seoul_coordinator, trainer, secretariat,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    other_trainer = trainer_user()
    course = pages.course("Course taught by the trainer", trainers=(trainer,), hosts=(bamako,))
    pages.course("Another course", trainers=(other_trainer,))
    module = pages.module(course, "Only module")
    webinar = pages.webinar(course, "Course webinar")
    owner = UserFactory(full_name="Aminata Bamakoise")
    membership_create(user=owner, organisation=bamako, confirmed=True)
    learner = UserFactory(full_name="A learner of Bamako")
    membership_create(user=learner, organisation=bamako, confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=owner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=module)
    now = timezone.now()
    rows = {
        "enrolment": enrolment,
        "certificate": Certificate.objects.get(),
        "archive": CertificateArchive.objects.create(
            requested_by=bamako_coordinator,
            organisation=bamako,
            course_key=course.translation_key,
            course_title=course.title,
            total=1,
            created_at=now,
        ),
        "export": ReportExport.objects.create(
            requested_by=bamako_coordinator, format="csv", created_at=now
        ),
        "delivery": NotificationDelivery.objects.create(
            kind="enrolment_confirmation",
            recipient=owner,
            subject_key=f"enrolment:{enrolment.pk}",
            slot="x",
            enrolment=enrolment,
            organisation=bamako,
            created_at=now,
            due_at=now,
        ),
        "registration": webinar_register(user=owner, webinar=webinar),
    }
    people = {
        "bamako_coordinator": bamako_coordinator,
        "seoul_coordinator": seoul_coordinator,
        "trainer": trainer,
        "other_trainer": other_trainer,
        "learner": learner,
        "secretariat": secretariat,
    }
    return rows, people


# (policy, action, row, who else besides the secretariat is allowed)
CASES = [
    (enrolment_policy, "view", "enrolment", ("bamako_coordinator", "trainer")),
    (certificate_policy, "view", "certificate", ("bamako_coordinator",)),
    (certificate_policy, "manage", "certificate", ()),
    (certificate_archive_policy, "view", "archive", ("bamako_coordinator",)),
    (report_export_policy, "view", "export", ("bamako_coordinator",)),
    (notification_delivery_policy, "view", "delivery", ()),
    (notification_delivery_policy, "resend", "delivery", ()),
    (webinar_attendance_policy, "change", "registration", ("bamako_coordinator", "trainer")),
]


def _allowed(policy, user, action, instance) -> bool:
    by_instance = policy.user_has_permission_for_instance(user, action, instance)
    if hasattr(policy, "instances_user_has_permission_for"):
        listed = policy.instances_user_has_permission_for(user, action).filter(pk=instance.pk)
        assert listed.exists() == by_instance, (user, action)
    return by_instance


@pytest.mark.parametrize(
    ("policy", "action", "row", "also_allowed"),
    CASES,
    ids=[f"{policy.model.__name__}:{action}" for policy, action, _row, _also in CASES],
)
def test_each_policy_refuses_other_organisations_other_courses_and_learners(
    world, policy, action, row, also_allowed
):
    rows, people = world
    instance = rows[row]
    for who in REFUSED:
        assert not _allowed(policy, people[who], action, instance), who
    assert _allowed(policy, people["secretariat"], action, instance)
    assert policy.user_has_permission(people["secretariat"], action)
    for who in also_allowed:
        assert _allowed(policy, people[who], action, instance), who


def test_the_learner_downloads_their_own_certificate_but_not_once_it_is_revoked(world):
    rows, people = world
    certificate = rows["certificate"]
    owner = certificate.user
    assert certificate_policy.user_has_permission_for_instance(owner, "view", certificate)
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    assert not certificate_policy.user_has_permission_for_instance(owner, "view", certificate)
    assert certificate_policy.user_has_permission_for_instance(
        people["secretariat"], "view", certificate
    )


def test_the_reach_is_everything_their_organisations_or_their_courses(world, bamako):
    rows, people = world
    assert reach_of(people["secretariat"]).everything
    assert reach_of(people["bamako_coordinator"]).organisation_ids == {bamako.pk}
    assert reach_of(people["trainer"]).course_keys == {rows["enrolment"].course_key}
    assert reach_of(people["learner"]).is_empty
    assert not reach_of(people["seoul_coordinator"]).organisation_ids & {bamako.pk}


def test_nobody_adds_edits_or_deletes_certificates_or_outbox_rows_by_hand(world):
    _rows, people = world
    for policy in (certificate_policy, notification_delivery_policy):
        for action in ("add", "change", "delete"):
            assert not policy.user_has_permission(people["secretariat"], action)


def test_a_coordinator_who_leaves_the_role_loses_the_reach(world, bamako):
    from lms.models import Membership
    from lms.services import membership_end

    _rows, people = world
    coordinator = people["bamako_coordinator"]
    membership_end(membership=Membership.objects.get(user=coordinator, organisation=bamako))
    coordinator.refresh_from_db()
    assert reach_of(coordinator).is_empty
