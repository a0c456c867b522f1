"""The questionnaires in the admin's "Learning" submenu.

- Questionnaires (``evaluation_questionnaires``): Wagtail's snippet screens, translated
  with wagtail-localize like pages ("Translate" in the row's menu). Who may edit is
  Django permissions (``evaluation.0002``: the Secretariat and Trainers; translating
  asks wagtail_localize.submit_translation, granted to the Secretariat by
  ``evaluation.0004``, as for pages).
- Questionnaires in use (``questionnaire_choices``): the default questionnaire of each
  purpose, and a course's own, stored by translation keys so that every language version
  follows; or a programme's, for its courses without their own. The Secretariat's
  (``choice_policy``: every organisation's reach); 403 otherwise.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.evaluation.models import Questionnaire, QuestionnaireChoice
from courses.models import ProgrammePage
from courses.permissions import original_courses
from lms.admin.scoped import RefusedWith403Mixin
from lms.permissions import sees_every_organisation

REFUSAL = _("Which questionnaire applies is decided by the GSEF Secretariat.")


class ChoicePolicy(ModelPermissionPolicy):
    """Questionnaires in use: the Secretariat's (every organisation's reach)."""

    actions = frozenset({"view", "add", "change", "delete"})

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and sees_every_organisation(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        return rows if any(self.user_has_permission(user, a) for a in actions) else rows.none()


choice_policy = ChoicePolicy(QuestionnaireChoice)


def _originals(queryset) -> list:
    """One row per translation key: the original language version (the oldest)."""
    seen, rows = set(), []
    for row in queryset.order_by("pk"):
        if row.translation_key not in seen:
            seen.add(row.translation_key)
            rows.append(row)
    return sorted(rows, key=lambda row: row.title)


def original_questionnaires():
    return _originals(Questionnaire.objects)


class QuestionnaireChoiceForm(WagtailAdminModelForm):
    course = forms.ChoiceField(
        label=_("Course"),
        required=False,
        help_text=_("Leave empty to make it the default for every course."),
    )
    programme = forms.ChoiceField(
        label=_("Programme"),
        required=False,
        help_text=_(
            "Or a programme: its questionnaire applies to the programme's courses that have "
            "none of their own."
        ),
    )
    questionnaire = forms.ChoiceField(label=_("Questionnaire"))

    class Meta:
        model = QuestionnaireChoice
        fields = ["purpose"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        courses = original_courses().order_by("title").only("title", "translation_key")
        self.fields["course"].choices = [("", _("Every course (the default)"))] + [
            (str(course.translation_key), course.title) for course in courses
        ]
        self.fields["programme"].choices = [("", _("No programme"))] + [
            (str(row.translation_key), row.title) for row in _originals(ProgrammePage.objects)
        ]
        self.fields["questionnaire"].choices = [
            (str(row.translation_key), f"{row.title} ({row.get_purpose_display()})")
            for row in original_questionnaires()
        ]
        if self.instance.pk:
            self.fields["course"].initial = str(self.instance.course_key or "")
            self.fields["programme"].initial = str(self.instance.programme_key or "")
            self.fields["questionnaire"].initial = str(self.instance.questionnaire_key)
        self.order_fields(["purpose", "course", "programme", "questionnaire"])

    def clean(self):
        data = super().clean()
        key = data.get("questionnaire")
        purpose = data.get("purpose")
        found = next((q for q in original_questionnaires() if str(q.translation_key) == key), None)
        if found is not None and purpose and found.purpose != purpose:
            self.add_error(
                "questionnaire",
                _("“%(title)s” is written for another purpose: %(purpose)s.")
                % {"title": found.title, "purpose": found.get_purpose_display()},
            )
        course = data.get("course") or None
        programme = data.get("programme") or None
        if course and programme:
            self.add_error(
                "programme", _("Choose a course or a programme, not both: they are two choices.")
            )
            return data
        taken = QuestionnaireChoice.objects.filter(
            purpose=purpose, course_key=course, programme_key=programme
        ).exclude(pk=self.instance.pk)
        if purpose and taken.exists():
            if course:
                message = _(
                    "This course already has a questionnaire for this purpose: edit that one."
                )
            elif programme:
                message = _(
                    "This programme already has a questionnaire for this purpose: edit that one."
                )
            else:
                message = _("There is already a default for this purpose: edit that one.")
            self.add_error("programme" if programme else "course", message)
        return data

    def save(self, commit=True):
        self.instance.course_key = self.cleaned_data.get("course") or None
        self.instance.programme_key = self.cleaned_data.get("programme") or None
        self.instance.questionnaire_key = self.cleaned_data["questionnaire"]
        return super().save(commit=commit)


class _Refused(RefusedWith403Mixin):
    refusal_message = REFUSAL


class ChoiceIndexView(_Refused, generic.IndexView):
    pass


class ChoiceCreateView(_Refused, generic.CreateView):
    pass


class ChoiceEditView(_Refused, generic.EditView):
    pass


class ChoiceDeleteView(_Refused, generic.DeleteView):
    pass


def _course_of(choice: QuestionnaireChoice) -> str:
    if choice.programme_key is not None:
        programme = ProgrammePage.objects.filter(translation_key=choice.programme_key)
        programme = programme.order_by("pk").first()
        title = programme.title if programme else ""
        return str(_("The courses of the programme “%(title)s”") % {"title": title})
    if choice.course_key is None:
        return str(_("Every course (the default)"))
    course = original_courses().filter(translation_key=choice.course_key).first()
    return course.title if course else str(_("A course that no longer exists"))


def _questionnaire_of(choice: QuestionnaireChoice) -> str:
    row = Questionnaire.objects.filter(translation_key=choice.questionnaire_key).order_by("pk")
    row = row.first()
    return row.title if row else str(_("A questionnaire that no longer exists"))


class QuestionnaireChoiceViewSet(ModelViewSet):
    """The default questionnaire per purpose, and a course's own (the Secretariat's)."""

    model = QuestionnaireChoice
    index_view_class = ChoiceIndexView
    add_view_class = ChoiceCreateView
    edit_view_class = ChoiceEditView
    delete_view_class = ChoiceDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False
    form_class = QuestionnaireChoiceForm
    permission_policy = choice_policy
    icon = "tick-inverse"
    name = "questionnaire_choices"
    menu_label = _("Questionnaires in use")
    menu_hook = "register_learning_menu_item"
    menu_order = 760
    list_display = [
        Column("purpose", label=_("Purpose"), accessor="get_purpose_display"),
        Column("course", label=_("Course"), accessor=_course_of),
        Column("questionnaire", label=_("Questionnaire"), accessor=_questionnaire_of),
    ]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return QuestionnaireChoiceForm


class QuestionnaireViewSet(SnippetViewSet):
    """Questionnaires, authored and translated like pages."""

    model = Questionnaire
    icon = "form"
    menu_label = _("Questionnaires")
    menu_name = "evaluation_questionnaires"
    menu_hook = "register_learning_menu_item"
    menu_order = 750
    add_to_admin_menu = True
    list_display = ["title", "purpose", "locale"]
    list_filter = ["purpose"]


questionnaire_choice_viewset = QuestionnaireChoiceViewSet()
