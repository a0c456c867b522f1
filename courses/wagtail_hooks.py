"""Admin wiring of the learning domain: saving a course in the admin updates who may edit it."""

from __future__ import annotations

from wagtail import hooks

from courses.models import CoursePage
from courses.services.authoring import (
    course_sync_trainer_permissions,
    course_trainer_group_prune,
)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def sync_trainer_rights_after_saving_a_course(request, page):
    """Editing the Trainers field grants and revokes rights as soon as the form is saved.

    ``after_edit_page`` also runs after "Publish" and "Submit for review" in the
    edit view; the page it receives carries the trainers the editor just chose,
    even when only a draft was saved.
    """
    if isinstance(page, CoursePage):
        course_sync_trainer_permissions(course=page)


@hooks.register("after_copy_page")
def sync_trainer_rights_after_copying_a_course(request, page, new_page):
    """A copied course is a new course (new translation key): give it its own group."""
    if isinstance(new_page.specific_deferred, CoursePage):
        course_sync_trainer_permissions(course=new_page.specific)


@hooks.register("after_delete_page")
def prune_trainer_group_after_deleting_a_course(request, page):
    """Delete the group once no language version of the course is left."""
    if isinstance(page, CoursePage):
        course_trainer_group_prune(translation_key=page.translation_key)
