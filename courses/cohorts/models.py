"""A cohort: a run of a course (or of a programme) with dates, facilitators and members.

A cohort names its course by translation key, like every learner row, so a member may
learn in any of the course's languages. Every date of a cohort is a day on the cohort's
own clock (``time_zone``): it starts at the beginning of ``starts_on`` there and ends at
the end of ``ends_on`` there. Rows are written by ``courses.cohorts.services`` only (and
by the Wagtail admin's forms for what the Secretariat and trainers author).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class CohortQuerySet(models.QuerySet):
    def for_course_key(self, course_key) -> CohortQuerySet:
        return self.filter(course_key=course_key)

    def running_on(self, day: dt.date) -> CohortQuerySet:
        """Cohorts whose dates include ``day``."""
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Cohort(ClusterableModel):
    """A run of a course or of a programme: dates, an enrolment window, a capacity,
    facilitators (trainers), a schedule of module dates and members from any organisation.
    """

    name = models.CharField(_("name"), max_length=200)
    course_page = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The course this cohort runs, in any of its languages."),
    )
    # Identity of the course across languages (from course_page, fixed by clean()).
    course_key = models.UUIDField(_("course key"), null=True, blank=True, db_index=True)
    programme_page = models.ForeignKey(
        "courses.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Or the programme this cohort runs (then leave the course empty)."),
    )
    # A cohort of a programme names the programme's translation key instead.
    programme_key = models.UUIDField(_("programme key"), null=True, blank=True, db_index=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), help_text=_("The last day of the cohort. Enrolments end with it.")
    )
    enrolment_opens_on = models.DateField(
        _("enrolment opens on"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept enrolments from now on."),
    )
    enrolment_closes_on = models.DateField(
        _("enrolment closes on"),
        null=True,
        blank=True,
        help_text=_("The last day to enrol. Leave empty to accept enrolments until the end."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        help_text=_("The cohort's dates are days on this clock (e.g. Europe/Paris)."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("The most members the cohort takes. Leave empty for no limit."),
    )
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_cohorts",
        blank=True,
        help_text=_("The trainers who run this cohort and follow its members."),
    )
    webinars = ParentalManyToManyField(
        "courses.WebinarPage",
        verbose_name=_("live sessions"),
        related_name="cohorts",
        blank=True,
        help_text=_("The webinars that are this cohort's live sessions."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="cohorts_cohort_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(course_key__isnull=False, programme_key__isnull=True)
                | Q(course_key__isnull=True, programme_key__isnull=False),
                name="cohorts_cohort_course_or_programme",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> dt.tzinfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.UTC

    def today(self, now: dt.datetime) -> dt.date:
        """The day ``now`` falls on, on the cohort's clock."""
        return now.astimezone(self.zone).date()

    def clean(self) -> None:
        super().clean()
        if self.course_page_id and self.programme_page_id:
            raise ValidationError(
                {"programme_page": _("Choose a course or a programme, not both.")}
            )
        if self.programme_page_id:
            self.programme_key, self.course_key = self.programme_page.translation_key, None
        elif self.course_page_id:
            self.course_key, self.programme_key = self.course_page.translation_key, None
        if not self.course_key and not self.programme_key:
            raise ValidationError(
                {"course_page": _("Choose the course (or the programme) this cohort runs.")}
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The cohort cannot end before it starts.")})
        closes = self.enrolment_closes_on
        if closes and self.ends_on and closes > self.ends_on:
            raise ValidationError(
                {"enrolment_closes_on": _("Enrolment cannot close after the cohort ends.")}
            )
        opens = self.enrolment_opens_on
        if opens and closes and closes < opens:
            raise ValidationError(
                {"enrolment_closes_on": _("Enrolment cannot close before it opens.")}
            )
        try:
            zoneinfo.ZoneInfo(self.time_zone or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError({"time_zone": _("Unknown time zone.")}) from None


class CohortModule(Orderable):
    """A module's dates in a cohort: when it opens to members and when it is due."""

    cohort = ParentalKey(Cohort, related_name="schedule", on_delete=models.CASCADE)
    module_page = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    module_key = models.UUIDField(_("module key"), null=True, blank=True)
    release_on = models.DateField(
        _("opens on"), null=True, blank=True, help_text=_("The day the module is released.")
    )
    due_on = models.DateField(
        _("due on"), null=True, blank=True, help_text=_("The day members should finish it.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("module date")
        verbose_name_plural = _("module dates")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "module_key"], name="cohorts_module_once_per_cohort"
            ),
        ]

    def __str__(self) -> str:
        return str(self.module_page or self.module_key)

    def clean(self) -> None:
        super().clean()
        if self.module_page_id:
            self.module_key = self.module_page.translation_key
        if not self.module_key:
            raise ValidationError({"module_page": _("Choose a module.")})
        if not self.release_on and not self.due_on:
            raise ValidationError(_("Give the module a release date, a due date or both."))
        if self.release_on and self.due_on and self.due_on < self.release_on:
            raise ValidationError({"due_on": _("A module cannot be due before it opens.")})


class CohortMember(models.Model):
    """A learner in a cohort, from any organisation, with the course enrolment it uses."""

    class Source(models.TextChoices):
        SELF = "self", _("Enrolled themselves")
        COORDINATOR = "coordinator", _("Enrolled by a coordinator")
        IMPORT = "import", _("Enrolled from a spreadsheet")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    # Empty once the learner deleted their account: the row still counts in the results.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohort_memberships",
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohort_memberships",
    )
    # A programme cohort's member: their programme enrolment (``enrolment`` stays empty).
    programme_enrolment = models.ForeignKey(
        "courses.ProgrammeEnrolment",
        verbose_name=_("programme enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohort_memberships",
    )
    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_at = models.DateTimeField(_("joined at"))

    class Meta:
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="cohorts_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.cohort}"


class CohortMessage(models.Model):
    """What a facilitator wrote to some of a cohort's members, sent once per recipient."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    audience = models.CharField(_("sent to"), max_length=16, default="behind")
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    # The form's one-time value: posting the same form twice sends one message.
    form_nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("cohort message")
        verbose_name_plural = _("cohort messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
