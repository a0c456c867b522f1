"""Every e-mail the learning domain sends, one row each: the reminders engine's ledger.

A row is the idempotency key of one message: (kind, recipient, subject, slot) is
unique, so deciding twice that a message is due (two sweeps, a re-delivered task)
inserts nothing the second time. Rows are written by ``courses.services.notifications``
only; they keep what was sent, which is what the secretariat's outbox shows.

The send state machine (``courses.services.notifications.sending``) survives a crash at
any instant, because the row says what may have happened before it happens::

    pending ──claim (committed before SMTP: Message-ID fixed)──▶ sending
    sending ──server said 250──▶ sent
    sending ──4xx / network──▶ pending (next_attempt_at; for 24 hours) ──▶ … ──▶ failed
    sending ──5xx──▶ failed
    sending, no outcome after SENDING_STALE_AFTER (the worker died, or lost its database
            connection, between the SMTP conversation and the commit):
        kinds in RESEND_KINDS ──▶ resending ──▶ sending (same Message-ID) ──▶ sent …
        kinds in AT_MOST_ONCE_KINDS ──▶ unknown (the outbox shows it; a person decides)
    pending ──no longer makes sense──▶ skipped (only before anything left: never after)

At-least-once with one Message-ID (mail clients and many MTAs fold copies that share it)
for what a person needs: a confirmation, a join link, a change, a certificate, a link
to a file. At-most-once for the nudges a later message repeats anyway (inactivity, the
week-before deadline, the day-before webinar reminder, the weekly digest): a second copy
of a nudge looks like spam and a lost one costs nothing. docs/reliability.md says the
same, with the test behind each line.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationDeliveryQuerySet(models.QuerySet):
    def pending(self) -> NotificationDeliveryQuerySet:
        return self.filter(status=NotificationDelivery.Status.PENDING)

    def to_send(self, now) -> NotificationDeliveryQuerySet:
        """Rows a send task may take at ``now``: pending and not waiting for a retry, or
        marked to be sent again after a crash."""
        status = NotificationDelivery.Status
        return self.filter(
            models.Q(status=status.PENDING)
            & (models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now))
            | models.Q(status=status.RESENDING)
        )


class NotificationDelivery(models.Model):
    """One message to one person about one thing, for one occasion (the slot)."""

    class Kind(models.TextChoices):
        ENROLMENT_CONFIRMATION = "enrolment_confirmation", _("Enrolment confirmation")
        INACTIVITY = "inactivity", _("Inactivity nudge")
        DEADLINE_7D = "deadline_7d", _("Deadline in a week")
        DEADLINE_1D = "deadline_1d", _("Deadline tomorrow")
        OVERDUE = "overdue", _("Deadline passed")
        WEBINAR_REGISTERED = "webinar_registered", _("Webinar registration")
        WEBINAR_24H = "webinar_24h", _("Webinar tomorrow")
        WEBINAR_1H = "webinar_1h", _("Webinar in an hour")
        WEBINAR_PROMOTED = "webinar_promoted", _("Webinar seat from the waitlist")
        WEBINAR_CHANGED = "webinar_changed", _("Webinar changed")
        WEBINAR_CANCELLED = "webinar_cancelled", _("Webinar cancelled")
        WEBINAR_RECORDING = "webinar_recording", _("Webinar recording available")
        DIGEST = "digest", _("Coordinator's weekly digest")
        # Asked for by courses.services.certificates; never swept.
        CERTIFICATE = "certificate", _("Certificate")
        CERTIFICATE_ARCHIVE = "certificate_archive", _("Certificates ready to download")
        # Asked for by courses.services.exports.
        REPORT_EXPORT = "report_export", _("Export ready to download")
        # Cohorts (courses.cohorts): a module due soon, a facilitator's message.
        COHORT_DUE = "cohort_due", _("Cohort module due soon")
        COHORT_MESSAGE = "cohort_message", _("Message from a cohort facilitator")
        # Evaluation (courses.evaluation): the follow-up impact survey and its reminder.
        IMPACT_SURVEY = "impact_survey", _("Follow-up impact survey")
        IMPACT_SURVEY_REMINDER = "impact_survey_reminder", _("Impact survey reminder")
        # Discussion (courses.discussion): replies, mentions, the per-person digest.
        DISCUSSION_REPLY = "discussion_reply", _("Reply in a discussion")
        DISCUSSION_MENTION = "discussion_mention", _("Mention in a discussion")
        DISCUSSION_DIGEST = "discussion_digest", _("Discussion digest")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        # Committed before the SMTP conversation: the message may have left.
        SENDING = "sending", _("Being sent")
        # Found in "sending" after a crash: sent again, with the same Message-ID.
        RESENDING = "resending", _("To be sent again (same Message-ID)")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent")
        # Found in "sending" after a crash, of a kind never sent twice: maybe sent.
        UNKNOWN = "unknown", _("Maybe sent (interrupted)")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # Deleting an account deletes what was sent to it (it is personal data).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notification_deliveries",
    )
    # What the message is about, as "enrolment:345", "registration:12" or "user:7":
    # a plain string keeps the unique constraint a plain one. The foreign keys
    # below are for loading and filtering; nothing is decided from them.
    subject_key = models.CharField(_("about"), max_length=64)
    # Which occasion: a deadline's date, a week, an inactivity spell, a calendar sequence.
    slot = models.CharField(_("occasion"), max_length=64, blank=True)
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registration = models.ForeignKey(
        "courses.WebinarRegistration",
        verbose_name=_("webinar registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate = models.ForeignKey(
        "courses.Certificate",
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("decided at"))
    # Not before: quiet hours move it to the recipient's next morning.
    due_at = models.DateTimeField(_("due at"))
    # When a send task was last queued for it: a pending row queued long ago lost its
    # message, and the next sweep queues it again.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When the current attempt was claimed (committed "sending" before the SMTP
    # conversation): a row still "sending" long after this lost its worker.
    sending_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    # The first attempt opens the retry window (24 hours of transient failures).
    first_attempt_at = models.DateTimeField(_("first attempt"), null=True, blank=True)
    # Not before this: the next try after a transient failure.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    skip_reason = models.CharField(_("why not sent"), max_length=200, blank=True)
    # What was sent, as it was sent.
    to_email = models.EmailField(_("sent to"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    rendered_subject = models.CharField(_("subject line"), max_length=300, blank=True)
    rendered_text = models.TextField(_("plain text"), blank=True)
    rendered_html = models.TextField(_("HTML"), blank=True)
    # Fixed when the first attempt is claimed, and kept by every later one.
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)

    objects = NotificationDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "subject_key", "slot"],
                name="courses_notification_once",
            ),
        ]
        indexes = [
            # The sweep's "what is due and not queued" scan.
            models.Index(fields=["status", "due_at"], name="courses_notif_status_due"),
            models.Index(fields=["enrolment", "kind"], name="courses_notif_enrolment_kind"),
            # The sweep's "interrupted sends" scan: few rows are ever in these states.
            models.Index(
                fields=["sending_at"],
                name="courses_notif_sending",
                condition=models.Q(status="sending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recipient_id} · {self.subject_key} · {self.slot}"

    @property
    def reason(self) -> str:
        """Why it is not sent (yet): the re-check's reason, or the last error."""
        return self.skip_reason or self.last_error

    @property
    def may_be_resent(self) -> bool:
        """Failed, or maybe sent after a crash: the secretariat may send it again."""
        return self.status in (self.Status.FAILED, self.Status.UNKNOWN)
