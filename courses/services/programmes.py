"""Every write of a learner's programme record: joining, leaving, completing.

``programme_enrolment_refusal`` (selectors) decides who may join; ``programme_evaluate`` is
the only place the programme's rule is applied, and it completes a programme enrolment
once: a status check under a row lock, so evaluating twice (two course completions at
once, a repeated message) changes nothing the second time. Completion queues the
programme certificate after commit.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment, ProgrammeCourse, ProgrammeEnrolment, ProgrammePage
from courses.selectors.programmes import (
    completed_course_keys,
    programme_enrolment_refusal,
    programme_progress,
    programme_structure,
)
from lms.models import Membership, Organisation, User
from lms.permissions import has_permission, membership_policy

ENROL_PERMISSION = "courses.add_programmeenrolment"


def _enrolling_organisation(*, learner: User, source: str, enrolled_by: User | None):
    """Who may enrol someone else into a programme: a person with the programme
    enrolment permission over the learner (the secretariat: anyone; a coordinator: an
    active member of an organisation they manage). Returns that organisation."""
    if source == ProgrammeEnrolment.Source.SELF:
        if enrolled_by is not None and enrolled_by.pk != learner.pk:
            raise ValidationError(_("Only the learner can enrol themselves."), code="not_allowed")
        return None
    if enrolled_by is None or not has_permission(enrolled_by, ENROL_PERMISSION):
        raise ValidationError(_("You may not enrol people into programmes."), code="not_allowed")
    if has_permission(enrolled_by, "lms.view_all_organisations"):
        return None
    shared = (
        membership_policy.organisations_user_has_permission_for(enrolled_by, "manage")
        .filter(memberships__user=learner, memberships__status="active")
        .order_by("pk")
        .first()
    )
    if shared is None:
        raise ValidationError(
            _("%(name)s is not an active member of an organisation you coordinate.")
            % {"name": learner.full_name or learner.email},
            code="not_a_member",
        )
    return shared


def _learner_organisation(learner: User) -> Organisation | None:
    membership = (
        Membership.objects.filter(
            user=learner, status=Membership.Status.ACTIVE, organisation__is_active=True
        )
        .select_related("organisation")
        .order_by("confirmed_at", "pk")
        .first()
    )
    return membership.organisation if membership else None


@transaction.atomic
def programme_enrol(
    *,
    user: User,
    programme: ProgrammePage,
    source: str = ProgrammeEnrolment.Source.SELF,
    enrolled_by: User | None = None,
    now: dt.datetime | None = None,
) -> ProgrammeEnrolment:
    """Put ``user`` on ``programme`` (any language version of it).

    Refuses with a sentence to act on (``programme_enrolment_refusal``). Joining again
    returns the current record unchanged; after leaving, the same record comes back.
    A learner who already completed the programme's courses completes it at once.
    """
    now = now or timezone.now()
    if source not in ProgrammeEnrolment.Source.values:
        raise ValidationError(_("Unknown enrolment source."), code="invalid")
    organisation = _enrolling_organisation(learner=user, source=source, enrolled_by=enrolled_by)
    key = programme.translation_key
    existing = (
        ProgrammeEnrolment.objects.select_for_update().filter(user=user, programme_key=key).first()
    )
    if existing is not None and existing.status != ProgrammeEnrolment.Status.WITHDRAWN:
        return existing
    refusal = programme_enrolment_refusal(
        user=user, programme=programme, self_service=source == "self", now=now
    )
    if refusal:
        raise ValidationError(refusal.message, code=refusal.code)
    organisation = organisation or _learner_organisation(user)
    if existing is not None:
        existing.status = ProgrammeEnrolment.Status.ACTIVE
        existing.withdrawn_at = None
        existing.source, existing.enrolled_by, existing.enrolled_at = source, enrolled_by, now
        existing.programme_page = programme
        existing.organisation = existing.organisation or organisation
        existing.save()
        enrolment = existing
    else:
        try:
            with transaction.atomic():
                enrolment = ProgrammeEnrolment.objects.create(
                    user=user,
                    programme_key=key,
                    programme_page=programme,
                    organisation=organisation,
                    source=source,
                    enrolled_by=enrolled_by,
                    enrolled_at=now,
                )
        except IntegrityError:
            return ProgrammeEnrolment.objects.get(user=user, programme_key=key)
    programme_evaluate(programme_enrolment=enrolment, now=now)
    return enrolment


@transaction.atomic
def programme_leave(*, programme_enrolment: ProgrammeEnrolment, now: dt.datetime | None = None):
    """The learner leaves the programme; a completed programme stays completed."""
    enrolment = ProgrammeEnrolment.objects.select_for_update().get(pk=programme_enrolment.pk)
    if enrolment.status == ProgrammeEnrolment.Status.ACTIVE:
        enrolment.status = ProgrammeEnrolment.Status.WITHDRAWN
        enrolment.withdrawn_at = now or timezone.now()
        enrolment.save(update_fields=["status", "withdrawn_at"])
    return enrolment


@transaction.atomic
def programme_evaluate(
    *, programme_enrolment: ProgrammeEnrolment, now: dt.datetime | None = None
) -> bool:
    """Complete the programme enrolment if its rule holds now; True when this call did.

    The courses of the programme as it is now: a course removed from the programme no
    longer counts, and nothing of the learner's record in it is touched."""
    now = now or timezone.now()
    enrolment = (
        ProgrammeEnrolment.objects.select_for_update()
        .filter(pk=programme_enrolment.pk, status=ProgrammeEnrolment.Status.ACTIVE)
        .first()
    )
    if enrolment is None or enrolment.user_id is None:
        return False
    structure = programme_structure(programme_key=enrolment.programme_key)
    if structure.rules is None or not structure.courses:
        return False
    completed = completed_course_keys(
        user=enrolment.user, keys=[key for key, _required in structure.courses]
    )
    if not programme_progress(structure, completed).is_complete:
        return False
    enrolment.status = ProgrammeEnrolment.Status.COMPLETED
    enrolment.completed_at = now
    enrolment.save(update_fields=["status", "completed_at"])
    programme_enrolment.status, programme_enrolment.completed_at = enrolment.status, now
    if structure.rules.certificate_enabled:
        from courses.tasks import programme_certificate_issue_task

        programme_certificate_issue_task.delay_on_commit(programme_enrolment_id=enrolment.pk)
    return True


def programmes_evaluate_for_course(
    *, user_id: int, course_key: UUID, now: dt.datetime | None = None
) -> int:
    """After a course is completed: evaluate the learner's active programmes that list it
    (in any language version). Returns how many were completed now."""
    programme_keys = set(
        ProgrammeCourse.objects.filter(
            course__translation_key=course_key, page__live=True
        ).values_list("page__translation_key", flat=True)
    )
    if not programme_keys:
        return 0
    done = 0
    for enrolment in ProgrammeEnrolment.objects.filter(
        user_id=user_id,
        programme_key__in=programme_keys,
        status=ProgrammeEnrolment.Status.ACTIVE,
    ):
        done += programme_evaluate(programme_enrolment=enrolment, now=now)
    return done


def programmes_evaluate_after_completion(
    *, enrolment_id: int, now: dt.datetime | None = None
) -> int:
    """``course_completed`` for enrolment ``enrolment_id``: evaluate its learner's programmes."""
    row = (
        Enrolment.objects.filter(pk=enrolment_id, user__isnull=False)
        .values_list("user_id", "course_key")
        .first()
    )
    if row is None:
        return 0
    return programmes_evaluate_for_course(user_id=row[0], course_key=row[1], now=now)


def programme_records_erase(*, user: User, now: dt.datetime | None = None) -> int:
    """Account deletion: programme enrolments become anonymous (they keep counting)."""
    return ProgrammeEnrolment.objects.filter(user=user).update(
        user=None, enrolled_by=None, learner_erased_at=now or timezone.now()
    )
