"""The questions a questionnaire is made of: a rating from 1 to 5, a choice among
options (one or several), and free text. Each block keeps its Wagtail id in every
language (wagtail-localize copies it), which is how answers in French and in Korean
count for the same question."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

RATING_SCALE = (1, 2, 3, 4, 5)


class RatingQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    low_label = blocks.CharBlock(
        label=_("Label of 1"), max_length=60, help_text=_("For example “Not at all”.")
    )
    high_label = blocks.CharBlock(
        label=_("Label of 5"), max_length=60, help_text=_("For example “Completely”.")
    )
    required = blocks.BooleanBlock(label=_("An answer is required"), required=False, default=True)

    class Meta:
        icon = "pick"
        label = _("Rating from 1 to 5")
        description = _("The learner picks a number from 1 to 5; reports show the average.")
        template = "courses/evaluation/blocks/question.html"


class ChoiceQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=200),
        label=_("Options"),
        min_num=2,
        max_num=12,
        help_text=_("Keep the same order in every language: answers are counted by position."),
    )
    multiple = blocks.BooleanBlock(
        label=_("Several options may be chosen"), required=False, default=False
    )
    required = blocks.BooleanBlock(label=_("An answer is required"), required=False, default=True)

    class Meta:
        icon = "list-ul"
        label = _("Choice")
        description = _("One option, or several, among a list.")
        template = "courses/evaluation/blocks/question.html"

    def clean(self, value):
        value = super().clean(value)
        texts = [text.strip().lower() for text in value["options"]]
        if len(set(texts)) != len(texts):
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Two options say the same thing."))}
            )
        return value


class TextQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.CharBlock(label=_("Hint"), max_length=300, required=False)
    required = blocks.BooleanBlock(label=_("An answer is required"), required=False, default=False)

    class Meta:
        icon = "edit"
        label = _("Free text")
        description = _(
            "An open answer. Read by the course's trainers and the Secretariat only, never "
            "by coordinators."
        )
        template = "courses/evaluation/blocks/question.html"


class QuestionsBlock(blocks.StreamBlock):
    rating = RatingQuestionBlock()
    choice = ChoiceQuestionBlock()
    text = TextQuestionBlock()

    class Meta:
        block_counts = {}
        min_num = 1
        max_num = 30
