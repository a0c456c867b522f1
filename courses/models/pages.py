"""Course pages: the catalogue, a course, and its modules.

A page presents; it never decides enrolment rules. Those belong to the services
and selectors of ``courses`` (the learner issue).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import ModuleBodyBlock


class CourseIndexPage(Page):
    """The public catalogue: every live course, filtered, searched and paginated.

    One per locale, under the home page. The listing itself comes from
    ``courses.selectors.catalogue``.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.catalogue_rendered import catalogue_body, webinars_section

        context = super().get_context(request, *args, **kwargs)
        # The same for everyone: rendered once per language and query, and kept.
        context["catalogue_body"] = catalogue_body(request=request, index=self)
        context["webinars_section"] = webinars_section(request=request)
        return context


class CoursePageForm(WagtailAdminPageForm):
    """Offers an editor only the choices that make sense for this course."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from lms import roles
        from lms.models import Organisation
        from lms.permissions import TAUGHT_COURSES, users_with_permission

        locale_id = self.instance.locale_id or (self.parent_page and self.parent_page.locale_id)
        if "topics" in self.fields and locale_id:
            self.fields["topics"].queryset = self.fields["topics"].queryset.filter(
                locale_id=locale_id
            )
        if "trainers" in self.fields:
            self.fields["trainers"].queryset = users_with_permission(TAUGHT_COURSES).order_by(
                "full_name"
            )
            # Trainers grant editing rights; only the secretariat hands them out.
            if self.for_user is not None and not roles.is_secretariat(self.for_user):
                self.fields["trainers"].disabled = True
        for name in ("host_organisations", "audience_organisations"):
            if name in self.fields:
                self.fields[name].queryset = Organisation.objects.active()

    def clean(self):
        cleaned = super().clean()
        self._clean_prerequisites()
        return cleaned

    def _clean_prerequisites(self) -> None:
        """A course cannot require itself, nor close a loop of prerequisites: the error
        names the courses of the loop, in the editor's language."""
        from courses.selectors.prerequisites import course_titles, prerequisite_cycle

        formset = self.formsets.get("prerequisites")
        if formset is None or not formset.is_valid():
            return
        required = [
            row["required_course"]
            for row in (form.cleaned_data for form in formset.forms)
            if row and not row.get("DELETE") and row.get("required_course")
        ]
        if not required:
            return
        key = self.instance.translation_key
        if any(course.translation_key == key for course in required):
            self.add_error(None, _("A course cannot be its own prerequisite."))
            return
        cycle = prerequisite_cycle(
            course_key=key, required_keys=[course.translation_key for course in required]
        )
        if cycle:
            from django.utils.translation import get_language

            titles = course_titles(keys=cycle, language=(get_language() or "en")[:2])
            titles[key] = self.cleaned_data.get("title") or titles.get(key, "")
            self.add_error(
                None,
                _(
                    "These prerequisites would go round in a circle, so nobody could "
                    "enrol: %(chain)s."
                )
                % {"chain": " → ".join(f"“{titles.get(step, step)}”" for step in cycle)},
            )


class CoursePage(Page):
    """A course: what it teaches, to whom it is open, and when it counts as completed."""

    # The admin lists a course's modules in the order learners take them (the tree's
    # order, which editors change by dragging), not the most recently edited first.
    admin_default_ordering = "ord"

    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Format(models.TextChoices):
        SELF_PACED = "self_paced", _("Self-paced")
        WEBINAR_SERIES = "webinar_series", _("Webinar series")
        BLENDED = "blended", _("Blended")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        MEMBERS = "members", _("Members of any GSEF organisation")
        NAMED = "named", _("Named organisations only")

    class DeadlinePolicy(models.TextChoices):
        NONE = "none", _("No deadline")
        FIXED = "fixed", _("A fixed date")
        RELATIVE = "relative", _("A number of days after enrolment")

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for the catalogue.")
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("cover image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows. Required when there is a cover image."),
    )
    topics = ParentalManyToManyField("courses.Topic", verbose_name=_("topics"), blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.SELF_PACED
    )
    effort_hours = models.DecimalField(
        _("estimated effort (hours)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        default=1,
    )
    host_organisations = ParentalManyToManyField(
        "lms.Organisation",
        verbose_name=_("host organisations"),
        related_name="hosted_courses",
        blank=True,
    )
    trainers = ParentalManyToManyField(
        "lms.User",
        verbose_name=_("trainers"),
        related_name="taught_courses",
        blank=True,
        help_text=_("Trainers may edit this course and its modules, and submit them for review."),
    )
    audience = models.CharField(
        _("open to"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    audience_organisations = ParentalManyToManyField(
        "lms.Organisation",
        verbose_name=_("named organisations"),
        related_name="reserved_courses",
        blank=True,
        help_text=_("Only when the course is open to named organisations only."),
    )
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    deadline_policy = models.CharField(
        _("deadline"),
        max_length=20,
        choices=DeadlinePolicy.choices,
        default=DeadlinePolicy.NONE,
    )
    deadline_date = models.DateField(_("deadline date"), null=True, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("days to complete"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    completion_requires_all_modules = models.BooleanField(
        _("all required modules completed"), default=True
    )
    completion_min_quiz_score = models.PositiveSmallIntegerField(
        _("minimum quiz score (%)"),
        null=True,
        blank=True,
        help_text=_("The average of the best quiz scores a learner needs, from 0 to 100."),
    )
    completion_min_webinars = models.PositiveSmallIntegerField(
        _("course webinars attended"),
        default=0,
        help_text=_("How many of the course's webinars a learner must attend."),
    )
    certificate_enabled = models.BooleanField(_("issue a certificate"), default=True)
    webinar_participation_certificates = models.BooleanField(
        _("participation certificates for the course's webinars"),
        default=False,
        help_text=_(
            "Everyone who attends one of this course's webinars gets a certificate of "
            "participation for it."
        ),
    )
    inactivity_reminder_days = models.PositiveSmallIntegerField(
        _("remind inactive learners after (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "A learner who has not progressed for this many days gets a reminder, "
            "at most once in that many days, until they progress again."
        ),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("level"),
        index.FilterField("format"),
        index.FilterField("locale_id"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Cover image")
        ),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("level"), FieldPanel("format")]),
                FieldPanel("effort_hours"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [FieldPanel("host_organisations"), FieldPanel("trainers")],
            heading=_("Who offers it"),
        ),
    ]
    rules_panels = [
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("audience_organisations"),
                FieldRowPanel(
                    [FieldPanel("enrolment_opens_at"), FieldPanel("enrolment_closes_at")]
                ),
            ],
            heading=_("Who can enrol, and when"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    _(
                        "Courses a learner must have completed, in any language, before "
                        "enrolling in this one."
                    )
                ),
                InlinePanel("prerequisites", label=_("Course to complete first")),
            ],
            heading=_("Prerequisites"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("deadline_policy"),
                FieldRowPanel([FieldPanel("deadline_date"), FieldPanel("deadline_days")]),
            ],
            heading=_("Deadline"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(_("A learner completes the course when every rule below holds.")),
                FieldPanel("completion_requires_all_modules"),
                FieldPanel("completion_min_quiz_score"),
                FieldPanel("completion_min_webinars"),
            ],
            heading=_("Completion"),
        ),
        MultiFieldPanel(
            [FieldPanel("inactivity_reminder_days")],
            heading=_("Reminders"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("certificate_enabled"),
                FieldPanel("webinar_participation_certificates"),
                InlinePanel("signatories", label=_("Signatory")),
            ],
            heading=_("Certificate"),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(rules_panels, heading=_("Enrolment and completion")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = CoursePageForm

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "courses.WebinarPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        opens, closes = self.enrolment_opens_at, self.enrolment_closes_at
        if opens and closes and closes <= opens:
            errors.setdefault("enrolment_closes_at", []).append(
                _("Enrolment must close after it opens.")
            )
        if self.cover_image_id and not self.cover_alt.strip():
            errors.setdefault("cover_alt", []).append(
                _("Describe the cover image for people who cannot see it.")
            )
        if self.deadline_policy == self.DeadlinePolicy.FIXED:
            if not self.deadline_date:
                errors.setdefault("deadline_date", []).append(_("Choose the deadline date."))
            elif opens and self.deadline_date < opens.date():
                errors.setdefault("deadline_date", []).append(
                    _("The deadline is before enrolment opens: nobody could finish in time.")
                )
            elif closes and self.deadline_date < closes.date():
                errors.setdefault("deadline_date", []).append(
                    _(
                        "The deadline is before enrolment closes: people who enrol late "
                        "would be overdue at once."
                    )
                )
        if self.deadline_policy == self.DeadlinePolicy.RELATIVE and not self.deadline_days:
            errors.setdefault("deadline_days", []).append(
                _("Say how many days learners have after they enrol.")
            )
        score = self.completion_min_quiz_score
        if score is not None and not 0 <= score <= 100:
            errors.setdefault("completion_min_quiz_score", []).append(
                _("A score is a percentage between 0 and 100.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def modules(self):
        return ModulePage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_detail_context(request=request, course=self))
        return context


class CourseSignatory(Orderable):
    """A person who signs the course's certificates, as they were when it was issued."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. “Secretary General, GSEF”")
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A scan of the signature, ideally a PNG with a transparent background; "
            "printed above the name on every certificate issued from now on."
        ),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("title")]), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


class ModulePage(Page):
    """One module of a course: lessons, and at most one quiz."""

    summary = models.TextField(_("summary"), max_length=400, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=20, validators=[MinValueValidator(1)]
    )
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required modules count towards completing the course."),
    )
    is_open_preview = models.BooleanField(
        _("open preview"),
        default=False,
        help_text=_("Anyone may read this module without enrolling."),
    )
    body = StreamField(ModuleBodyBlock(), verbose_name=_("body"), blank=True)
    # Whether the body holds a quiz, kept with it on every save (publication included) so
    # that course rules and pages ask a column instead of loading the body.
    has_quiz = models.BooleanField(default=False, editable=False)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("is_required"),
                FieldPanel("is_open_preview"),
            ]
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @property
    def course(self) -> CoursePage:
        return self.get_parent().specific

    def body_has_quiz(self) -> bool:
        """Whether the body holds a quiz, from the raw stream (no block is built)."""
        return any(item.get("type") == "quiz" for item in self.body.raw_data)

    def save(self, *args, **kwargs):
        # A denormalised copy of a fact of the body, not a rule: written with the body.
        self.has_quiz = self.body_has_quiz()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "has_quiz"}
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import module_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_detail_context(request=request, module=self))
        return context

    @property
    def quiz(self):
        """The module's quiz block, or None (found in the stored data: only the quiz is
        turned into blocks, not the whole lesson)."""
        for position, raw in enumerate(self.body.raw_data):
            if raw and raw.get("type") == "quiz":
                return self.body[position]
        return None
