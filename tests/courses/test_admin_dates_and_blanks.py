"""Admin screens show dates and times in the viewer's zone and language, labelled with the
zone, never a raw "None"; revoking a certificate asks first."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from courses.models import Certificate, Enrolment
from courses.models.certificates import code_new
from courses.services.learning import enrolment_create
from tests.courses import factories as pages
from tests.courses.test_notification_admin import _delivery

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 4, 6, 54, tzinfo=dt.UTC)
SEOUL_IN_KOREAN = "2026년 12월 4일 3:54 오후 KST"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def seoul_secretariat(secretariat):
    secretariat.time_zone = "Asia/Seoul"
    secretariat.save(update_fields=["time_zone"])
    return secretariat


@pytest.fixture
def enrolment(bamako_learner):
    course = pages.course("Municipal SSE strategy")
    pages.module(course, "Why a strategy")
    with time_machine.travel(NOW, tick=False):
        return enrolment_create(user=bamako_learner, course=course)


@pytest.fixture
def certificate(enrolment):
    return Certificate.objects.create(
        kind="completion",
        code=code_new(),
        enrolment=enrolment,
        user=enrolment.user,
        organisation=enrolment.organisation,
        course_key=enrolment.course_key,
        language="en",
        learner_name="Aminata Traoré",
        title="Municipal SSE strategy",
        completed_on=NOW.date(),
        issuer="GSEF",
        issued_at=NOW,
    )


def test_certificate_inspect_is_in_the_viewers_zone_and_language_with_no_none(
    client, seoul_secretariat, certificate
):
    client.force_login(seoul_secretariat)
    response = client.get(
        reverse("certificates:inspect", args=[certificate.pk]), HTTP_ACCEPT_LANGUAGE="ko"
    )
    text = _text(response)
    assert SEOUL_IN_KOREAN in text  # issued at
    assert "None" not in text  # not revoked, no PDF yet, no error: dashes
    listing = _text(client.get(reverse("certificates:index"), HTTP_ACCEPT_LANGUAGE="ko"))
    assert SEOUL_IN_KOREAN in listing


def test_revoking_a_certificate_asks_first_and_only_the_answer_revokes(
    client, seoul_secretariat, certificate
):
    client.force_login(seoul_secretariat)
    url = reverse("certificates:revoke", args=[certificate.pk])
    question = client.get(url)
    assert question.status_code == 200
    assert "Yes, revoke this certificate" in _text(question)
    assert 'name="confirmed" value="yes"' in question.content.decode()
    # A POST that did not come from the question (a stale form) only asks.
    again = client.post(url, {"reason": "Completed by someone else"})
    assert again.status_code == 200 and "Yes, revoke this certificate" in _text(again)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    done = client.post(url, {"reason": "Completed by someone else", "confirmed": "yes"})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Completed by someone else"
    # Asking again about a revoked certificate goes back to it.
    assert client.get(url)["Location"] == reverse("certificates:inspect", args=[certificate.pk])


def test_notification_inspect_and_outbox_show_times_in_the_viewers_zone_with_no_none(
    client, seoul_secretariat
):
    row = _delivery(due_at=NOW)
    client.force_login(seoul_secretariat)
    text = _text(
        client.get(
            reverse("notification_deliveries:inspect", args=[row.pk]), HTTP_ACCEPT_LANGUAGE="ko"
        )
    )
    assert SEOUL_IN_KOREAN in text  # due at
    assert "None" not in text  # not sent yet, no error, no message id
    listing = client.get(reverse("notification_deliveries:index"), HTTP_ACCEPT_LANGUAGE="ko")
    assert SEOUL_IN_KOREAN in _text(listing)


def test_the_learner_record_is_in_the_viewers_zone_with_no_none(
    client, seoul_secretariat, enrolment, django_assert_max_num_queries
):
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=None)
    client.force_login(seoul_secretariat)
    url = reverse("learning:learner_record", args=[enrolment.pk])
    with django_assert_max_num_queries(30):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ko")
    text = _text(response)
    assert SEOUL_IN_KOREAN in text  # enrolled at
    assert "None" not in text


@time_machine.travel(NOW, tick=False)
def test_the_progress_report_and_its_export_use_the_viewers_zone(
    client, seoul_secretariat, enrolment
):
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=NOW)
    client.force_login(seoul_secretariat)
    page = _text(client.get(reverse("learning:progress"), HTTP_ACCEPT_LANGUAGE="ko"))
    assert SEOUL_IN_KOREAN in page
    export = client.get(reverse("learning:progress") + "?export=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert "2026-12-04T15:54:00+09:00" in body.decode("utf-8-sig")


def test_certificate_zips_are_listed_with_the_time_asked_in_the_viewers_zone(
    client, seoul_secretariat, enrolment, bamako
):
    from courses.models import CertificateArchive

    CertificateArchive.objects.create(
        requested_by=seoul_secretariat,
        organisation=bamako,
        course_key=enrolment.course_key,
        course_title="Municipal SSE strategy",
        created_at=NOW,
    )
    client.force_login(seoul_secretariat)
    page = client.get(
        reverse("certificate_archives:index") + f"?organisation={bamako.pk}",
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert SEOUL_IN_KOREAN in _text(page)


def test_webinar_attendance_lists_webinars_in_the_viewers_zone(
    client, seoul_secretariat, enrolment
):
    pages.webinar(enrolment.course_page, "Live Q&A", starts_at=NOW)
    client.force_login(seoul_secretariat)
    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):  # it has started
        page = client.get(reverse("webinar_attendance:index"), HTTP_ACCEPT_LANGUAGE="ko")
    assert page.status_code == 200
    assert SEOUL_IN_KOREAN in _text(page)
