"""Programmes: an ordered path of courses with its own completion rule and certificate,
and the prerequisites between courses.

A programme, like a course, is the set of pages sharing a translation key: learners'
rows are keyed on ``programme_key`` and the courses it names on their ``translation_key``,
so a learner who did the French version of a course counts for the Spanish programme
page. The courses of a programme and a course's prerequisites are inline rows that
wagtail-localize copies unchanged into every translation (a page link is synchronised,
not translated); everything that reads them goes through the translation key of the
linked page, and shows the page in the reader's language.

Rows of ``ProgrammeEnrolment`` are written by ``courses.services.programmes`` only.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class ProgrammeIndexPage(Page):
    """The list of programmes, one per locale, under the home page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme list")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.programmes import programme_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(programme_index_context(request=request, index=self))
        return context


class ProgrammePageForm(WagtailAdminPageForm):
    """Checks the course list as a whole: no course twice, and enough electives."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from lms.models import Organisation

        locale_id = self.instance.locale_id or (self.parent_page and self.parent_page.locale_id)
        if "topics" in self.fields and locale_id:
            self.fields["topics"].queryset = self.fields["topics"].queryset.filter(
                locale_id=locale_id
            )
        if "host_organisations" in self.fields:
            self.fields["host_organisations"].queryset = Organisation.objects.active()

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("programme_courses")
        if formset is None or not formset.is_valid():
            return cleaned
        rows = [
            row
            for row in (form.cleaned_data for form in formset.forms)
            if row and not row.get("DELETE") and row.get("course")
        ]
        keys: set = set()
        for row in rows:
            key = row["course"].translation_key
            if key in keys:
                self.add_error(
                    None,
                    _("“%(course)s” is listed twice in this programme.")
                    % {"course": row["course"].title},
                )
            keys.add(key)
        electives = sum(1 for row in rows if not row.get("is_required"))
        wanted = cleaned.get("electives_required") or 0
        if wanted > electives:
            self.add_error(
                "electives_required",
                _(
                    "The programme lists %(electives)s elective courses: a learner cannot "
                    "complete %(wanted)s of them."
                )
                % {"electives": electives, "wanted": wanted},
            )
        return cleaned


class ProgrammePage(Page):
    """A programme: an ordered path of courses, each required or elective.

    A learner completes it when they have completed every required course and
    ``electives_required`` of the electives, in any language; then, if
    ``certificate_enabled``, they receive one programme certificate.
    """

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for the lists.")
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    topics = ParentalManyToManyField("courses.Topic", verbose_name=_("topics"), blank=True)
    host_organisations = ParentalManyToManyField(
        "lms.Organisation",
        verbose_name=_("host organisations"),
        related_name="hosted_programmes",
        blank=True,
    )
    electives_required = models.PositiveSmallIntegerField(
        _("elective courses to complete"),
        default=0,
        validators=[MaxValueValidator(50)],
        help_text=_("Besides every required course, how many of the elective courses."),
    )
    certificate_enabled = models.BooleanField(_("issue a programme certificate"), default=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.FilterField("locale_id"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("host_organisations"),
            ],
            heading=_("About the programme"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Learners take the courses in this order. A learner completes the "
                        "programme with every required course and the number of electives "
                        "below, in any language."
                    )
                ),
                InlinePanel("programme_courses", label=_("Course"), min_num=1),
                FieldRowPanel(
                    [FieldPanel("electives_required"), FieldPanel("certificate_enabled")]
                ),
            ],
            heading=_("Courses and completion"),
        ),
    ]
    base_form_class = ProgrammePageForm

    parent_page_types = ["courses.ProgrammeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.programmes import programme_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(programme_detail_context(request=request, programme=self))
        return context


class ProgrammeCourse(Orderable):
    """One course of a programme, in the programme's order; required or elective."""

    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="programme_courses")
    # Any language version: what counts is its translation key.
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_required = models.BooleanField(
        _("required"), default=True, help_text=_("Otherwise the course is an elective.")
    )

    panels = [
        FieldRowPanel([PageChooserPanel("course", "courses.CoursePage"), FieldPanel("is_required")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("programme course")
        verbose_name_plural = _("programme courses")

    def __str__(self) -> str:
        return f"{self.page_id} · {self.course_id}"


class CoursePrerequisite(Orderable):
    """A course that must be completed (in any language) before enrolling in this one."""

    page = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="prerequisites")
    required_course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course to complete first"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("required_course", "courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")

    def __str__(self) -> str:
        return f"{self.page_id} requires {self.required_course_id}"


class ProgrammeEnrolmentQuerySet(models.QuerySet):
    def current(self) -> ProgrammeEnrolmentQuerySet:
        return self.exclude(status=ProgrammeEnrolment.Status.WITHDRAWN)


class ProgrammeEnrolment(models.Model):
    """A learner following a programme, whichever of its languages they use.

    Joining a programme does not enrol in its courses (each course keeps its own
    window, audience and prerequisites); it says "this is my path", shows the progress
    and makes the programme's completion and certificate possible.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        SELF = "self", _("Joined themselves")
        COORDINATOR = "coordinator", _("Enrolled by a coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_enrolments",
    )
    programme_key = models.UUIDField(_("programme"), db_index=True)
    programme_page = models.ForeignKey(
        ProgrammePage,
        verbose_name=_("programme page used to enrol"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "lms.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_enrolments",
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
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    learner_erased_at = models.DateTimeField(_("learner account deleted"), null=True, blank=True)

    objects = ProgrammeEnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme enrolment")
        verbose_name_plural = _("programme enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme_key"],
                condition=Q(user__isnull=False),
                name="courses_progenrolment_one_per_learner",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="courses_progenrolment_completed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["programme_key", "status"], name="courses_progenr_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user or _('deleted account')} · {self.programme_key}"
