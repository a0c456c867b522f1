"""A learner's record in a course: enrolment, completed modules and quiz attempts.

Everything here is keyed on translation keys, not on one language's page: a course
is the set of pages sharing ``CoursePage.translation_key``, a module the set sharing
``ModulePage.translation_key``. A learner who moves from the French version of a
course to the Spanish one keeps their record and completes the course once. The page
foreign keys beside the keys only remember which page was used; they may become
empty when a page is deleted, and nothing is decided from them.

Rows are written by ``courses.services.learning`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def current(self) -> EnrolmentQuerySet:
        """Enrolments that count: active or completed (not withdrawn)."""
        return self.exclude(status=Enrolment.Status.WITHDRAWN)

    def for_course(self, course) -> EnrolmentQuerySet:
        return self.filter(course_key=course.translation_key)

    def update(self, **kwargs) -> int:
        # Bulk writes (attribution, erasure) move ``updated_at`` too, so that the API's
        # incremental sync (``updated_since``) sees every change, whoever made it.
        kwargs.setdefault("updated_at", timezone.now())
        return super().update(**kwargs)


class Enrolment(models.Model):
    """A learner in a course, whichever of the course's languages they use."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        SELF = "self", _("Enrolled themselves")
        COORDINATOR = "coordinator", _("Enrolled by a coordinator")
        IMPORT = "import", _("Enrolled from a spreadsheet")

    # Empty once the learner deleted their account: the anonymous record still
    # counts in their organisation's statistics.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    course_key = models.UUIDField(_("course"), db_index=True)
    course_page = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course page used to enrol"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The course's title (its original page's), joined by translation key for reports and
    # exports: a relation to a database view, no column (courses.models.exports.CourseTitle).
    course_title_row = models.ForeignObject(
        "courses.CourseTitle",
        from_fields=["course_key"],
        to_fields=["translation_key"],
        on_delete=models.DO_NOTHING,
        null=True,  # a LEFT JOIN: an enrolment whose course pages are gone still counts
        related_name="+",
    )
    # The member organisation the learner took the course for, fixed at enrolment:
    # reports count by it, and it survives the learner leaving or being erased.
    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(
        _("enrolled how"), max_length=20, choices=Source.choices, default=Source.SELF
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("enrolled at"))
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # Cached by the progress service after every event, so lists never recompute it.
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    modules_completed = models.PositiveSmallIntegerField(_("required modules done"), default=0)
    modules_required = models.PositiveSmallIntegerField(_("required modules"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_module_key = models.UUIDField(_("last module"), null=True, blank=True)
    learner_erased_at = models.DateTimeField(_("learner account deleted"), null=True, blank=True)
    # Last change of any kind: the organisation API's ``updated_since`` and its cursor read it.
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_key"],
                condition=Q(user__isnull=False),
                name="courses_enrolment_one_per_learner_and_course",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="courses_enrolment_completed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="courses_enrolment_progress_range"
            ),
        ]
        indexes = [
            models.Index(fields=["course_key", "status"], name="courses_enr_course_status"),
            models.Index(fields=["organisation", "status"], name="courses_enr_org_status"),
            models.Index(fields=["status", "last_activity_at"], name="courses_enr_activity"),
            models.Index(
                fields=["organisation", "updated_at", "id"], name="courses_enr_org_updated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or _('deleted account')} · {self.course_key}"

    def save(self, *args, **kwargs) -> None:
        # Bookkeeping, not a rule: every write, partial ones included, moves ``updated_at``.
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.status != self.Status.WITHDRAWN


class ModuleCompletion(models.Model):
    """A module a learner has completed, in whichever language: one row per module, ever."""

    class Method(models.TextChoices):
        MARKED = "marked", _("Marked as complete")
        QUIZ = "quiz", _("Passed the quiz")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="module_completions"
    )
    module_key = models.UUIDField(_("module"))
    module_page = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("module page used"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        verbose_name = _("completed module")
        verbose_name_plural = _("completed modules")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "module_key"], name="courses_modulecompletion_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.module_key}"


class QuizAttempt(models.Model):
    """One submission of a module's quiz, graded on the server, with what was answered."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts")
    module_key = models.UUIDField(_("module"))
    module_page = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("module page used"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The one-time value of the form the answers came from: a replayed form is refused.
    form_nonce = models.CharField(_("form"), max_length=64)
    # {question block id: [option block ids chosen]}
    answers = models.JSONField(_("answers"))
    # {question block id: true when answered exactly right}
    results = models.JSONField(_("results"))
    score = models.PositiveSmallIntegerField(_("score (%)"))
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "form_nonce"], name="courses_quizattempt_form_once"
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="courses_quizattempt_score"),
        ]
        indexes = [
            models.Index(fields=["enrolment", "module_key"], name="courses_quiz_enr_module"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.module_key} · {self.score}%"
