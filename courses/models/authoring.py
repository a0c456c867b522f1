"""Who may author which course: one Wagtail group per course, kept in step with its trainers."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseTrainerGroup(models.Model):
    """Links a course (all its language versions) to the Wagtail group of its trainers.

    Keyed by the course's translation key, not a page id, so that the French,
    Spanish and Korean versions of a course share one group and one set of
    trainers. Written only by ``courses.services.authoring``; the group's page
    permissions and members are derived from the course and rewritten on every sync.
    """

    course_translation_key = models.UUIDField(_("course translation key"), unique=True)
    group = models.OneToOneField(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="course_trainer_link",
    )

    class Meta:
        verbose_name = _("course trainer group")
        verbose_name_plural = _("course trainer groups")

    def __str__(self) -> str:
        return self.group.name
