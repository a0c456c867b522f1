"""Who may author a course: trainers edit their own courses and never publish.

Each course has one Wagtail group (``CourseTrainerGroup``) shared by all its
language versions. The group holds ``add_page`` and ``change_page`` - never
``publish_page`` - on every version of the course, so its trainers can write
modules and submit the course to the "Secretariat review" workflow, and nothing
else. The group's members are the course's trainers.

Which trainers count: those named on the course's *original* language version
(the oldest page sharing the translation key). Translations copy the field when
they are created, but wagtail-localize does not keep many-to-many fields in step
afterwards, so a stale copy on a translation must not grant or revoke anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page

from courses.models import CoursePage, CourseTrainerGroup
from lms.models import User
from lms.permissions import TAUGHT_COURSES

# Enough to edit the course, add and edit its modules, and submit them for review.
TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")
GROUP_NAME_PREFIX = "Course trainers: "


def _course_versions(translation_key: UUID) -> list[CoursePage]:
    """The course in every language, the original first."""
    return list(CoursePage.objects.filter(translation_key=translation_key).order_by("pk"))


def _named_trainers(*, course: CoursePage, versions: list[CoursePage]) -> list[User]:
    """The trainers named on the latest draft of the course's original version."""
    original = versions[0] if versions else course
    if original.pk == course.pk:
        # The caller's instance may hold a draft not yet in the database (the
        # admin's edit view saves a revision, not the page row).
        return list(course.trainers.all())
    source = original.get_latest_revision_as_object()
    return list(source.trainers.all())


def _group_name(*, course: CoursePage) -> str:
    suffix = f" (#{course.pk})"
    room = Group._meta.get_field("name").max_length - len(GROUP_NAME_PREFIX) - len(suffix)
    return f"{GROUP_NAME_PREFIX}{course.title[:room]}{suffix}"


def _trainer_group(*, translation_key: UUID, name: str, create: bool) -> Group | None:
    link = (
        CourseTrainerGroup.objects.select_for_update()
        .select_related("group")
        .filter(course_translation_key=translation_key)
        .first()
    )
    if link is None:
        if not create:
            return None
        group = Group.objects.create(name=name)
        CourseTrainerGroup.objects.create(course_translation_key=translation_key, group=group)
        return group
    if link.group.name != name:
        link.group.name = name
        link.group.save(update_fields=["name"])
    return link.group


@transaction.atomic
def course_sync_trainer_permissions(*, course: CoursePage) -> Group | None:
    """Make the course's trainer group match the course; return the group.

    Grants add and edit (not publish) on every language version of the course
    to the trainers named on the original version, and takes them away from
    anyone no longer named. Page permissions the group should not have are
    removed, so a hand-made change in the Groups admin does not survive a sync.
    Running it twice changes nothing the second time. A course that never had
    trainers gets no group (None), so the Groups admin lists only courses that do.
    """
    versions = _course_versions(course.translation_key)
    original = versions[0] if versions else course
    trainers = _named_trainers(course=course, versions=versions)
    group = _trainer_group(
        translation_key=course.translation_key,
        name=_group_name(course=original),
        create=bool(trainers),
    )
    if group is None:
        return None

    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=TRAINER_PAGE_PERMISSIONS
        )
    )
    wanted = {(page.pk, permission.pk) for page in versions for permission in permissions}
    existing = {
        (grant.page_id, grant.permission_id): grant.pk
        for grant in GroupPagePermission.objects.filter(group=group)
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        GroupPagePermission.objects.filter(pk__in=stale).delete()
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
            for page_id, permission_id in sorted(wanted - existing.keys())
        ]
    )

    # set() compares first, so members who stay are not touched.
    group.user_set.set(trainers)
    return group


@transaction.atomic
def course_assign_trainers(*, course: CoursePage, trainers: Iterable[User]) -> None:
    """Name the course's trainers, in every language version, and grant their rights.

    Replaces the list: a trainer left out loses the right to edit the course.
    Each trainer must be an active member of the Trainers group (which lets them
    into the admin). A version with an unpublished draft gets a new draft with
    the same list, or publishing the old draft would bring the old list back.
    """
    trainers = list(dict.fromkeys(trainers))
    refused = [user for user in trainers if not (user.is_active and user.has_perm(TAUGHT_COURSES))]
    if refused:
        raise ValidationError(
            _(
                "Only active trainers can be assigned to a course. Add these people to the "
                "Trainers group first: %(names)s."
            ),
            params={"names": ", ".join(str(user) for user in refused)},
            code="not_a_trainer",
        )

    wanted = {user.pk for user in trainers}
    for version in _course_versions(course.translation_key) or [course]:
        if set(version.trainers.values_list("pk", flat=True)) != wanted:
            version.trainers.set(trainers)
            version.trainers.commit()
        if version.has_unpublished_changes and version.latest_revision_id:
            draft = version.get_latest_revision_as_object()
            if {user.pk for user in draft.trainers.all()} != wanted:
                draft.trainers.set(trainers)
                draft.save_revision(clean=False, changed=False)

    original = _course_versions(course.translation_key)[0]
    course_sync_trainer_permissions(course=original)


@transaction.atomic
def course_trainer_group_prune(*, translation_key: UUID) -> None:
    """Delete the trainer group of a course none of whose versions is left."""
    if Page.objects.filter(translation_key=translation_key).exists():
        return
    Group.objects.filter(course_trainer_link__course_translation_key=translation_key).delete()
