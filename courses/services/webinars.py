"""Every write about webinars: registration and the waitlist, the calendar sequence,
private calendar feeds, and attendance (one by one or from a platform's report).

Each service is safe to repeat: registering twice returns the same registration,
cancelling twice changes nothing, importing the same attendance report twice sets
the same minutes. The waitlist is kept in arrival order under a lock on the
webinar's row, so concurrent requests never fill more seats than there are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import (
    CalendarFeed,
    Enrolment,
    NotificationDelivery,
    WebinarPage,
    WebinarRegistration,
)
from courses.models.webinars import calendar_token, wall_time_to_utc
from courses.selectors.webinars import (
    attendance_access,
    attendance_scope,
    coordinated_people,
    webinar_course,
    webinar_registration_refusal,
)
from courses.services import spreadsheets
from courses.services.notifications import (
    instant_slot,
    notification_request,
    notification_request_many,
    webinar_registration_rows,
)
from lms.models import User

# A report larger than this is not an attendance report.
MAX_REPORT_BYTES = 5 * 1024 * 1024

Status = WebinarRegistration.Status
Kind = NotificationDelivery.Kind


def _locked(webinar: WebinarPage) -> WebinarPage:
    """The webinar, re-read with its row locked until the transaction ends.

    Every change to its registrations takes this lock first, so seat counts and
    waitlist positions are read and written by one request at a time.
    """
    return WebinarPage.objects.select_for_update(of=("self",)).get(pk=webinar.pk)


def _next_position(webinar: WebinarPage) -> int:
    last = WebinarRegistration.objects.filter(webinar=webinar).aggregate(last=Max("position"))
    return (last["last"] or 0) + 1


def _seats_free(webinar: WebinarPage) -> bool:
    if webinar.capacity is None:
        return True
    return WebinarRegistration.objects.filter(webinar=webinar).registered().count() < (
        webinar.capacity
    )


# --- e-mail (through the reminders engine: one row per message, sent once) ------------------


def _tell(*, kind: str, registration: WebinarRegistration, slot: str, now: dt.datetime) -> None:
    """Ask the reminders engine for ``kind`` about ``registration``, sent after commit."""
    notification_request(
        kind=kind,
        recipient=registration.user,
        subject_key=f"registration:{registration.pk}",
        slot=slot,
        now=now,
        registration=registration,
    )


# --- registration ---------------------------------------------------------------------------


def _promote_waiting(*, webinar: WebinarPage, now: dt.datetime) -> list[WebinarRegistration]:
    """Give free seats to the people waiting longest, and tell them. Needs the lock."""
    if webinar.is_cancelled or webinar.has_ended(now):
        return []
    promoted = []
    while _seats_free(webinar):
        first = (
            WebinarRegistration.objects.waitlisted()
            .filter(webinar=webinar)
            .select_related("user")
            .order_by("position")
            .first()
        )
        if first is None:
            break
        first.status = Status.REGISTERED
        first.promoted_at = now
        first.save(update_fields=["status", "promoted_at"])
        first.webinar = webinar
        _tell(kind=Kind.WEBINAR_PROMOTED, registration=first, slot=instant_slot(now), now=now)
        promoted.append(first)
    return promoted


@transaction.atomic
def webinar_register(
    *, user: User, webinar: WebinarPage, now: dt.datetime | None = None
) -> WebinarRegistration:
    """Register ``user`` for ``webinar``: a seat if one is free, else the waitlist's end.

    Refuses, with a sentence the person can act on, when the webinar is cancelled,
    over, unpublished, part of a course they are not enrolled in, or their e-mail
    address is not confirmed. Registering again while registered or waiting returns
    the same registration; registering after cancelling goes to the back of the queue.
    """
    now = now or timezone.now()
    webinar = _locked(webinar)
    existing = WebinarRegistration.objects.filter(webinar=webinar, user=user).first()
    if existing is not None and existing.status != Status.CANCELLED:
        return existing
    refusal = webinar_registration_refusal(user=user, webinar=webinar, now=now)
    if refusal:
        raise ValidationError(refusal.message, code=refusal.code)
    # Seats freed while nobody was waiting to be told (a bigger room) go to the queue first.
    _promote_waiting(webinar=webinar, now=now)
    status = Status.REGISTERED if _seats_free(webinar) else Status.WAITLISTED
    position = _next_position(webinar)
    if existing is not None:
        existing.status = status
        existing.position = position
        existing.created_at = now
        existing.cancelled_at = None
        existing.promoted_at = None
        existing.save(
            update_fields=["status", "position", "created_at", "cancelled_at", "promoted_at"]
        )
        registration = existing
    else:
        try:
            with transaction.atomic():
                registration = WebinarRegistration.objects.create(
                    webinar=webinar, user=user, status=status, position=position, created_at=now
                )
        except IntegrityError:
            # Only possible without row locks (SQLite): the other request registered them.
            return WebinarRegistration.objects.get(webinar=webinar, user=user)
    if registration.status == Status.REGISTERED:
        registration.webinar = webinar
        _tell(
            kind=Kind.WEBINAR_REGISTERED,
            registration=registration,
            slot=instant_slot(registration.created_at),
            now=now,
        )
    return registration


@transaction.atomic
def webinar_cancel_registration(
    *, registration: WebinarRegistration, now: dt.datetime | None = None
) -> WebinarRegistration:
    """Give up a seat or a place on the waitlist. A freed seat goes to the first person
    waiting, who is told by e-mail. Cancelling twice does nothing; a webinar that is
    over cannot be cancelled any more (its attendance is the record)."""
    now = now or timezone.now()
    webinar = _locked(registration.webinar)
    registration = WebinarRegistration.objects.get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration
    if webinar.has_ended(now):
        raise ValidationError(
            _("This webinar is over: there is no registration left to cancel."), code="ended"
        )
    was_registered = registration.status == Status.REGISTERED
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if was_registered:
        _promote_waiting(webinar=webinar, now=now)
    return registration


@transaction.atomic
def webinar_sync_schedule(*, webinar: WebinarPage, now: dt.datetime | None = None) -> bool:
    """Bump the calendar sequence when the start, the duration or the cancellation
    changed since the last publication, so calendar apps replace their copy. Also gives
    seats added since to the people waiting. Returns whether the sequence moved.

    Called after every publication (``courses.signals``); the first publication only
    records the schedule.
    """
    now = now or timezone.now()
    webinar = _locked(webinar)
    fingerprint = webinar.schedule_fingerprint
    changed = False
    if webinar.scheduled_fingerprint != fingerprint:
        changed = bool(webinar.scheduled_fingerprint)
        webinar.sequence += 1 if changed else 0
        webinar.scheduled_fingerprint = fingerprint
        # update(), not save(): a page save would write a new revision's worth of fields.
        WebinarPage.objects.filter(pk=webinar.pk).update(
            sequence=webinar.sequence, scheduled_fingerprint=fingerprint
        )
        if changed:
            # Everyone with a seat or waiting is told, once per new sequence.
            registrations = (
                WebinarRegistration.objects.current().filter(webinar=webinar).select_related("user")
            )
            notification_request_many(
                rows=webinar_registration_rows(
                    kind=Kind.WEBINAR_CANCELLED if webinar.is_cancelled else Kind.WEBINAR_CHANGED,
                    registrations=registrations,
                    slot=str(webinar.sequence),
                    now=now,
                ),
                now=now,
            )
    _promote_waiting(webinar=webinar, now=now)
    return changed


# --- calendar feeds -------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_reset(*, user: User, now: dt.datetime | None = None) -> CalendarFeed:
    """Give ``user`` a private calendar address, or a new one in place of the old,
    which stops working at once."""
    now = now or timezone.now()
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = calendar_token()
        feed.reset_at = now
        feed.save(update_fields=["token", "reset_at"])
    return feed


# --- attendance -----------------------------------------------------------------------------


def _after_attendance(*, webinar: WebinarPage, user_ids: set[int]) -> None:
    """Let the completion rule see new attendance of a course webinar, and queue the
    participation certificates of people who now count as attended."""
    from courses.services.certificates import webinar_gives_certificate
    from courses.services.learning import enrolment_evaluate
    from courses.tasks import participation_certificate_task

    if user_ids and webinar_gives_certificate(webinar):
        attended = WebinarRegistration.objects.filter(
            webinar=webinar, user_id__in=user_ids, attended=True
        ).values_list("pk", flat=True)
        for pk in attended:
            participation_certificate_task.delay_on_commit(registration_id=pk)

    course = webinar_course(webinar)
    if course is None or not user_ids:
        return
    enrolments = Enrolment.objects.current().filter(
        user_id__in=user_ids, course_key=course.translation_key
    )
    for enrolment in enrolments:
        enrolment_evaluate(enrolment=enrolment)


def _set_minutes(
    *, webinar: WebinarPage, user: User, minutes: int, now: dt.datetime
) -> WebinarRegistration:
    """Set (never add) the minutes attended. Someone who attended without registering
    (a forwarded link) gets a registration, so their attendance counts."""
    registration = WebinarRegistration.objects.filter(webinar=webinar, user=user).first()
    if registration is None:
        registration = WebinarRegistration.objects.create(
            webinar=webinar,
            user=user,
            status=Status.REGISTERED,
            position=_next_position(webinar),
            created_at=now,
        )
    attended = minutes >= webinar.attendance_threshold_minutes
    if registration.attended_minutes != minutes or registration.attended != attended:
        registration.attended_minutes = minutes
        registration.attended = attended
        registration.attendance_recorded_at = now
        registration.save(update_fields=["attended_minutes", "attended", "attendance_recorded_at"])
    return registration


def _check_can_record(*, by: User, webinar: WebinarPage, now: dt.datetime) -> None:
    if attendance_scope(user=by, webinar=webinar) is None:
        raise ValidationError(
            _("You cannot record attendance for this webinar."), code="not_allowed"
        )
    if now < webinar.starts_at:
        raise ValidationError(
            _("This webinar has not started yet: record attendance once it has taken place."),
            code="not_started",
        )


@transaction.atomic
def webinar_attendance_set(
    *,
    webinar: WebinarPage,
    minutes_by_registration: dict[int, int | None],
    by: User,
    now: dt.datetime | None = None,
) -> int:
    """Record the minutes attended of registrations by id (None clears a record).

    Only registrations ``by`` may manage are touched; others are refused. Returns
    how many changed. Course enrolments of the people concerned are re-evaluated.
    """
    now = now or timezone.now()
    webinar = _locked(webinar)
    _check_can_record(by=by, webinar=webinar, now=now)
    scope = attendance_scope(user=by, webinar=webinar)
    rows = {row.pk: row for row in scope.filter(pk__in=minutes_by_registration)}
    if set(minutes_by_registration) - set(rows):
        raise ValidationError(
            _("Some of these people are not yours to record: nothing was changed."),
            code="not_allowed",
        )
    changed: set[int] = set()
    for pk, minutes in minutes_by_registration.items():
        row = rows[pk]
        if minutes is not None and minutes < 0:
            raise ValidationError(_("Minutes attended cannot be negative."), code="invalid")
        attended = minutes is not None and minutes >= webinar.attendance_threshold_minutes
        if row.attended_minutes == minutes and row.attended == attended:
            continue
        row.attended_minutes = minutes
        row.attended = attended
        row.attendance_recorded_at = now
        row.save(update_fields=["attended_minutes", "attended", "attendance_recorded_at"])
        changed.add(row.user_id)
    _after_attendance(webinar=webinar, user_ids=changed)
    return len(changed)


@dataclass
class AttendanceImport:
    """What an attendance report did: minutes per person, and the rows it could not use."""

    applied: list[tuple[User, int, bool]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    rows_read: int = 0


HEADER_ALIASES = {
    "name": "name",
    "full name": "name",
    "participant": "name",
    "email": "email",
    "e-mail": "email",
    "email address": "email",
    "user email": "email",
    "join time": "join",
    "join": "join",
    "joined": "join",
    "leave time": "leave",
    "leave": "leave",
    "left": "leave",
}


def _read_time(value: str, *, webinar: WebinarPage) -> dt.datetime:
    """An ISO 8601 time with its offset, or a plain "YYYY-MM-DD HH:MM:SS" on the host's clock."""
    value = value.strip()
    if not value:
        raise ValueError(_("the time is empty"))
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(
            _("“%(value)s” is not a time like 2027-03-16 10:05:00 or 2027-03-16T10:05:00-04:00")
            % {"value": value}
        ) from error
    if moment.tzinfo is None:
        try:
            return wall_time_to_utc(moment, webinar.host_time_zone)
        except ValidationError as error:
            raise ValueError(" ".join(error.messages)) from error
    return moment.astimezone(dt.UTC)


def _merged_seconds(intervals: list[tuple[dt.datetime, dt.datetime]]) -> float:
    """Seconds covered by the intervals, overlaps counted once (two devices, a rejoin)."""
    total = 0.0
    current_start = current_end = None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += (current_end - current_start).total_seconds()
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += (current_end - current_start).total_seconds()
    return total


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


@transaction.atomic
def webinar_attendance_import(
    *, webinar: WebinarPage, data: bytes | File, by: User, now: dt.datetime | None = None
) -> AttendanceImport:
    """Apply a video platform's attendance report (CSV: name, email, join time, leave time).

    ``data`` is the report's bytes or the uploaded file, which is read in chunks and
    refused as soon as it passes 5 MB (it is never read whole first). Rows of one
    person are merged (overlapping intervals counted once) and their total *sets* the
    minutes attended, so importing the same file twice changes nothing. Unknown e-mail
    addresses, people ``by`` may not manage and malformed rows are reported with their
    line number and left out; the other rows apply.
    """
    now = now or timezone.now()
    webinar = _locked(webinar)
    _check_can_record(by=by, webinar=webinar, now=now)
    data = spreadsheets.read_upload(
        io.BytesIO(data) if isinstance(data, bytes) else data,
        max_bytes=MAX_REPORT_BYTES,
        too_big=_("This file is larger than 5 MB: it is not an attendance report."),
    )
    if data[:4] == b"PK\x03\x04" or data[:4] == b"\xd0\xcf\x11\xe0":
        raise ValidationError(
            _(
                "This is a workbook (.xlsx, .ods or .xls), not a CSV file. Download the "
                "report as CSV from the video platform, or save the workbook as CSV, and "
                "upload that."
            ),
            code="not_csv",
        )
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    try:
        return _apply_report(webinar=webinar, reader=reader, by=by, now=now)
    except csv.Error as error:
        raise ValidationError(
            _("Line %(line)s of the file cannot be read as CSV (%(error)s): nothing was changed.")
            % {"line": reader.line_num, "error": error},
            code="bad_csv",
        ) from error


def _apply_report(*, webinar: WebinarPage, reader, by: User, now: dt.datetime) -> AttendanceImport:
    header = next(reader, None)
    columns = {}
    for index, name in enumerate(header or []):
        key = HEADER_ALIASES.get(" ".join(name.strip().lower().replace("_", " ").split()))
        if key and key not in columns:
            columns[key] = index
    missing = [name for name in ("email", "join", "leave") if name not in columns]
    if missing:
        raise ValidationError(
            _(
                "The first line must name the columns: name, email, join time, leave time. "
                "Missing: %(missing)s."
            )
            % {"missing": ", ".join(missing)},
            code="bad_header",
        )

    report = AttendanceImport()
    intervals: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    lines: dict[str, list[int]] = defaultdict(list)
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        report.rows_read += 1

        def cell(name: str, row=row) -> str:
            index = columns[name]
            return row[index].strip() if index < len(row) else ""

        email = cell("email").lower()
        try:
            validate_email(email)
        except ValidationError:
            message = _("“%(email)s” is not an e-mail address.") % {"email": email}
            report.errors.append((line, message))
            continue
        try:
            joined = _read_time(cell("join"), webinar=webinar)
            left = _read_time(cell("leave"), webinar=webinar)
        except ValueError as error:
            report.errors.append((line, str(error)))
            continue
        if left < joined:
            report.errors.append((line, _("The leave time is before the join time.")))
            continue
        intervals[email].append((joined, left))
        lines[email].append(line)

    users = {user.email: user for user in User.objects.filter(email__in=list(intervals))}
    allowed: set[int] | None = None  # None: every person
    if attendance_access(user=by, webinar=webinar) != "all":
        allowed = set(
            User.objects.filter(pk__in=coordinated_people(by), email__in=list(users)).values_list(
                "pk", flat=True
            )
        )
    changed: set[int] = set()
    for email, spans in intervals.items():
        user = users.get(email)
        if user is None:
            message = _("Nobody has an account with the address %(email)s.") % {"email": email}
            report.errors.extend((line, message) for line in lines[email])
            continue
        if allowed is not None and user.pk not in allowed:
            for line in lines[email]:
                report.errors.append(
                    (
                        line,
                        _("%(email)s is not a member of an organisation you coordinate.")
                        % {"email": email},
                    )
                )
            continue
        minutes = int(_merged_seconds(spans) // 60)
        before = WebinarRegistration.objects.filter(webinar=webinar, user=user).first()
        registration = _set_minutes(webinar=webinar, user=user, minutes=minutes, now=now)
        if before is None or (before.attended_minutes, before.attended) != (
            registration.attended_minutes,
            registration.attended,
        ):
            changed.add(user.pk)
        report.applied.append((user, minutes, registration.attended))
    report.errors.sort()
    _after_attendance(webinar=webinar, user_ids=changed)
    return report
