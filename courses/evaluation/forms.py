"""The questionnaire as a form: one field per question block, radios and checkboxes
that work without JavaScript, and messages that say which question needs what."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.evaluation.blocks import RATING_SCALE
from courses.evaluation.models import Questionnaire

TEXT_MAX_LENGTH = 5000


def field_name(block_id: str) -> str:
    return f"q-{block_id}"


class QuestionnaireForm(forms.Form):
    """Built from the questionnaire's blocks (the learner's language version)."""

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.blocks = list(questionnaire.questions)
        for block in self.blocks:
            value = block.value
            label = value["question"]  # the page's numbered list numbers it
            required = bool(value.get("required"))
            messages = {"required": _("Please answer this question.")}
            if block.block_type == "rating":
                choices = [(str(point), str(point)) for point in RATING_SCALE]
                field = forms.TypedChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    required=required,
                    widget=forms.RadioSelect,
                    help_text=_("1: %(low)s — 5: %(high)s")
                    % {"low": value["low_label"], "high": value["high_label"]},
                    error_messages={
                        **messages,
                        "invalid_choice": _("Choose a number from 1 to 5."),
                    },
                )
            elif block.block_type == "choice":
                choices = [(str(index), text) for index, text in enumerate(value["options"])]
                kind = (
                    forms.TypedMultipleChoiceField if value["multiple"] else forms.TypedChoiceField
                )
                field = kind(
                    label=label,
                    choices=choices,
                    coerce=int,
                    required=required,
                    widget=forms.CheckboxSelectMultiple if value["multiple"] else forms.RadioSelect,
                    help_text=_("Choose all that apply.") if value["multiple"] else "",
                    error_messages={
                        **messages,
                        "invalid_choice": _("Choose one of the options listed."),
                    },
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=required,
                    max_length=TEXT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=value.get("help_text") or "",
                    error_messages={
                        **messages,
                        "max_length": _("Please keep the answer under %(limit)d characters.")
                        % {"limit": TEXT_MAX_LENGTH},
                    },
                )
            self.fields[field_name(block.id)] = field

    def answers(self) -> dict[str, object]:
        """{block id: cleaned value} of the answered questions."""
        return {
            block.id: self.cleaned_data.get(field_name(block.id))
            for block in self.blocks
            if self.cleaned_data.get(field_name(block.id)) not in (None, "", [])
        }
