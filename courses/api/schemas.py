"""The API's request and response shapes (Pydantic 2, through ninja's ``Schema``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator


def _printable(value: str) -> str:
    # The database refuses NUL characters; other control characters mean a broken client.
    if any(ord(char) < 32 for char in value):
        raise ValueError("Control characters are not allowed here.")
    return value


Text = Annotated[str, AfterValidator(_printable)]


class CourseLanguage(Schema):
    language: str = Field(examples=["fr"])
    title: str
    summary: str
    url: str | None = Field(None, description="The course's public page in this language.")


class Course(Schema):
    key: UUID = Field(description="The course's identity in every language (translation key).")
    title: str = Field(description="The title in the course's original language.")
    original_language: str
    level: str
    format: str
    effort_hours: Decimal | None
    audience: str = Field(description="everyone, members, or named organisations.")
    enrolment_opens_at: dt.datetime | None
    enrolment_closes_at: dt.datetime | None
    certificate_enabled: bool
    languages: list[CourseLanguage]


class CourseList(Schema):
    items: list[Course]


class Person(Schema):
    id: int
    email: str
    full_name: str = Field(description="Empty while an invitation waits for the person's answer.")


class Member(Schema):
    id: int = Field(description="The membership's id.")
    person: Person
    role: str = Field(examples=["learner"])
    status: Literal["requested", "invited", "active", "ended"]
    status_changed_at: dt.datetime | None


class MemberPage(Schema):
    items: list[Member]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null: done.")


class InvitationIn(Schema):
    email: Text = Field(max_length=254, examples=["awa.traore@bamako.ml"])
    full_name: Text = Field("", max_length=200, description="Needed when the person is new.")
    preferred_language: Literal["en", "fr", "es", "ko"] = "en"


class InvitationOut(Schema):
    member: Member
    account_created: bool
    awaiting_answer: bool = Field(
        description="True when an existing account must accept before becoming a member."
    )


class Enrolment(Schema):
    id: int
    learner: Person | None = Field(description="null once the learner deleted their account.")
    course_key: UUID
    course_title: str | None
    status: Literal["active", "completed", "withdrawn"]
    source: str
    enrolled_at: dt.datetime
    due_on: dt.date | None
    completed_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    progress_percent: int
    modules_completed: int
    modules_required: int
    last_activity_at: dt.datetime | None
    updated_at: dt.datetime


class EnrolmentPage(Schema):
    items: list[Enrolment]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null: done.")


class EnrolmentIn(Schema):
    learner_email: Text = Field(
        max_length=254, description="An active member of the token's organisation."
    )
    course_key: UUID
    due_on: dt.date | None = Field(None, description="Overrides the course's deadline policy.")


class Certificate(Schema):
    code: str = Field(description="The verification code printed on the certificate.")
    kind: str
    learner: Person | None
    enrolment_id: int | None
    course_key: UUID | None
    title: str
    language: str
    completed_on: dt.date
    issued_at: dt.datetime
    pdf_ready: bool
    pdf_url: str = Field(description="GET it with the same token (application/pdf).")
    verification_url: str
    credential_url: str | None = Field(
        None, description="The Open Badges 3.0 credential (JSON, signed on first request)."
    )


class CertificatePage(Schema):
    items: list[Certificate]
    next_cursor: str | None


class WebinarRegistration(Schema):
    id: int
    person: Person
    webinar_key: UUID
    webinar_title: str
    starts_at: dt.datetime | None
    status: str
    registered_at: dt.datetime
    cancelled_at: dt.datetime | None
    attended: bool
    attended_minutes: int | None
    attendance_recorded_at: dt.datetime | None


class WebinarRegistrationPage(Schema):
    items: list[WebinarRegistration]
    next_cursor: str | None
