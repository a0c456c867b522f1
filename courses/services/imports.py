"""Enrolling many people at once: members picked in a form, or rows of a spreadsheet.

``parse_enrolment_spreadsheet`` turns an uploaded CSV or XLSX file into rows (or
refuses the file with a reason); ``enrolment_import`` applies the rows for one
organisation, row by row, each in its own savepoint: a bad row is reported with its
line number and reason and changes nothing, the good rows are applied. Applying the
same file twice changes nothing the second time (``enrolment_create`` is a no-op for
people already enrolled, and inviting a member again does nothing).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment
from courses.services import spreadsheets
from courses.services.learning import enrolment_create
from lms import roles
from lms.models import Membership, Organisation, User
from lms.permissions import membership_policy
from lms.services import membership_invite

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
#: Columns read from a workbook: the list's columns are among the first ones.
MAX_COLUMNS = 50

# Column headings we recognise, after lower-casing and dropping everything but letters.
HEADINGS = {
    "email": "email",
    "emailaddress": "email",
    "mail": "email",
    "courriel": "email",
    "correo": "email",
    "fullname": "full_name",
    "name": "full_name",
    "nom": "full_name",
    "nombre": "full_name",
    "course": "course",
    "cours": "course",
    "curso": "course",
    "deadline": "deadline",
    "dueon": "deadline",
    "duedate": "deadline",
    "echeance": "deadline",
    "fecha": "deadline",
    "fechalimite": "deadline",
    "datelimite": "deadline",
    "language": "language",
    "langue": "language",
    "idioma": "language",
    # Longer French and Spanish names, and Korean ones.
    "adresseelectronique": "email",
    "correoelectronico": "email",
    "nomcomplet": "full_name",
    "nombrecompleto": "full_name",
    "이메일": "email",
    "이름": "full_name",
    "성명": "full_name",
    "강좌": "course",
    "과정": "course",
    "마감기한": "deadline",
    "마감일": "deadline",
    "언어": "language",
    # A cohort of the course (courses.cohorts), by its name or number; optional.
    "cohort": "cohort",
    "cohorte": "cohort",
    "코호트": "cohort",
    "기수": "cohort",
}


@dataclass(frozen=True)
class EnrolmentRow:
    """One data row of a spreadsheet, as written (``line`` counts the heading as line 1)."""

    line: int
    email: str
    full_name: str = ""
    course: str = ""
    deadline: str = ""
    #: The language of the invitation for someone without an account (en, fr, es, ko).
    language: str = ""
    #: A cohort to put them in (its name or number), optional.
    cohort: str = ""


@dataclass
class ParsedSpreadsheet:
    rows: list[EnrolmentRow] = field(default_factory=list)
    #: Reasons the whole file is refused; when there are any, ``rows`` is empty.
    errors: list[str] = field(default_factory=list)


class Outcome:
    ENROLLED = "enrolled"
    INVITED = "invited"  # a new account (or a new member) was invited, then enrolled
    ALREADY = "already_enrolled"
    REFUSED = "refused"


@dataclass(frozen=True)
class RowResult:
    line: int | None
    email: str
    name: str
    course: str
    outcome: str
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome != Outcome.REFUSED


@dataclass
class ImportReport:
    results: list[RowResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)

    @property
    def enrolled(self) -> int:
        return self.count(Outcome.ENROLLED) + self.count(Outcome.INVITED)

    @property
    def invited(self) -> int:
        return self.count(Outcome.INVITED)

    @property
    def already(self) -> int:
        return self.count(Outcome.ALREADY)

    @property
    def refused(self) -> list[RowResult]:
        return [result for result in self.results if result.outcome == Outcome.REFUSED]


# --- reading the file ---------------------------------------------------------------------------


def _heading_key(value) -> str:
    # Accents and punctuation go ("Correo electrónico" → "correoelectronico"); letters of
    # other scripts stay (NFC puts Korean syllables back together after NFKD).
    text = unicodedata.normalize("NFKD", str(value or "").strip().lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = unicodedata.normalize("NFC", text)
    return HEADINGS.get(re.sub(r"[\W_]", "", text), "")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_enrolment_spreadsheet(file) -> ParsedSpreadsheet:
    """Read a CSV or XLSX file whose first row names the columns e-mail, full name,
    course and (optionally) deadline. Refuses files over 2 MB or 5,000 rows, files that
    are not CSV or XLSX (naming what to save them as), damaged workbooks and workbooks
    that would cost more to open than such a list (``courses.services.spreadsheets``),
    and files without the e-mail and course columns."""
    try:
        data = spreadsheets.read_upload(
            file,
            max_bytes=MAX_FILE_BYTES,
            too_big=_("The file is larger than 2 MB. Split it into several files."),
        )
        if spreadsheets.spreadsheet_kind(data) == "xlsx":
            lines = (
                (line, [_cell(value) for value in values])
                for line, values in spreadsheets.xlsx_rows(
                    data, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS
                )
            )
        else:
            lines = spreadsheets.csv_rows(data)
        parsed = ParsedSpreadsheet()
        columns: dict[str, int] | None = None
        for line, values in lines:
            if columns is None:
                columns = {}
                for index, value in enumerate(values):
                    key = _heading_key(value)
                    if key and key not in columns:
                        columns[key] = index
                if "email" not in columns or not ({"course", "cohort"} & columns.keys()):
                    return ParsedSpreadsheet(
                        errors=[
                            _(
                                "The first row must name the columns: e-mail, full name, "
                                "course (or cohort), and deadline and cohort if there are any."
                            )
                        ]
                    )
                continue
            if not any(str(value).strip() for value in values):
                continue
            if len(parsed.rows) >= MAX_ROWS:
                return ParsedSpreadsheet(errors=spreadsheets.too_many_rows(MAX_ROWS).messages)

            def get(key, values=values, columns=columns):
                index = columns.get(key)
                return (
                    str(values[index]).strip() if index is not None and index < len(values) else ""
                )

            parsed.rows.append(
                EnrolmentRow(
                    line=line,
                    email=get("email"),
                    full_name=get("full_name"),
                    course=get("course"),
                    deadline=get("deadline"),
                    language=get("language").lower(),
                    cohort=get("cohort"),
                )
            )
    except ValidationError as error:
        return ParsedSpreadsheet(errors=error.messages)
    if columns is None:
        return ParsedSpreadsheet(errors=[_("The file is empty.")])
    return parsed


# --- applying rows ------------------------------------------------------------------------------


class _Courses:
    """Finds a course by any language's title, its slug or its page id (one query)."""

    def __init__(self):
        self.by_id: dict[str, CoursePage] = {}
        self.by_name: dict[str, CoursePage] = {}
        # Live pages last, so that they win over drafts with the same title.
        for page in CoursePage.objects.order_by("live", "-pk"):
            self.by_id[str(page.pk)] = page
            self.by_name[page.slug.casefold()] = page
            self.by_name[" ".join(page.title.split()).casefold()] = page

    def find(self, text: str) -> CoursePage | None:
        text = " ".join(text.split())
        return self.by_id.get(text) or self.by_name.get(text.casefold())


class _Cohorts:
    """Finds a cohort by its name (any case) or its number (one query)."""

    def __init__(self):
        from courses.cohorts.models import Cohort

        self.by_id: dict[str, Cohort] = {}
        self.by_name: dict[str, Cohort] = {}
        for cohort in Cohort.objects.select_related("course_page").order_by("-pk"):
            self.by_id[str(cohort.pk)] = cohort
            self.by_name[" ".join(cohort.name.split()).casefold()] = cohort

    def find(self, text: str):
        text = " ".join(text.split())
        return self.by_id.get(text) or self.by_name.get(text.casefold())


def _check_may_enrol_for(*, organisation: Organisation, enrolled_by: User) -> None:
    if roles.is_secretariat(enrolled_by):
        return
    may_enrol_for = membership_policy.organisations_user_has_permission_for(enrolled_by, "manage")
    if not may_enrol_for.filter(pk=organisation.pk).exists():
        raise ValidationError(
            _("You can only enrol the members of an organisation you coordinate."),
            code="not_allowed",
        )


def _first_message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _is_enrolled(user: User, course: CoursePage) -> bool:
    return Enrolment.objects.filter(user=user, course_key=course.translation_key).current().exists()


@transaction.atomic
def enrolment_create_for_members(
    *,
    users: list[User],
    course: CoursePage,
    enrolled_by: User,
    due_on: dt.date | None = None,
) -> ImportReport:
    """Enrol each of ``users`` (picked by a coordinator) in ``course``; one result each."""
    report = ImportReport()
    for user in users:
        name = user.full_name or user.email
        if _is_enrolled(user, course):
            report.results.append(RowResult(None, user.email, name, course.title, Outcome.ALREADY))
            continue
        try:
            with transaction.atomic():
                enrolment_create(
                    user=user,
                    course=course,
                    source=Enrolment.Source.COORDINATOR,
                    enrolled_by=enrolled_by,
                    due_on=due_on,
                )
        except ValidationError as error:
            report.results.append(
                RowResult(
                    None, user.email, name, course.title, Outcome.REFUSED, _first_message(error)
                )
            )
        else:
            report.results.append(RowResult(None, user.email, name, course.title, Outcome.ENROLLED))
    return report


@transaction.atomic
def enrolment_import(
    *,
    organisation: Organisation,
    rows: list[EnrolmentRow],
    enrolled_by: User,
    now: dt.datetime | None = None,
) -> ImportReport:
    """Apply spreadsheet rows for ``organisation``: make members of people without an
    account, then enrol each in the row's course, with the row's deadline, or in the row's
    cohort (``courses.cohorts.services.cohort_enrol``: its course, its end as deadline).
    Refuses, row by row with the reason: a bad e-mail address or date, an unknown course
    or cohort, a cohort of another course, a cohort that is closed or full, a course one
    cannot join now, a row that repeats an earlier one, and an existing account that is not
    an active member of ``organisation`` (it gets an invitation, as with "Invite people",
    and is enrolled by a later import once its owner accepts)."""
    from courses.cohorts.selectors import cohort_course_page, cohort_refusal
    from courses.cohorts.services import cohort_enrol

    _check_may_enrol_for(organisation=organisation, enrolled_by=enrolled_by)
    courses = _Courses()
    cohorts = _Cohorts() if any(row.cohort for row in rows) else None
    now = now or timezone.now()
    emails = {User.objects.normalize_email(row.email) for row in rows}
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    memberships: dict[int, dict[int, str]] = {}
    for user_id, organisation_id, status in Membership.objects.filter(
        user__in=users.values()
    ).values_list("user_id", "organisation_id", "status"):
        memberships.setdefault(user_id, {})[organisation_id] = status
    seen: dict[tuple[str, object], int] = {}
    report = ImportReport()

    for row in rows:
        email = User.objects.normalize_email(row.email)

        def refuse(message: str, row=row, email=email) -> None:
            report.results.append(
                RowResult(row.line, email, row.full_name, row.course, Outcome.REFUSED, message)
            )

        try:
            validate_email(email)
        except ValidationError:
            refuse(
                _("“%(email)s” is not an e-mail address.") % {"email": row.email}
                if row.email
                else _("The e-mail address is missing.")
            )
            continue
        cohort = cohorts.find(row.cohort) if cohorts and row.cohort else None
        if row.cohort and cohort is None:
            refuse(
                _("There is no cohort “%(cohort)s”. Give the cohort's name or its number.")
                % {"cohort": row.cohort}
            )
            continue
        course = courses.find(row.course) if row.course else None
        if cohort is not None:
            cohort_course = cohort_course_page(cohort=cohort)
            if course is None and not row.course:
                course = cohort_course
            elif course is not None and course.translation_key != cohort.course_key:
                refuse(
                    _("The cohort “%(cohort)s” is not a cohort of “%(course)s”.")
                    % {"cohort": cohort.name, "course": row.course}
                )
                continue
            refusal = cohort_refusal(cohort=cohort, now=now)
            if refusal is not None:
                refuse(
                    _("Cohort “%(cohort)s”: %(reason)s")
                    % {"cohort": cohort.name, "reason": refusal.message}
                )
                continue
        if course is None and not (cohort is not None and cohort.programme_key):
            refuse(
                _(
                    "There is no course “%(course)s”. Give the course's title (in any "
                    "language), its slug or its page number."
                )
                % {"course": row.course}
                if row.course
                else _("The course is missing.")
            )
            continue
        due_on = None
        if row.deadline:
            try:
                due_on = dt.date.fromisoformat(row.deadline)
            except ValueError:
                refuse(
                    _("“%(date)s” is not a date. Write it as YYYY-MM-DD, e.g. 2027-03-31.")
                    % {"date": row.deadline}
                )
                continue
        # A programme's cohort has no course: the row is about the cohort.
        key = (email, course.translation_key if course is not None else cohort.pk)
        if key in seen:
            refuse(
                _("This row repeats line %(line)s (same person, same course).")
                % {"line": seen[key]}
            )
            continue
        seen[key] = row.line

        user = users.get(email)
        theirs = memberships.get(user.pk, {}) if user else {}
        try:
            with transaction.atomic():
                invited = False
                if user is None or theirs.get(organisation.pk) != Membership.Status.ACTIVE:
                    # The same rule as "Invite people": a new address becomes a member at
                    # once; an existing account is invited and waits for its owner's answer.
                    invitation = membership_invite(
                        organisation=organisation,
                        email=email,
                        full_name=row.full_name,
                        preferred_language=row.language or enrolled_by.preferred_language,
                        invited_by=enrolled_by,
                    )
                    user = invitation.membership.user
                    invited = invitation.membership_added
                    if invitation.membership.status != Membership.Status.ACTIVE:
                        users[email] = user
                        memberships.setdefault(user.pk, {})[organisation.pk] = (
                            invitation.membership.status
                        )
                        refuse(
                            _(
                                "%(email)s already has an account, so they must agree to "
                                "join %(organisation)s: they have an invitation by e-mail. "
                                "Enrol them once they accept."
                            )
                            % {"email": email, "organisation": organisation.name}
                        )
                        continue
                if cohort is not None:
                    already = cohort.members.filter(user=user).exists()
                    cohort_enrol(
                        cohort=cohort,
                        user=user,
                        source=Enrolment.Source.IMPORT,
                        enrolled_by=enrolled_by,
                        now=now,
                    )
                else:
                    already = _is_enrolled(user, course)
                if cohort is None and not already:
                    enrolment_create(
                        user=user,
                        course=course,
                        source=Enrolment.Source.IMPORT,
                        enrolled_by=enrolled_by,
                        due_on=due_on,
                    )
        except ValidationError as error:
            refuse(_first_message(error))
            continue
        users[email] = user
        memberships.setdefault(user.pk, {})[organisation.pk] = Membership.Status.ACTIVE
        outcome = Outcome.ENROLLED
        if already:
            outcome = Outcome.ALREADY
        elif invited:
            outcome = Outcome.INVITED
        title = cohort.name if course is None else course.title
        if course is not None and cohort is not None:
            title = f"{course.title} ({cohort.name})"
        report.results.append(RowResult(row.line, email, user.full_name, title, outcome))
    return report
