"""The facilitator's view: who is on track and who is behind (the rule), results by city,
writing to the ones behind (a confirmation with the count, once per form, opt-outs
respected), and a query count that does not grow with the cohort."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from courses.cohorts.models import CohortMessage
from courses.cohorts.selectors import behind_members, cohort_progress, cohort_results
from courses.cohorts.services import cohort_enrol, cohort_message_send
from courses.models import NotificationDelivery
from courses.services.learning import module_complete
from lms.services import membership_create
from tests.cohorts.helpers import NOW, make_cohort
from tests.courses import factories
from tests.factories import OrganisationFactory, UserFactory, trainer_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def setting(seoul, bamako):
    course = factories.course("Municipal strategy")
    one = factories.module(course, "Mapping")
    two = factories.module(course, "Procurement")
    facilitator = trainer_user(full_name="Fatou Facilitator")
    # Module one was due yesterday (2 March), module two is due on the 5th.
    cohort = make_cohort(
        course,
        facilitators=[facilitator],
        modules=[(one, None, dt.date(2027, 3, 2)), (two, None, dt.date(2027, 3, 5))],
    )
    return course, one, two, cohort, facilitator


def _member(cohort, organisation, name):
    user = UserFactory(full_name=name)
    membership_create(user=user, organisation=organisation, confirmed=True)
    return cohort_enrol(cohort=cohort, user=user, now=NOW)


def test_behind_means_a_due_date_passed_with_the_module_not_done(setting, seoul, bamako):
    _course, one, _two, cohort, _facilitator = setting
    on_track = _member(cohort, seoul, "Kim On-Track")
    behind = _member(cohort, bamako, "Awa Behind")
    module_complete(enrolment=on_track.enrolment, module=one, now=NOW)
    rows = {row.user.full_name: row.is_behind for row in cohort_progress(cohort=cohort, now=NOW)}
    assert rows == {"Kim On-Track": False, "Awa Behind": True}
    assert [m.user.full_name for m in behind_members(cohort=cohort, now=NOW)] == ["Awa Behind"]
    # Not behind before the due date has passed on the cohort's clock.
    assert not behind_members(cohort=cohort, now=dt.datetime(2027, 3, 2, 20, tzinfo=dt.UTC))
    results = {
        r.name: (r.members, r.completed, r.behind) for r in cohort_results(cohort=cohort, now=NOW)
    }
    assert results == {"Seoul": (1, 0, 0), "Bamako": (1, 0, 1)}
    assert behind.organisation == bamako


def test_the_facilitator_sees_members_status_and_results_by_city(client, setting, seoul, bamako):
    _course, _one, _two, cohort, facilitator = setting
    _member(cohort, seoul, "Kim Seoul")
    _member(cohort, bamako, "Awa Bamako")
    client.force_login(facilitator)
    text = _text(client.get(reverse("cohort_admin:follow", args=[cohort.pk])))
    assert "Kim Seoul" in text and "Awa Bamako" in text
    assert "2 are behind." in text
    assert "Results by city" in text and "<svg" in text
    assert "Behind: a module's due date has passed" in text


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_facilitator_view_costs_the_same_queries_at_two_sizes(client, setting, monkeypatch):
    from courses.cohorts import admin

    monkeypatch.setattr(admin, "MEMBERS_PER_PAGE", 5)
    _course, _one, _two, cohort, facilitator = setting
    cities = [OrganisationFactory(city=city) for city in ("Seoul", "Bamako", "Montreal")]
    for n in range(3):
        _member(cohort, cities[n % 3], f"Person {n:02}")
    client.force_login(facilitator)
    url = reverse("cohort_admin:follow", args=[cohort.pk])
    client.get(url)  # warm the per-process caches
    small = _queries(client, url)
    for n in range(3, 15):
        _member(cohort, cities[n % 3], f"Person {n:02}")
    assert _queries(client, url) == small  # a full first page of 5 among 15
    assert _queries(client, f"{url}?p=2") == small  # another page: one query too


def test_the_members_come_a_page_at_a_time_and_the_summary_covers_the_whole_cohort(
    client, setting, monkeypatch
):
    from courses.cohorts import admin

    monkeypatch.setattr(admin, "MEMBERS_PER_PAGE", 5)
    _course, one, _two, cohort, facilitator = setting
    seoul, bamako = OrganisationFactory(city="Seoul"), OrganisationFactory(city="Bamako")
    members = [_member(cohort, seoul if n < 6 else bamako, f"Person {n:02}") for n in range(12)]
    for member in members[:2]:  # two on track, ten behind
        module_complete(enrolment=member.enrolment, module=one, now=NOW)
    client.force_login(facilitator)
    url = reverse("cohort_admin:follow", args=[cohort.pk])
    pages = [_text(client.get(f"{url}?p={number}")) for number in (1, 2, 3)]
    shown = [sorted(set(re.findall(r"Person \d\d", page))) for page in pages]
    assert [len(names) for names in shown] == [5, 5, 2]
    everyone = sorted(name for names in shown for name in names)
    assert everyone == [f"Person {n:02}" for n in range(12)]
    for page in pages:  # the counts and the results are the whole cohort's on every page
        assert "12 members, from" in page and "10 are behind." in page
        assert re.search(r"Seoul</th><td>6</td><td>0</td><td>0%</td><td>4</td>", page)
        assert re.search(r"Bamako</th><td>6</td><td>0</td><td>0%</td><td>6</td>", page)
    assert "Page 1 of 3" in pages[0] and "?p=2" in pages[0]
    assert "Page 3 of 3" in _text(client.get(f"{url}?p=9"))  # past the end: the last page

    message = reverse("cohort_admin:message", args=[cohort.pk])
    data = {"subject": "Module 1", "body": "It was due Tuesday.", "form_nonce": "nonce-p"}
    assert "This message will go to 10 members" in _text(client.post(f"{message}", data))
    client.post(message, {**data, "confirmed": "1"})
    assert NotificationDelivery.objects.filter(kind="cohort_message").count() == 10


def test_writing_to_the_ones_behind_confirms_then_sends_once(client, setting, seoul, bamako):
    _course, one, _two, cohort, facilitator = setting
    done = _member(cohort, seoul, "Kim Done")
    module_complete(enrolment=done.enrolment, module=one, now=NOW)
    _member(cohort, bamako, "Awa Behind")
    quiet = _member(cohort, bamako, "Ousmane Quiet")
    quiet.user.notification_preferences = {"cohort": False}
    quiet.user.save()
    client.force_login(facilitator)
    url = reverse("cohort_admin:message", args=[cohort.pk])
    data = {"subject": "Module 1", "body": "It was due Tuesday.", "form_nonce": "nonce-1"}
    confirm = _text(client.post(url, data))
    assert "This message will go to 2 members" in confirm
    assert "Awa Behind" in confirm and "Kim Done" not in confirm
    assert not CohortMessage.objects.exists()
    response = client.post(url, {**data, "confirmed": "1"}, follow=True)
    assert "Your message is on its way to 1 member." in _text(response)
    client.post(url, {**data, "confirmed": "1"})  # the same form again: nothing more
    deliveries = NotificationDelivery.objects.filter(kind="cohort_message")
    assert CohortMessage.objects.count() == 1
    statuses = sorted(deliveries.values_list("recipient__full_name", "status"))
    assert statuses == [("Awa Behind", "sent"), ("Ousmane Quiet", "skipped")] or statuses == [
        ("Awa Behind", "pending"),
        ("Ousmane Quiet", "skipped"),
    ]


def test_a_message_is_rendered_in_the_recipients_language(setting, bamako):
    from courses.services.notifications.rendering import notification_render

    _course, _one, _two, cohort, facilitator = setting
    member = _member(cohort, bamako, "Awa Traoré")
    member.user.preferred_language = "fr"
    member.user.save()
    message, created = cohort_message_send(
        cohort=cohort,
        sender=facilitator,
        subject="Rappel",
        body="Le module 1 est en retard.",
        form_nonce="n",
        now=NOW,
    )
    assert created and message.recipient_count == 1
    delivery = NotificationDelivery.objects.get(kind="cohort_message")
    rendered = notification_render(delivery)
    assert rendered.subject == "Rappel (Spring 2027)"
    assert "Le module 1 est en retard." in rendered.text
    assert rendered.language == "fr"
    assert "List-Unsubscribe" in rendered.headers
