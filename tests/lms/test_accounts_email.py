"""Account e-mails leave through the Celery task, after the transaction commits."""

import smtplib

import pytest
from django.conf import settings

from lms.celery import app as celery_app
from lms.emails import email_queue
from lms.tasks import SMTPTryLaterError, email_send_task

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


def test_only_transient_errors_are_retried_with_backoff():
    assert email_send_task.max_retries == 8
    assert email_send_task.retry_backoff is True
    assert email_send_task.retry_backoff_max == 600
    assert email_send_task.retry_jitter is True
    retried = email_send_task.autoretry_for
    assert smtplib.SMTPServerDisconnected in retried
    assert ConnectionError in retried
    assert not any(issubclass(smtplib.SMTPRecipientsRefused, error) for error in retried)


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
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    RefusingBackend.error = error
    # The task's own function, without Celery's retry loop around it.
    with pytest.raises(raised):
        email_send_task._orig_run(to="a@example.org", subject="S", text="T")
