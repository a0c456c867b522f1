"""Certificates: issued once on completion, frozen, e-mailed with the PDF, listed, verified
by anyone (valid, revoked, superseded, unknown; rate-limited), served only to those
allowed, revoked and corrected by the secretariat, erased with the account, caught up
by the sweep, and zipped for coordinators."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connection, connections
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from courses.models import Certificate, CertificateArchive, Enrolment, NotificationDelivery
from courses.selectors.certificates import certificate_by_code
from courses.services.certificates import (
    CODE_ALPHABET,
    CODE_LENGTH,
    certificate_archive_request,
    certificate_issue,
    certificate_reissue,
    certificate_render,
    certificate_revoke,
    certificates_sweep,
    code_display,
    code_new,
    code_normalise,
)
from courses.services.learning import enrolment_create, module_complete
from courses.services.webinars import webinar_attendance_set, webinar_register
from courses.tasks import certificate_issue_task
from lms import personal_data
from lms.services import membership_create, user_erase
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNATORY = {"name": "Laurence Kwark", "title": "Secretary General, GSEF"}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(seoul, bamako):
    page = factories.course("The social economy in cities", hosts=(seoul, bamako), effort_hours=12)
    page.signatories.create(**SIGNATORY)
    page.save()
    factories.module(page, "Why it matters")
    return page


def _learner(organisation, **fields) -> object:
    user = UserFactory(**fields)
    membership_create(user=user, organisation=organisation, role="learner", confirmed=True)
    return user


def _complete(user, course, capture) -> Enrolment:
    """Enrol and complete the course's one module; tasks run when the commit happens."""
    with capture(execute=True):
        enrolment = enrolment_create(user=user, course=course)
    module = course.get_children().specific().first()
    with capture(execute=True):
        module_complete(enrolment=enrolment, module=module)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    return enrolment


def _pdf_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- codes ----------------------------------------------------------------------------------------


def test_codes_are_140_random_bits_in_crockford_base32_shown_in_groups_of_four():
    codes = {code_new() for _ in range(2000)}
    assert len(codes) == 2000
    code = codes.pop()
    assert len(code) == CODE_LENGTH == 28  # 28 characters of 5 bits: 140 bits, at least 128
    assert set(code) <= set(CODE_ALPHABET)
    shown = code_display(code)
    assert re.fullmatch(r"([0-9A-Z]{4}-){6}[0-9A-Z]{4}", shown)
    # Typed back in any form: lower case, spaces, O for 0 and l for 1.
    typed = shown.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert code_normalise(typed) == code
    assert code_normalise("not a code") is None
    assert code_normalise(code[:-1]) is None
    assert code_normalise(code[:-1] + "U") is None  # U is not in the alphabet


# --- issuing --------------------------------------------------------------------------------------


def test_completing_a_course_issues_one_certificate_with_its_pdf_and_emails_it(
    course, bamako, django_capture_on_commit_callbacks
):
    learner = _learner(bamako, full_name="José Núñez", preferred_language="es")
    enrolment = _complete(learner, course, django_capture_on_commit_callbacks)

    certificate = Certificate.objects.get()
    assert certificate.enrolment == enrolment
    assert certificate.kind == "completion"
    assert certificate.user == learner
    assert certificate.organisation == bamako
    assert certificate.learner_name == "José Núñez"
    assert certificate.language == "es"
    assert certificate.title == "The social economy in cities"  # no Spanish version: original
    assert certificate.hours == 12
    assert sorted(host["name"] for host in certificate.hosts) == [
        "District of Bamako",
        "Seoul Metropolitan Government",
    ]
    assert certificate.signatories == [SIGNATORY]
    assert certificate.completed_on == enrolment.completed_at.date()
    assert certificate.pdf and certificate.rendered_at is not None

    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "José Núñez" in text
    assert code_display(certificate.code) in text

    delivery = NotificationDelivery.objects.get(kind="certificate")
    assert delivery.status == "sent"
    assert delivery.certificate == certificate
    (message,) = [m for m in mail.outbox if m.to == [learner.email] and m.attachments]
    assert message.attachments[0][0] == f"certificate-{code_display(certificate.code)}.pdf"
    assert message.attachments[0][1] == data
    assert message.attachments[0][2] == "application/pdf"
    assert "Su certificado" in message.subject  # Spanish, the learner's language
    assert f"/verify/{code_display(certificate.code)}/" in message.body


def test_issuing_again_or_a_duplicate_message_changes_nothing(
    course, bamako, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    enrolment = _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    sent = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_issue_task.delay(enrolment_id=enrolment.pk).get() == "already rendered"
        result = certificate_issue(enrolment_id=enrolment.pk)
    assert result.certificate == certificate and not result.created
    assert certificate_render(certificate_id=certificate.pk) == "already rendered"
    assert Certificate.objects.count() == 1
    assert NotificationDelivery.objects.filter(kind="certificate").count() == 1
    assert len(mail.outbox) == sent


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_issuing_at_once_make_one_certificate(seoul, bamako):
    page = factories.course("Concurrent course", hosts=(seoul,))
    module = factories.module(page, "Only module")
    learner = _learner(bamako)
    enrolment = enrolment_create(user=learner, course=page)
    module_complete(enrolment=enrolment, module=module)  # eager tasks already issued it
    Certificate.objects.all().delete()
    NotificationDelivery.objects.filter(kind="certificate").delete()

    barrier = threading.Barrier(4)
    results = []
    errors = []

    def issue():
        try:
            barrier.wait()
            # Each thread is a worker running the task: its outcome is read as a worker's
            # result would be (no result backend to wait on, hence no blocking get()).
            outcome = certificate_issue_task.apply(kwargs={"enrolment_id": enrolment.pk})
            results.append(outcome.get(disable_sync_subtasks=False))
        except BaseException as error:  # any thread's failure fails the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 4
    assert Certificate.objects.count() == 1
    assert sorted(results) == ["already rendered"] * 3 + ["rendered"]
    assert NotificationDelivery.objects.filter(kind="certificate").count() == 1


def test_a_course_without_certificates_issues_none(bamako, django_capture_on_commit_callbacks):
    page = factories.course("No certificate here", certificate_enabled=False)
    factories.module(page)
    _complete(_learner(bamako), page, django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()


def test_an_issued_certificate_keeps_what_it_said_when_the_course_is_renamed(
    course, bamako, django_capture_on_commit_callbacks
):
    learner = _learner(bamako, full_name="Awa Sangaré")
    _complete(learner, course, django_capture_on_commit_callbacks)
    course.title = "A new title"
    course.save_revision().publish()
    learner.full_name = "Awa S."
    learner.save()
    certificate = Certificate.objects.get()
    assert certificate.title == "The social economy in cities"
    assert certificate.learner_name == "Awa Sangaré"


def test_the_title_is_the_learners_language_version_of_the_course(
    course, bamako, django_capture_on_commit_callbacks
):
    factories.translate(course, "ko", title="도시의 사회적경제")
    learner = _learner(bamako, full_name="김민지", preferred_language="ko")
    _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.language == "ko"
    assert certificate.title == "도시의 사회적경제"
    with certificate.pdf.open("rb") as handle:
        text = _pdf_text(handle.read())
    assert "김민지" in text and "도시의 사회적경제" in text


# --- the learner's screens ------------------------------------------------------------------------


def test_the_dashboard_lists_the_certificates_with_pdf_and_verification_links(
    client, course, bamako, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    client.force_login(learner)
    text = _text(client.get(reverse("learn:dashboard")))
    shown = code_display(certificate.code)
    assert shown in text
    assert reverse("learn:certificate_pdf", args=[shown]) in text
    assert f"/verify/{shown}/" in text


def test_the_pdf_is_served_only_to_its_learner_their_coordinators_and_the_secretariat(
    client,
    course,
    bamako,
    seoul,
    bamako_coordinator,
    seoul_coordinator,
    secretariat,
    trainer,
    django_capture_on_commit_callbacks,
):
    learner = _learner(bamako)
    other_learner = _learner(bamako)
    _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    url = reverse("learn:certificate_pdf", args=[code_display(certificate.code)])

    response = client.get(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    for person, allowed in [
        (learner, True),
        (bamako_coordinator, True),
        (secretariat, True),
        (seoul_coordinator, False),  # another organisation's coordinator
        (other_learner, False),  # same organisation, not theirs
        (trainer, False),
    ]:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404), person
        if allowed:
            assert response["Content-Type"] == "application/pdf"
            assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
            assert b"".join(response.streaming_content).startswith(b"%PDF")
    # The stored file is not under MEDIA_ROOT: there is no public address for it.
    assert not certificate.pdf.path.startswith(str(settings.MEDIA_ROOT))

    certificate_revoke(certificate=certificate, by=secretariat, reason="Issued in error")
    client.force_login(learner)
    assert client.get(url).status_code == 404
    client.force_login(secretariat)
    assert client.get(url).status_code == 200


# --- public verification --------------------------------------------------------------------------


def test_verification_of_a_valid_certificate_says_who_what_when_and_by_whom(
    client, course, bamako, django_capture_on_commit_callbacks
):
    learner = _learner(bamako, full_name="José Núñez", email="jose@bamako.example")
    _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    shown = code_display(certificate.code)

    response = client.get(f"/verify/{shown}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = _text(response)
    assert "This certificate is valid" in text
    assert "José Núñez" in text
    assert "The social economy in cities" in text
    assert "Global Social Economy Forum" in text
    assert shown in text
    assert "jose@bamako.example" not in text  # nothing more than the certificate says
    assert "District of Bamako" not in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"

    # In the visitor's language, and found whatever the case or dashes.
    response = client.get(f"/verify/{certificate.code.lower()}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302 and response["Location"] == f"/verify/{shown}/"
    response = client.get(f"/verify/{shown}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Ce certificat est valide" in _text(response)


def test_verification_of_revoked_superseded_and_unknown_codes(
    client, course, bamako, secretariat, django_capture_on_commit_callbacks
):
    first = _learner(bamako, full_name="Jose Nunez")
    second = _learner(bamako)
    _complete(first, course, django_capture_on_commit_callbacks)
    _complete(second, course, django_capture_on_commit_callbacks)
    wrong_name, revoked = Certificate.objects.order_by("pk")

    with django_capture_on_commit_callbacks(execute=True):
        corrected = certificate_reissue(
            certificate=wrong_name, by=secretariat, learner_name="José Núñez"
        )
    certificate_revoke(
        certificate=revoked,
        by=secretariat,
        reason="Completed by someone else",
        now=dt.datetime(2027, 2, 3, 10, tzinfo=dt.UTC),
    )

    text = _text(client.get(f"/verify/{code_display(revoked.code)}/"))
    assert "This certificate was revoked" in text
    assert "Revoked on 3 February 2027." in text
    assert "Reason: Completed by someone else" in text

    text = _text(client.get(f"/verify/{code_display(wrong_name.code)}/"))
    assert "replaced by a corrected one" in text
    assert code_display(corrected.code) not in text  # the new code is its holder's to give

    corrected.refresh_from_db()
    assert corrected.pdf and corrected.code != wrong_name.code
    text = _text(client.get(f"/verify/{code_display(corrected.code)}/"))
    assert "This certificate is valid" in text and "José Núñez" in text

    unknown = code_display(code_new())
    response = client.get(f"/verify/{unknown}/")
    assert response.status_code == 404
    assert "Certificate not found" in _text(response)
    assert client.get("/verify/not-a-code/").status_code == 404

    # The form: a malformed code is named as such; a good one leads to its page.
    response = client.get("/verify/", {"code": "12345"})
    assert response.status_code == 400
    assert "That is not a certificate code" in _text(response)
    response = client.get("/verify/", {"code": corrected.code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{code_display(corrected.code)}/"


@override_settings(CERTIFICATE_VERIFY_RATE=5, CERTIFICATE_VERIFY_WINDOW=600)
def test_lookups_are_rate_limited_per_client(client):
    unknown = [code_display(code_new()) for _ in range(7)]
    # A stopped clock: the limit counts in fixed windows, and none may end mid-test.
    with time_machine.travel(dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC), tick=False) as clock:
        statuses = [
            client.get(f"/verify/{code}/", REMOTE_ADDR="203.0.113.7").status_code
            for code in unknown
        ]
        assert statuses == [404] * 5 + [429] * 2
        response = client.get(f"/verify/{unknown[0]}/", REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 429
        assert response["Retry-After"] == "600"
        assert "Too many lookups" in _text(response)
        # Another client is not affected.
        assert client.get(f"/verify/{unknown[0]}/", REMOTE_ADDR="198.51.100.2").status_code == 404
        # The form's lookups count too.
        assert client.get("/verify/", {"code": "x"}, REMOTE_ADDR="203.0.113.7").status_code == 429
        # Showing the empty form is not a lookup.
        assert client.get("/verify/", REMOTE_ADDR="203.0.113.7").status_code == 200
        # After a window (Retry-After's 600 seconds), the client may look up again.
        clock.shift(600)
        assert client.get(f"/verify/{unknown[0]}/", REMOTE_ADDR="203.0.113.7").status_code == 404


def test_a_deleted_account_certificate_verifies_as_issued_to_a_deleted_account(
    client, course, bamako, django_capture_on_commit_callbacks
):
    learner = _learner(bamako, full_name="Awa Sangaré")
    _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    path = certificate.pdf.path
    exported = personal_data.user_export(user=learner)
    assert exported["certificates"][0]["code"] == code_display(certificate.code)

    with django_capture_on_commit_callbacks(execute=True):
        user_erase(user=learner)

    certificate.refresh_from_db()
    assert certificate.user is None and certificate.learner_name == ""
    assert not certificate.pdf
    import os

    assert not os.path.exists(path)
    text = _text(client.get(f"/verify/{code_display(certificate.code)}/"))
    assert "This certificate is valid" in text
    assert "A person who has since deleted their account" in text
    assert "Awa" not in text


# --- the secretariat ------------------------------------------------------------------------------


def test_the_secretariat_revokes_and_corrects_in_the_admin_and_no_one_else_can(
    client, course, bamako, secretariat, bamako_coordinator, django_capture_on_commit_callbacks
):
    learner = _learner(bamako, full_name="Jose Nunez")
    _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()

    for intruder in (bamako_coordinator, learner):
        client.force_login(intruder)
        assert client.get(reverse("certificates:index")).status_code in (302, 403)
        response = client.post(
            reverse("certificates:revoke", args=[certificate.pk]), {"reason": "no"}
        )
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"]
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    client.force_login(secretariat)
    response = client.get(reverse("certificates:index"), {"q": code_display(certificate.code)})
    assert response.status_code == 200 and "Jose Nunez" in _text(response)
    response = client.get(reverse("certificates:inspect", args=[certificate.pk]))
    assert response.status_code == 200
    assert "Correct and re-issue" in _text(response)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:reissue", args=[certificate.pk]),
            {"learner_name": "José Núñez"},
        )
    corrected = Certificate.objects.get(supersedes=certificate)
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:inspect", args=[corrected.pk])
    assert corrected.learner_name == "José Núñez" and corrected.pdf
    # The learner is e-mailed the corrected certificate.
    assert NotificationDelivery.objects.filter(
        kind="certificate", certificate=corrected, status="sent"
    ).exists()
    # Correcting the old one again is refused, with the reason.
    response = client.post(
        reverse("certificates:reissue", args=[certificate.pk]), {"learner_name": "X"}, follow=True
    )
    assert "already corrected" in _text(response)
    assert Certificate.objects.count() == 2

    # Revoking asks first: the inspect page links to a question, which posts the answer.
    inspect = client.get(reverse("certificates:inspect", args=[corrected.pk])).content.decode()
    assert f'href="{reverse("certificates:revoke", args=[corrected.pk])}"' in inspect
    assert ">None<" not in inspect
    question = client.get(reverse("certificates:revoke", args=[corrected.pk]))
    assert question.status_code == 200 and "Yes, revoke this certificate" in _text(question)
    response = client.post(
        reverse("certificates:revoke", args=[corrected.pk]),
        {"reason": "  ", "confirmed": "yes"},
        follow=True,
    )
    assert "Say why" in _text(response)
    response = client.post(
        reverse("certificates:revoke", args=[corrected.pk]),
        {"reason": "Course completed by someone else", "confirmed": "yes"},
        follow=True,
    )
    assert "is revoked" in _text(response)
    corrected.refresh_from_db()
    assert corrected.revoked_by == secretariat
    assert "This certificate was revoked" in _text(
        client.get(f"/verify/{code_display(corrected.code)}/")
    )


# --- catching up ----------------------------------------------------------------------------------


def test_the_sweep_issues_what_a_lost_message_left_behind_and_renders_unrendered_ones(
    course, bamako, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    with django_capture_on_commit_callbacks(execute=False):  # the messages are lost
        enrolment = enrolment_create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=False):
        module_complete(enrolment=enrolment, module=course.get_children().specific().first())
    assert not Certificate.objects.exists()

    # Too recent: its message may still be on its way.
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_sweep().issue_queued == 0
    later = timezone.now() + dt.timedelta(minutes=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_sweep(now=later).issue_queued == 1
    certificate = Certificate.objects.get()
    assert certificate.pdf

    # A certificate whose render was lost (no PDF) is rendered by a later sweep, once.
    Certificate.objects.filter(pk=certificate.pk).update(pdf="", queued_at=None)
    NotificationDelivery.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        result = certificates_sweep(now=timezone.now() + dt.timedelta(minutes=40))
    assert result.render_queued == 1 and result.issue_queued == 0
    certificate.refresh_from_db()
    assert certificate.pdf
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_sweep(now=timezone.now() + dt.timedelta(hours=2)).render_queued == 0


def test_a_failed_render_is_recorded_on_the_certificate(
    course, bamako, monkeypatch, django_capture_on_commit_callbacks
):
    from courses.services import certificate_pdf

    def broken(document):
        raise RuntimeError("font file unreadable")

    monkeypatch.setattr(certificate_pdf, "render_certificate_pdf", broken)
    learner = _learner(bamako)
    with pytest.raises(RuntimeError):
        _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert not certificate.pdf
    assert certificate.render_error == "RuntimeError: font file unreadable"
    assert certificate.render_attempts == 1
    assert not NotificationDelivery.objects.filter(kind="certificate").exists()


# --- participation --------------------------------------------------------------------------------


def test_attending_a_webinar_that_gives_certificates_issues_a_participation_certificate(
    bamako, secretariat, django_capture_on_commit_callbacks
):
    past = timezone.now() - dt.timedelta(days=1)
    webinar = factories.webinar(
        title="Cooperatives and housing",
        starts_at=past,
        duration_minutes=60,
        participation_certificate=True,
    )
    plain = factories.webinar(title="No certificate", starts_at=past, duration_minutes=60)
    learner = _learner(bamako, full_name="Анна Петрова")
    with django_capture_on_commit_callbacks(execute=True):
        registration = webinar_register(
            webinar=webinar, user=learner, now=past - dt.timedelta(days=2)
        )
        other = webinar_register(webinar=plain, user=learner, now=past - dt.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        webinar_attendance_set(
            webinar=webinar, minutes_by_registration={registration.pk: 58}, by=secretariat
        )
        webinar_attendance_set(
            webinar=plain, minutes_by_registration={other.pk: 58}, by=secretariat
        )
    certificate = Certificate.objects.get()
    assert certificate.kind == "participation"
    assert certificate.registration == registration
    assert certificate.minutes == 58
    assert certificate.title == "Cooperatives and housing"
    assert certificate.organisation == bamako
    with certificate.pdf.open("rb") as handle:
        assert "Анна Петрова" in _pdf_text(handle.read())
    # Recording the same attendance again issues nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        webinar_attendance_set(
            webinar=webinar, minutes_by_registration={registration.pk: 59}, by=secretariat
        )
    assert Certificate.objects.count() == 1


def test_a_course_can_give_participation_certificates_for_all_its_webinars(
    bamako, secretariat, seoul, django_capture_on_commit_callbacks
):
    page = factories.course(
        "With webinars", hosts=(seoul,), webinar_participation_certificates=True
    )
    factories.module(page)
    past = timezone.now() - dt.timedelta(days=1)
    webinar = factories.webinar(page, starts_at=past, duration_minutes=60)
    learner = _learner(bamako)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(user=learner, course=page)
        registration = webinar_register(
            webinar=webinar, user=learner, now=past - dt.timedelta(days=1)
        )
    with django_capture_on_commit_callbacks(execute=True):
        webinar_attendance_set(
            webinar=webinar, minutes_by_registration={registration.pk: 60}, by=secretariat
        )
    certificate = Certificate.objects.get(kind="participation")
    assert certificate.course_key == page.translation_key
    assert [host["name"] for host in certificate.hosts] == ["Seoul Metropolitan Government"]


# --- coordinators' zips ---------------------------------------------------------------------------


def test_a_coordinator_downloads_their_organisations_certificates_as_one_zip(
    client,
    course,
    bamako,
    seoul,
    bamako_coordinator,
    seoul_coordinator,
    django_capture_on_commit_callbacks,
):
    names = ["Awa Sangaré", "José Núñez", "김민지"]
    for name in names:
        _complete(_learner(bamako, full_name=name), course, django_capture_on_commit_callbacks)
    _complete(_learner(seoul, full_name="Not Bamako"), course, django_capture_on_commit_callbacks)
    revoked = Certificate.objects.get(learner_name="José Núñez")
    revoked.revoked_at = timezone.now()
    revoked.save()

    client.force_login(bamako_coordinator)
    index = reverse("certificate_archives:index")
    response = client.get(index)
    assert response.status_code == 200
    assert "The social economy in cities" in _text(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            index, {"organisation": bamako.pk, "course": str(course.translation_key)}
        )
    assert response.status_code == 302
    archive = CertificateArchive.objects.get()
    assert archive.status == "ready" and archive.total == 2 and archive.done == 2
    assert "Ready" in _text(client.get(index))

    response = client.get(reverse("certificate_archives:download", args=[archive.pk]))
    assert response.status_code == 200
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    entries = sorted(bundle.namelist())
    assert len(entries) == 2  # the revoked one and Seoul's are not in it
    assert any(entry.startswith("Awa Sangaré") for entry in entries)
    assert any(entry.startswith("김민지") for entry in entries)
    for entry in entries:
        assert bundle.read(entry).startswith(b"%PDF")

    # The link was e-mailed to the coordinator.
    delivery = NotificationDelivery.objects.get(kind="certificate_archive")
    assert delivery.recipient == bamako_coordinator and delivery.status == "sent"
    assert reverse("certificate_archives:download", args=[archive.pk]) in delivery.rendered_text

    # Another organisation's coordinator can neither download it nor ask for Bamako's.
    client.force_login(seoul_coordinator)
    assert (
        client.get(reverse("certificate_archives:download", args=[archive.pk])).status_code == 404
    )
    response = client.post(
        index, {"organisation": bamako.pk, "course": str(course.translation_key)}
    )
    assert response.status_code == 404
    assert CertificateArchive.objects.count() == 1


def test_an_empty_archive_is_refused_with_a_reason(course, bamako, bamako_coordinator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        certificate_archive_request(
            by=bamako_coordinator, organisation=bamako, course_key=course.translation_key
        )
    assert "No certificate has been issued" in refused.value.messages[0]


def test_the_progress_report_shows_each_learners_certificate_code(
    client, course, bamako, bamako_coordinator, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    client.force_login(bamako_coordinator)
    assert code_display(certificate.code) in _text(client.get(reverse("learning:progress")))
    export = client.get(reverse("learning:progress"), {"export": "csv"})
    assert code_display(certificate.code) in b"".join(export.streaming_content).decode()


def test_certificate_by_code_reads_any_form(course, bamako, django_capture_on_commit_callbacks):
    _complete(_learner(bamako), course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    with translation.override("en"):
        assert certificate_by_code(code_display(certificate.code).lower()) == certificate


def test_an_archive_that_fails_is_recorded_with_its_error_and_retried(
    client, course, bamako, bamako_coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    from courses.services import certificates as service
    from courses.services.certificates import archives

    _complete(_learner(bamako), course, django_capture_on_commit_callbacks)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archives.ContentFile, "__init__", disk_full)
    archive = certificate_archive_request(
        by=bamako_coordinator, organisation=bamako, course_key=course.translation_key
    )
    with pytest.raises(OSError):
        service.certificate_archive_build(archive_id=archive.pk)
    archive.refresh_from_db()
    assert archive.status == "failed"
    assert "No space left on device" in archive.error
    client.force_login(bamako_coordinator)
    assert "No space left on device" in _text(client.get(reverse("certificate_archives:index")))

    # The task retries storage errors; once the disk has room, the same archive is built.
    monkeypatch.undo()
    assert service.certificate_archive_build(archive_id=archive.pk) == "ready"
    archive.refresh_from_db()
    assert archive.status == "ready" and archive.file


def test_a_pdf_missing_from_storage_is_made_again_without_a_second_email(
    client, course, bamako, django_capture_on_commit_callbacks
):
    learner = _learner(bamako)
    _complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    certificate.pdf.storage.delete(certificate.pdf.name)
    client.force_login(learner)
    url = reverse("learn:certificate_pdf", args=[code_display(certificate.code)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 503
    assert "being prepared" in _text(response)
    certificate.refresh_from_db()
    assert certificate.pdf and certificate.pdf.storage.exists(certificate.pdf.name)
    assert client.get(url).status_code == 200
    assert NotificationDelivery.objects.filter(kind="certificate").count() == 1


def test_a_sweep_queues_a_backlog_a_slice_at_a_time(
    course, bamako, monkeypatch, django_capture_on_commit_callbacks
):
    from courses.services.certificates import sweep

    for _number in range(3):
        learner = _learner(bamako)
        with django_capture_on_commit_callbacks(execute=False):  # messages lost
            enrolment = enrolment_create(user=learner, course=course)
        with django_capture_on_commit_callbacks(execute=False):
            module_complete(enrolment=enrolment, module=course.get_children().specific().first())
    monkeypatch.setattr(sweep, "SWEEP_LIMIT", 2)
    later = timezone.now() + dt.timedelta(minutes=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_sweep(now=later).issue_queued == 2
    assert Certificate.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_sweep(now=later).issue_queued == 1
    assert Certificate.objects.count() == 3
