"""Webinars: live sessions at one instant for members from Mexico City to Seoul.

A webinar is stored as an instant in UTC (``starts_at``) plus the host's IANA time
zone; editors type the host's wall-clock time and the page form converts it. Every
viewer sees the time in their own zone with the host's beside it
(``courses.selectors.webinars``). Registrations, the waitlist and attendance are rows
of ``WebinarRegistration``, written by ``courses.services.webinars`` only.
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo
from functools import lru_cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from lms.models import validate_time_zone

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
# A webinar counts as attended from three quarters of it, unless the editor says otherwise.
DEFAULT_ATTENDANCE_SHARE = 0.75


def calendar_token() -> str:
    """An unguessable token for a private calendar URL (256 bits)."""
    return secrets.token_urlsafe(32)


@lru_cache(maxsize=1)
def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone name, sorted, for the host time zone menu."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def wall_time_to_utc(local: dt.datetime, zone_name: str) -> dt.datetime:
    """The UTC instant of the wall-clock time ``local`` (naive) in ``zone_name``.

    A time the clocks skip when summer time starts does not exist: it is refused
    rather than moved silently. A time that happens twice when summer time ends is
    taken the first time it happens (``fold=0``).
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    aware = local.replace(tzinfo=zone, fold=0)
    back = aware.astimezone(dt.UTC).astimezone(zone)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks go forward that night. "
                "Choose a time an hour later."
            ),
            params={"time": local.strftime("%Y-%m-%d %H:%M"), "zone": zone_name},
            code="nonexistent_time",
        )
    return aware.astimezone(dt.UTC)


class WebinarIndexPage(Page):
    """The list of open webinars (those not part of a course), under the home page.

    One per locale. Course webinars live under their course instead.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences under the title saying who the webinars are for."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.WebinarPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("webinar list")
        verbose_name_plural = _("webinar lists")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.webinars import webinar_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(webinar_index_context(request=request, index=self))
        return context


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as read on a wall clock: kept naive, never moved into a time zone.

    Django's own field would read the value in the admin user's time zone; here the
    zone is the webinar host's, chosen in another field of the same form.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        try:
            result = parse_datetime(str(value).strip())
        except ValueError:
            result = None
        if result is None:
            result = forms.BaseTemporalField.to_python(self, value)
        return result.replace(tzinfo=None)


class WebinarPageForm(WagtailAdminPageForm):
    """Editors type the start as the host's wall-clock time; the page stores the UTC instant."""

    starts_at_local = WallClockDateTimeField(
        label=_("Starts at (host's local time)"),
        help_text=_(
            "The date and time on the host's clock, in the host time zone below. "
            "Participants see it in their own time zone."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "host_time_zone" in self.fields:
            self.fields["host_time_zone"].widget = forms.Select(choices=time_zone_choices())
        instance = self.instance
        if instance.starts_at and not self.is_bound:
            zone = zoneinfo.ZoneInfo(instance.host_time_zone or "UTC")
            self.initial["starts_at_local"] = instance.starts_at.astimezone(zone).replace(
                tzinfo=None
            )

    def clean(self):
        cleaned = super().clean()
        local = cleaned.get("starts_at_local")
        zone_name = cleaned.get("host_time_zone")
        if local is not None and zone_name:
            try:
                self.instance.starts_at = wall_time_to_utc(local, zone_name)
            except ValidationError as error:
                self.add_error("starts_at_local", error)
        return cleaned


class WebinarPage(Page):
    """A live webinar: one instant, a host time zone, registration with a waitlist,
    a join link for registered people, attendance, and a recording afterwards.

    Under a course (it counts towards the course's completion rule, and only the
    course's learners may register) or under the webinar list (open to everyone with
    a confirmed e-mail address).
    """

    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    starts_at = models.DateTimeField(
        _("starts at (UTC)"),
        db_index=True,
        help_text=_("Worked out from the host's local time and time zone."),
    )
    host_time_zone = models.CharField(
        _("host time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Where the host is, e.g. America/Toronto for Montreal or Asia/Seoul."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    language = models.CharField(
        _("spoken language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the webinar is held in (interpretation aside)."),
    )
    presenters = models.TextField(
        _("presenters"),
        blank=True,
        help_text=_("One presenter per line, e.g. “Jane Doe, City of Montreal”."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. Once full, people join a waitlist in order."),
    )
    join_url = models.URLField(
        _("join link"),
        blank=True,
        max_length=500,
        help_text=_("Shown only to registered people, shortly before the start until the end."),
    )
    join_opens_minutes_before = models.PositiveSmallIntegerField(
        _("join link shown (minutes before the start)"),
        default=15,
        validators=[MaxValueValidator(24 * 60)],
    )
    recording_url = models.URLField(
        _("recording link"),
        blank=True,
        max_length=500,
        help_text=_("Shown on the page once the webinar is over."),
    )
    materials = RichTextField(
        _("materials"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Slides and documents, shown on the page once the webinar is over."),
    )
    min_minutes_to_attend = models.PositiveSmallIntegerField(
        _("minutes needed to count as attended"),
        null=True,
        blank=True,
        help_text=_("Leave empty for three quarters of the duration."),
    )
    participation_certificate = models.BooleanField(
        _("certificate of participation"),
        default=False,
        help_text=_(
            "People who attend get a certificate of participation (a course can also give "
            "one for all its webinars)."
        ),
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Registered people's calendars show the webinar as cancelled."),
    )
    # Bumped by courses.services.webinars.webinar_sync_schedule when the time, the
    # duration or the cancellation changes, so calendar apps replace their copy (RFC 5545).
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    scheduled_fingerprint = models.CharField(max_length=120, blank=True, editable=False)

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("presenters"),
        index.FilterField("starts_at"),
        index.FilterField("locale_id"),
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Type the start as it reads on the host's clock. The start in UTC "
                        "is shown once the page is saved."
                    )
                ),
                FieldRowPanel([FieldPanel("starts_at_local"), FieldPanel("host_time_zone")]),
                FieldPanel("starts_at", read_only=True),
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("language")]),
                FieldPanel("is_cancelled"),
            ],
            heading=_("When"),
        ),
        FieldPanel("description"),
        FieldPanel("presenters"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("join_url"), FieldPanel("join_opens_minutes_before")]),
            ],
            heading=_("Registration and joining"),
        ),
        MultiFieldPanel(
            [FieldPanel("min_minutes_to_attend"), FieldPanel("participation_certificate")],
            heading=_("Attendance"),
        ),
        MultiFieldPanel(
            [FieldPanel("recording_url"), FieldPanel("materials")],
            heading=_("After the webinar"),
        ),
    ]
    base_form_class = WebinarPageForm

    parent_page_types = ["courses.CoursePage", "courses.WebinarIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        threshold = self.min_minutes_to_attend
        if threshold is not None and self.duration_minutes and threshold > self.duration_minutes:
            errors.setdefault("min_minutes_to_attend", []).append(
                _("Nobody can attend longer than the webinar lasts: choose at most its duration.")
            )
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """Revisions never carry the calendar sequence: it only moves forward, in the database."""
        obj = super().with_content_json(content)
        obj.sequence = self.sequence
        obj.scheduled_fingerprint = self.scheduled_fingerprint
        return obj

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.webinars import webinar_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(webinar_detail_context(request=request, webinar=self))
        return context

    # --- cheap facts ---------------------------------------------------------------------

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def join_opens_at(self) -> dt.datetime:
        return self.starts_at - dt.timedelta(minutes=self.join_opens_minutes_before)

    @property
    def host_zone(self) -> dt.tzinfo:
        try:
            return zoneinfo.ZoneInfo(self.host_time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.UTC

    @property
    def attendance_threshold_minutes(self) -> int:
        """Minutes a person must attend for the webinar to count as attended."""
        if self.min_minutes_to_attend is not None:
            return self.min_minutes_to_attend
        return max(1, round(self.duration_minutes * DEFAULT_ATTENDANCE_SHARE))

    @property
    def presenter_list(self) -> list[str]:
        return [line.strip() for line in self.presenters.splitlines() if line.strip()]

    @property
    def schedule_fingerprint(self) -> str:
        """What calendar apps must be told about when it changes."""
        start = self.starts_at.astimezone(dt.UTC).isoformat() if self.starts_at else ""
        return f"{start}|{self.duration_minutes}|{int(self.is_cancelled)}"

    def has_ended(self, now: dt.datetime) -> bool:
        return now >= self.ends_at

    def join_is_open(self, now: dt.datetime) -> bool:
        return not self.is_cancelled and self.join_opens_at <= now < self.ends_at


class WebinarRegistrationQuerySet(models.QuerySet):
    def registered(self) -> WebinarRegistrationQuerySet:
        return self.filter(status=WebinarRegistration.Status.REGISTERED)

    def waitlisted(self) -> WebinarRegistrationQuerySet:
        return self.filter(status=WebinarRegistration.Status.WAITLISTED)

    def current(self) -> WebinarRegistrationQuerySet:
        """Registered or waiting: not cancelled."""
        return self.exclude(status=WebinarRegistration.Status.CANCELLED)


class WebinarRegistration(models.Model):
    """A person's place at a webinar: a seat, a place on the waitlist, or cancelled;
    and, afterwards, how many minutes they attended."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    webinar = models.ForeignKey(
        WebinarPage,
        verbose_name=_("webinar"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="webinar_registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Arrival order, per webinar: the waitlist is served in this order. Registering
    # again after cancelling goes to the back.
    position = models.PositiveIntegerField(_("arrival order"))
    created_at = models.DateTimeField(_("registered at"))
    promoted_at = models.DateTimeField(_("moved off the waitlist at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended_minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    attendance_recorded_at = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True
    )

    objects = WebinarRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("webinar registration")
        verbose_name_plural = _("webinar registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "user"], name="courses_webinarregistration_once"
            ),
            models.UniqueConstraint(
                fields=["webinar", "position"], name="courses_webinarregistration_position"
            ),
        ]
        indexes = [
            models.Index(fields=["webinar", "status", "position"], name="courses_webreg_queue"),
            models.Index(fields=["user", "status"], name="courses_webreg_user_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.webinar_id} ({self.get_status_display()})"


class CalendarFeed(models.Model):
    """A person's private calendar address: every webinar they registered for, with join links.

    The token is the only secret; resetting it (a new row value) makes the old
    address stop working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=calendar_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reset_at = models.DateTimeField(_("last reset at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} · calendar"
