"""The learning domain's part of "Download my data" and of account deletion.

Registered with ``lms.personal_data`` in ``CoursesConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from courses.models import CoursePage, Enrolment, ModulePage
from courses.notifications import NOTIFICATION_KINDS
from courses.services.certificates import learner_certificates_erase
from courses.services.learning import learner_records_erase
from lms import personal_data
from lms.models import User


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def learning_export(user: User) -> list[dict[str, Any]]:
    """Every enrolment of ``user`` with its completed modules and quiz attempts."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("module_completions", "quiz_attempts")
        .order_by("enrolled_at")
    )
    course_titles = dict(
        CoursePage.objects.filter(
            translation_key__in=[enrolment.course_key for enrolment in enrolments]
        )
        .order_by("-pk")
        .values_list("translation_key", "title")
    )
    module_keys = {
        row.module_key
        for enrolment in enrolments
        for row in [*enrolment.module_completions.all(), *enrolment.quiz_attempts.all()]
    }
    module_titles = dict(
        ModulePage.objects.filter(translation_key__in=module_keys)
        .order_by("-pk")
        .values_list("translation_key", "title")
    )
    return [
        {
            "course": course_titles.get(enrolment.course_key, str(enrolment.course_key)),
            "organisation": enrolment.organisation.name if enrolment.organisation else None,
            "status": enrolment.status,
            "source": enrolment.source,
            "enrolled_at": _iso(enrolment.enrolled_at),
            "deadline": _iso(enrolment.due_on),
            "completed_at": _iso(enrolment.completed_at),
            "withdrawn_at": _iso(enrolment.withdrawn_at),
            "progress_percent": enrolment.progress_percent,
            "last_activity_at": _iso(enrolment.last_activity_at),
            "completed_modules": [
                {
                    "module": module_titles.get(row.module_key, str(row.module_key)),
                    "how": row.method,
                    "completed_at": _iso(row.completed_at),
                }
                for row in enrolment.module_completions.all()
            ],
            "quiz_attempts": [
                {
                    "module": module_titles.get(row.module_key, str(row.module_key)),
                    "score": row.score,
                    "passed": row.passed,
                    "answers": row.answers,
                    "submitted_at": _iso(row.submitted_at),
                }
                for row in enrolment.quiz_attempts.all()
            ],
        }
        for enrolment in enrolments
    ]


def notifications_export(user: User) -> list[dict[str, Any]]:
    """Every e-mail the reminders engine decided to send the person, and what became of it."""
    from courses.models import NotificationDelivery

    return [
        {
            "kind": row.kind,
            "status": row.status,
            "decided_at": _iso(row.created_at),
            "sent_at": _iso(row.sent_at),
            "subject": row.rendered_subject,
        }
        for row in NotificationDelivery.objects.filter(recipient=user).order_by("created_at")
    ]


def certificates_export(user: User) -> list[dict[str, Any]]:
    """Every certificate issued to the person, with its code and status."""
    from courses.models import Certificate
    from courses.services.certificates import code_display, verification_url

    return [
        {
            "kind": row.kind,
            "title": row.title,
            "name_printed": row.learner_name,
            "completed_on": _iso(row.completed_on),
            "issued_at": _iso(row.issued_at),
            "code": code_display(row.code),
            "verification_url": verification_url(row.code),
            "revoked_at": _iso(row.revoked_at),
            "revoked_reason": row.revoked_reason,
        }
        for row in Certificate.objects.filter(user=user).order_by("issued_at", "pk")
    ]


def programmes_export(user: User) -> list[dict[str, Any]]:
    """Every programme the learner followed, with its title as they saw it."""
    from courses.models import ProgrammeEnrolment, ProgrammePage

    rows = list(ProgrammeEnrolment.objects.filter(user=user).order_by("enrolled_at", "pk"))
    titles = dict(
        ProgrammePage.objects.filter(translation_key__in=[row.programme_key for row in rows])
        .order_by("-pk")
        .values_list("translation_key", "title")
    )
    return [
        {
            "programme": titles.get(row.programme_key, str(row.programme_key)),
            "status": row.status,
            "source": row.source,
            "enrolled_at": _iso(row.enrolled_at),
            "completed_at": _iso(row.completed_at),
            "withdrawn_at": _iso(row.withdrawn_at),
        }
        for row in rows
    ]


def learning_erase(user: User) -> None:
    from courses.services.programmes import programme_records_erase

    # Certificates first: their rows are found by the account, which erasing detaches.
    learner_certificates_erase(user=user)
    learner_records_erase(user=user)
    programme_records_erase(user=user)


def register() -> None:
    personal_data.register_exporter("learning", learning_export)
    personal_data.register_exporter("emails", notifications_export)
    personal_data.register_exporter("certificates", certificates_export)
    personal_data.register_exporter("programmes", programmes_export)
    personal_data.register_eraser(learning_erase)
    for key, label, help_text in NOTIFICATION_KINDS:
        personal_data.register_notification_kind(key, label, help_text)
