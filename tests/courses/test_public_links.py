"""One public address: every absolute link the platform writes — account mail, invitations,
every notification (export and zip links, the digest, unsubscribe headers), calendar
files, the private feed's address, the certificate's QR code and verify URL — starts with
PUBLIC_BASE_URL, here a non-default one that is neither the request's host ("testserver")
nor Wagtail's Site record (localhost:80)."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from courses.cohorts.models import CohortMember, CohortMessage
from courses.discussion.models import Post, Thread
from courses.models import (
    Certificate,
    CertificateArchive,
    CoursePage,
    Enrolment,
    ModulePage,
    NotificationDelivery,
    ReportExport,
)
from courses.services.certificates import code_display
from courses.services.learning import enrolment_create, module_complete
from courses.services.notifications.rendering import notification_render
from courses.services.webinars import calendar_feed_reset, webinar_register
from lms.services import membership_create, membership_invite
from lms.urls_absolute import absolute_url, webcal_url
from tests.cohorts.helpers import make_cohort
from tests.courses import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE = "https://academy.example.org:8443"
NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
# Addresses that are not ours: a webinar's meeting room, calendar services' template pages.
EXTERNAL_HOSTS = {"meet.example", "calendar.google.com", "outlook.live.com", "outlook.office.com"}
LINK = re.compile(r"""(?:https?|webcal)://[^\s"'<>\\]+""")

Kind = NotificationDelivery.Kind


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.PUBLIC_BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = BASE


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def ours(text: str) -> list[str]:
    """Every absolute link in ``text`` that is not another service's, unfolded."""
    text = text.replace("\r\n ", "").replace("\n ", "")  # iCalendar line folding
    return [link for link in LINK.findall(text) if urlsplit(link).hostname not in EXTERNAL_HOSTS]


def assert_on_public_address(text: str) -> list[str]:
    links = ours(text)
    assert links, "no link to check"
    for link in links:
        assert link.startswith((BASE + "/", "webcal://academy.example.org:8443/")), link
    assert 'href="/' not in text  # no address relative to a host the reader does not have
    return links


def message_text(message) -> str:
    parts = [message.body, *(content for content, _type in getattr(message, "alternatives", []))]
    parts += [str(value) for value in message.extra_headers.values()]
    parts += [
        content.decode() if isinstance(content, bytes) else content
        for _name, content, mimetype in message.attachments
        if mimetype.startswith("text/")
    ]
    return "\n".join(parts)


def test_the_helper_builds_every_address_on_the_public_base_url():
    assert absolute_url("/fr/learn/") == f"{BASE}/fr/learn/"
    assert absolute_url("http://localhost/verify/ABCD/?x=1#top") == f"{BASE}/verify/ABCD/?x=1#top"
    assert webcal_url("/en/learn/calendar/t.ics") == (
        "webcal://academy.example.org:8443/en/learn/calendar/t.ics"
    )


def test_account_emails_link_to_the_public_address(client, django_capture_on_commit_callbacks):
    existing = UserFactory(email="claire@montreal.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:signup"),
            {
                "email": "ana.souza@example.org",
                "full_name": "Ana Souza",
                "organisation": "none",
                "preferred_language": "en",
                "time_zone": "America/Sao_Paulo",
                "password1": "a long enough passphrase 42",
                "password2": "a long enough passphrase 42",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            reverse("accounts:signup"),
            {
                "email": existing.email,
                "full_name": "Someone",
                "organisation": "none",
                "preferred_language": "en",
                "time_zone": "UTC",
                "password1": "a long enough passphrase 42",
                "password2": "a long enough passphrase 42",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("accounts:password_reset"), {"email": existing.email})

    assert len(mail.outbox) == 3  # confirm the address, "was it you?", choose a password
    for message in mail.outbox:
        assert_on_public_address(message_text(message))


def test_invitations_link_to_the_public_address(
    bamako, bamako_coordinator, django_capture_on_commit_callbacks
):
    existing = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership_invite(
            organisation=bamako,
            email="new.person@bamako.example",
            full_name="New Person",
            preferred_language="fr",
            invited_by=bamako_coordinator,
        )
        membership_invite(
            organisation=bamako,
            email=existing.email,
            full_name="",
            preferred_language="fr",
            invited_by=bamako_coordinator,
        )

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_on_public_address(message_text(message))


@pytest.fixture
def finished(bamako, django_capture_on_commit_callbacks):
    """A learner who completed a course that gives certificates, with their certificate."""
    course = factories.course("The social economy in cities", hosts=(bamako,))
    course.signatories.create(name="Laurence Kwark", title="Secretary General, GSEF")
    module = factories.module(course, "Why it matters")
    learner = UserFactory()
    membership_create(user=learner, organisation=bamako, role="learner", confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        module_complete(enrolment=enrolment, module=module)
    return Certificate.objects.get(user=learner)


def test_learning_emails_and_the_certificate_link_to_the_public_address(finished):
    sent = [message for message in mail.outbox if message.to == [finished.user.email]]
    assert len(sent) >= 2  # enrolment confirmation and the certificate
    for message in sent:
        assert_on_public_address(message_text(message))

    verify = f"{BASE}/verify/{code_display(finished.code)}/"
    with finished.pdf.open("rb") as handle:
        page = PdfReader(io.BytesIO(handle.read())).pages[0]
    links = [
        annotation.get_object()["/A"]["/URI"]
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert links == [verify]  # what the QR code holds, and its clickable area
    assert "academy.example.org:8443/verify/" in "".join(page.extract_text().split())


def _delivery(kind, recipient, **fields) -> NotificationDelivery:
    fields.setdefault("subject_key", "x:0")
    return NotificationDelivery(
        kind=kind, recipient=recipient, created_at=NOW, due_at=NOW, **fields
    )


def test_every_kind_of_notification_links_to_the_public_address(
    finished, bamako, bamako_coordinator
):
    enrolment = Enrolment.objects.get(user=finished.user)
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=NOW.date() + dt.timedelta(days=7))
    enrolment.refresh_from_db()
    webinar = factories.webinar(
        starts_at=NOW + dt.timedelta(days=2),
        join_url="https://meet.example/room",
        recording_url="https://meet.example/recording",
    )
    registration = webinar_register(user=finished.user, webinar=webinar)
    export = ReportExport.objects.create(
        requested_by=bamako_coordinator, format="xlsx", status="ready", created_at=NOW
    )
    archive = CertificateArchive.objects.create(
        requested_by=bamako_coordinator,
        organisation=bamako,
        course_key=enrolment.course_key,
        course_title="The social economy in cities",
        status="ready",
        created_at=NOW,
    )
    # This round's kinds: a cohort (with a due module, a facilitator's message), a thread.
    course = CoursePage.objects.filter(translation_key=enrolment.course_key).first()
    module = ModulePage.objects.child_of(course).first() or factories.module(course, "Due one")
    cohort = make_cohort(course, modules=[(module, None, NOW.date() + dt.timedelta(days=2))])
    member = CohortMember.objects.create(
        cohort=cohort,
        user=finished.user,
        enrolment=enrolment,
        source=CohortMember.Source.SELF,
        joined_at=NOW,
    )
    message = CohortMessage.objects.create(
        cohort=cohort, subject="Week 2", body="Keep going", form_nonce="n1", created_at=NOW
    )
    thread = Thread.objects.create(
        course_key=course.translation_key,
        course_page=course,
        author=bamako_coordinator,
        title="A question",
        language="en",
        created_at=NOW,
        last_post_at=NOW,
    )
    post = Post.objects.create(
        thread=thread, author=bamako_coordinator, body="See it", language="en", created_at=NOW
    )
    about = {
        Kind.COHORT_DUE: {
            "enrolment": enrolment,
            "subject_key": f"cohort_member:{member.pk}",
            "slot": f"module:{module.translation_key}",
        },
        Kind.COHORT_MESSAGE: {"subject_key": f"cohort_message:{message.pk}"},
        Kind.IMPACT_SURVEY: {"enrolment": enrolment, "subject_key": f"impact:{enrolment.pk}"},
        Kind.IMPACT_SURVEY_REMINDER: {
            "enrolment": enrolment,
            "subject_key": f"impact:{enrolment.pk}",
        },
        Kind.DISCUSSION_REPLY: {"subject_key": f"post:{post.pk}"},
        Kind.DISCUSSION_MENTION: {"subject_key": f"post:{post.pk}"},
        Kind.DISCUSSION_DIGEST: {"subject_key": f"user:{finished.user.pk}"},
        Kind.DIGEST: {"recipient": bamako_coordinator},
        Kind.CERTIFICATE: {"certificate": finished},
        Kind.CERTIFICATE_ARCHIVE: {
            "recipient": bamako_coordinator,
            "subject_key": f"archive:{archive.pk}",
        },
        Kind.REPORT_EXPORT: {"recipient": bamako_coordinator, "subject_key": f"export:{export.pk}"},
    }
    for kind in Kind:
        fields = about.get(kind) or (
            {"registration": registration}
            if kind.startswith("webinar")
            else {"enrolment": enrolment}
        )
        fields = {"recipient": finished.user, **fields}
        rendered = notification_render(_delivery(kind, **fields))
        text = "\n".join(
            [
                rendered.text,
                rendered.html,
                *rendered.headers.values(),
                *(content.decode() for _n, content, t in rendered.attachments if "calendar" in t),
            ]
        )
        assert_on_public_address(text)


def test_calendar_files_the_feed_and_its_links_use_the_public_address(client):
    person = UserFactory(email_verified_at=NOW)
    webinar = factories.webinar(
        title="Social procurement",
        starts_at=NOW + dt.timedelta(days=3),
        join_url="https://meet.example/room",
    )
    webinar_register(user=person, webinar=webinar)
    feed = calendar_feed_reset(user=person)
    with translation.override("en"):
        single = reverse("learn:webinar_calendar", args=[webinar.pk])
        feed_path = reverse("learn:calendar_feed", args=[feed.token])

    for path in (single, feed_path):
        response = client.get(path)
        links = assert_on_public_address(response.content.decode())
        assert f"{BASE}{webinar.url}" in links  # URL and the description's link

    client.force_login(person)
    dashboard = client.get(reverse("learn:dashboard")).content.decode()
    assert f'value="{BASE}{feed_path}"' in dashboard
    assert f'href="webcal://academy.example.org:8443{feed_path}"' in dashboard
    page = client.get(webinar.url).content.decode()
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', page).group(1)
    details = parse_qs(urlsplit(google.replace("&amp;", "&")).query)["details"][0]
    assert f"{BASE}{webinar.url}" in details
    assert f'href="webcal://academy.example.org:8443{feed_path}"' in page


def test_nothing_points_to_localhost_or_the_requests_host(finished):
    for message in mail.outbox:
        text = message_text(message)
        assert "://localhost" not in text and "://testserver" not in text
