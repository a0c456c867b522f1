"""Account e-mails are rows in an outbox, sent by the Celery task after the transaction
commits, retried for 24 hours, and caught up by a sweep when a message is lost."""

import datetime as dt
import smtplib

import pytest
import time_machine
from django.conf import settings

from lms.celery import app as celery_app
from lms.emails import account_email_send, account_emails_sweep, email_queue
from lms.models import AccountEmail
from lms.tasks import SMTPTryLaterError, deliver, email_send_task

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """An e-mail backend whose server answers with the code a test chooses."""

    error: Exception = smtplib.SMTPServerDisconnected()

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise type(self).error


def test_an_e_mail_is_sent_by_the_task_only_once_the_transaction_commits(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_queue(
            to="ana@example.org",
            subject="Welcome\nto GSEF Academy\n",
            text="Hello",
            html="<p>Hello</p>",
            headers={"X-GSEF": "1"},
        )
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()  # what the commit does: queue the task (run at once: eager in tests)
    [message] = mailoutbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "Welcome to GSEF Academy"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.alternatives[0] == ("<p>Hello</p>", "text/html")
    assert message.extra_headers["X-GSEF"] == "1"


def test_a_rolled_back_action_sends_nothing(django_capture_on_commit_callbacks, mailoutbox):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                email_queue(to="ana@example.org", subject="S", text="T")
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert mailoutbox == []


def test_account_e_mails_go_to_the_notifications_queue():
    route = celery_app.amqp.router.route({}, "lms.tasks.email_send_task")
    assert route["queue"].name == "notifications"


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (smtplib.SMTPDataError(451, b"try again later"), SMTPTryLaterError),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"busy")}), SMTPTryLaterError),
        (smtplib.SMTPDataError(554, b"refused as spam"), smtplib.SMTPDataError),
        (
            smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}),
            smtplib.SMTPRecipientsRefused,
        ),
    ],
)
def test_a_server_saying_try_later_is_told_from_a_permanent_refusal(settings, error, raised):
    from django.core.mail import EmailMultiAlternatives

    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    RefusingBackend.error = error
    with pytest.raises(raised):
        deliver(EmailMultiAlternatives(subject="S", body="T", to=["a@example.org"]))


# --- the outbox: recorded, retried for 24 hours, caught up by the sweep -------------------

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _queued(capture, **fields) -> AccountEmail:
    with time_machine.travel(NOW, tick=False), capture(execute=False):
        email_queue(to="ana@example.org", subject="Reset", text="https://x/reset/abc", **fields)
    return AccountEmail.objects.get()


def test_a_queued_e_mail_is_a_row_sent_once_and_its_one_time_link_blanked(
    django_capture_on_commit_callbacks, mailoutbox
):
    email = _queued(django_capture_on_commit_callbacks)
    assert email.status == "pending" and email.text == "https://x/reset/abc"

    assert account_email_send(email_id=email.pk, now=NOW) == "sent"
    assert account_email_send(email_id=email.pk, now=NOW) == "not due"  # a second message

    email.refresh_from_db()
    assert (email.status, email.attempts, email.text) == ("sent", 1, "")
    [message] = mailoutbox
    assert message.extra_headers["Message-ID"] == email.message_id


def test_a_transient_failure_is_recorded_and_retried_by_the_sweep_for_24_hours(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    email = _queued(django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    RefusingBackend.error = smtplib.SMTPServerDisconnected("Connection closed")

    assert account_email_send(email_id=email.pk, now=NOW) == "pending"
    email.refresh_from_db()
    assert email.last_error.startswith("SMTPServerDisconnected")
    assert email.next_attempt_at == NOW + dt.timedelta(seconds=30)
    assert account_email_send(email_id=email.pk, now=NOW + dt.timedelta(seconds=10)) == "not due"

    now = NOW
    with django_capture_on_commit_callbacks(execute=False):
        while True:
            now = AccountEmail.objects.get().next_attempt_at
            assert account_emails_sweep(now=now) == 1
            if account_email_send(email_id=email.pk, now=now) == "failed":
                break
    email.refresh_from_db()
    assert now - NOW >= dt.timedelta(hours=24)
    assert email.status == "failed" and email.text == ""
    assert 20 <= email.attempts <= 40


def test_a_permanent_refusal_fails_at_once(settings, django_capture_on_commit_callbacks):
    email = _queued(django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    RefusingBackend.error = smtplib.SMTPDataError(554, b"refused as spam")

    assert account_email_send(email_id=email.pk, now=NOW) == "failed"


def test_the_sweep_queues_an_e_mail_whose_message_was_lost_and_resends_an_interrupted_one(
    django_capture_on_commit_callbacks, mailoutbox
):
    email = _queued(django_capture_on_commit_callbacks)  # its message never left

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert account_emails_sweep(now=NOW + dt.timedelta(minutes=4)) == 0  # may be on its way
        assert account_emails_sweep(now=NOW + dt.timedelta(minutes=6)) == 1
    assert len(callbacks) == 1

    # A worker died mid-send: the row says "sending"; after the stale bound it goes again.
    AccountEmail.objects.filter(pk=email.pk).update(status="sending", claimed_at=NOW)
    later = NOW + dt.timedelta(minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        assert account_emails_sweep(now=later) == 1
    email.refresh_from_db()
    assert email.status == "sent"
    assert mailoutbox[0].extra_headers["Message-ID"] == email.message_id


def test_a_message_from_the_previous_release_is_recorded_then_sent(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        email_send_task(to="ana@example.org", subject="S", text="T")

    assert AccountEmail.objects.get().status == "sent"
    assert len(mailoutbox) == 1


def test_an_erased_account_takes_its_e_mails_with_it(django_capture_on_commit_callbacks):
    from lms.emails import account_emails_erase
    from tests.factories import UserFactory

    _queued(django_capture_on_commit_callbacks)
    account_emails_erase(UserFactory(email="Ana@example.org"))

    assert not AccountEmail.objects.exists()
