"""A cohort's own discussion: its members, its facilitators and the Secretariat only; the
course's other learners and trainers see neither its threads nor its posts, in the pages,
the digest or the admin's reports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.cohorts.models import Cohort, CohortMember
from courses.discussion import services
from courses.discussion.permissions import discussion_policy
from courses.discussion.selectors import digest_threads
from tests.discussion.conftest import NOW
from tests.factories import trainer_user


@pytest.fixture
def cohort(world):
    cohort = Cohort.objects.create(
        name="Spring 2027",
        course_page=world.course,
        course_key=world.course.translation_key,
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 5, 31),
    )
    facilitator = trainer_user(full_name="Fatou Facilitator")
    cohort.facilitators.add(facilitator)
    cohort.save()  # a cluster's many-to-many is written when it is saved
    CohortMember.objects.create(
        cohort=cohort, user=world.seoul_learner, source="self", joined_at=NOW
    )
    cohort.facilitator = facilitator
    return cohort


def test_only_members_facilitators_and_the_secretariat_take_part(
    client, world, cohort, secretariat
):
    thread = services.thread_start(
        user=world.seoul_learner,
        course=world.course,
        cohort=cohort,
        title="Our cohort's question",
        body="@Fatou Facilitator when is module 2 due?",
        language="ko",
        now=NOW,
    )
    for person in (cohort.facilitator, secretariat):
        assert discussion_policy.thread_standing(person, thread).may_moderate
    # The course's other learner and its own trainer are not in the cohort.
    for person in (world.bamako_learner, world.trainer, world.other_learner):
        assert not discussion_policy.thread_standing(person, thread).may_read
        with pytest.raises(ValidationError):
            services.post_reply(user=person, thread=thread, body="x", language="en", now=NOW)
        client.force_login(person)
        assert client.get(reverse("discussion:thread", args=[thread.pk])).status_code == 404
        assert client.get(reverse("discussion:cohort", args=[cohort.pk])).status_code == 403
        course_page = client.get(reverse("discussion:course", args=[world.course.pk]))
        assert "Our cohort" not in course_page.content.decode()
    client.force_login(world.seoul_learner)
    html = client.get(reverse("discussion:cohort", args=[cohort.pk])).content.decode()
    assert "Our cohort&#x27;s question" in html
    course_page = client.get(reverse("discussion:course", args=[world.course.pk]))
    assert reverse("discussion:cohort", args=[cohort.pk]) in course_page.content.decode()
    # The mention reaches the facilitator; the digest of outsiders leaves the thread out.
    assert thread.posts.get().body.startswith("@Fatou")
    from courses.models import NotificationDelivery

    assert NotificationDelivery.objects.get(kind="discussion_mention").recipient == (
        cohort.facilitator
    )
    since, until = NOW - dt.timedelta(hours=1), NOW + dt.timedelta(hours=1)
    assert digest_threads(user=world.bamako_learner, since=since, until=until) == []
    assert [
        row.thread for row in digest_threads(user=cohort.facilitator, since=since, until=until)
    ] == [thread]


def test_a_thread_is_started_from_the_cohort_page(client, world, cohort):
    client.force_login(world.seoul_learner)
    response = client.post(
        reverse("discussion:cohort", args=[cohort.pk]), {"title": "Hello cohort", "body": "Hi"}
    )
    assert response.status_code == 302
    thread = cohort.discussion_threads.get()
    assert thread.course_key == world.course.translation_key
