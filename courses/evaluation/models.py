"""Questionnaires (a translatable snippet), which one applies where, and the answers.

- ``Questionnaire``: authored in Wagtail and translated like pages (wagtail-localize);
  each language is a row sharing a ``translation_key``. The settings that decide
  something (purpose, delay, attribution) are read from the original-language row.
- ``QuestionnaireChoice``: which questionnaire a course (or every course) uses for a
  purpose, keyed on translation keys so that every language follows.
- ``Response``: one per (enrolment, purpose), i.e. per learner, course and purpose, or
  one per programme enrolment for a programme's end-of-programme questionnaire;
  ``Answer``: one row per rating, per chosen option, per text, so results are SQL
  aggregates whatever the number of responses.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from courses.evaluation.blocks import QuestionsBlock

DEFAULT_IMPACT_DELAY_DAYS = 90


class Purpose(models.TextChoices):
    END_OF_COURSE = "end_of_course", _("End of course (level 1: how did it go?)")
    IMPACT = "impact", _("Follow-up impact survey (level 3: have you applied it?)")


class Questionnaire(TranslatableMixin, models.Model):
    """A questionnaire learners answer, in every language of the site."""

    title = models.CharField(_("title"), max_length=200)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.END_OF_COURSE
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the questions: why we ask, how long it takes."),
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"))
    impact_delay_days = models.PositiveSmallIntegerField(
        _("days after completion"),
        default=DEFAULT_IMPACT_DELAY_DAYS,
        help_text=_(
            "For a follow-up impact survey: when it is sent after the course is completed."
        ),
    )
    named_in_exports = models.BooleanField(
        _("answers may be attributed to named learners in exports"),
        default=False,
        help_text=_(
            "Off: exports and results never name the learner. Turn on only when learners "
            "are told so in the introduction."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("impact_delay_days"),
                FieldPanel("named_in_exports"),
            ],
            heading=_("How it is used"),
        ),
    ]

    # What translators translate; the settings follow the original (wagtail-localize).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("introduction"),
        TranslatableField("questions"),
        SynchronizedField("purpose"),
        SynchronizedField("impact_delay_days"),
        SynchronizedField("named_in_exports"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class QuestionnaireChoice(models.Model):
    """Which questionnaire applies for a purpose: to every course (neither course nor
    programme), to the courses of one programme, or to one course (all its languages).
    A course's own wins over its programme's, which wins over the default."""

    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    course_key = models.UUIDField(_("course"), null=True, blank=True)
    programme_key = models.UUIDField(_("programme"), null=True, blank=True)
    questionnaire_key = models.UUIDField(_("questionnaire"))

    class Meta:
        verbose_name = _("questionnaire in use")
        verbose_name_plural = _("questionnaires in use")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "course_key"],
                name="evaluation_choice_one_per_course",
                condition=models.Q(course_key__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["purpose", "programme_key"],
                name="evaluation_choice_one_per_programme",
                condition=models.Q(programme_key__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["purpose"],
                name="evaluation_choice_one_default",
                condition=models.Q(course_key__isnull=True, programme_key__isnull=True),
            ),
            models.CheckConstraint(
                condition=models.Q(course_key__isnull=True) | models.Q(programme_key__isnull=True),
                name="evaluation_choice_course_or_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.course_key or self.programme_key or '*'}"


class Response(models.Model):
    """One learner's answers to one questionnaire about one course, once per purpose."""

    # A course's questionnaire: the course enrolment; a programme's end-of-programme
    # questionnaire: the programme enrolment (and ``course_key`` is the programme's key).
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
    )
    programme_enrolment = models.ForeignKey(
        "courses.ProgrammeEnrolment",
        verbose_name=_("programme enrolment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
    )
    # Null once the account is deleted (the ratings keep counting, anonymously).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_responses",
    )
    course_key = models.UUIDField(_("course"), db_index=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    # The language version answered, and its translation key (what the results group by).
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="responses",
    )
    questionnaire_key = models.UUIDField(_("questionnaire"))
    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The learner's cohort for this course when they learnt in one (courses.cohorts).
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "purpose"], name="evaluation_one_response_per_purpose"
            ),
            models.UniqueConstraint(
                fields=["programme_enrolment", "purpose"],
                name="evaluation_one_response_per_programme",
            ),
            models.CheckConstraint(
                condition=models.Q(enrolment__isnull=True)
                ^ models.Q(programme_enrolment__isnull=True),
                name="evaluation_response_course_or_programme",
            ),
        ]
        indexes = [models.Index(fields=["course_key", "purpose"], name="evaluation_course_purpose")]
        permissions = [
            ("view_free_text", _("Can read free-text answers of the courses in reach")),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.course_key} · {self.submitted_at:%Y-%m-%d}"


class Answer(models.Model):
    """One answer: a rating, one chosen option (several rows for several), or a text."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(_("question"), max_length=64)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    option = models.PositiveSmallIntegerField(_("option"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question_id"], name="evaluation_answer_question")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="evaluation_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.rating or self.option or self.text[:30]}"
