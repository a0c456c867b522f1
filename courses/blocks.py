"""Course blocks: the module body is the site's BaseStreamBlock plus a quiz.

A quiz's correct answers and explanations live only in the block's value on the
server; the templates render prompts and options, and grading happens in
``courses.services`` (the learner issue), so nothing reaches the browser before
the learner submits.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.blocks import BaseStreamBlock
from cms.library.blocks import RelatedCasesBlock


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Shown after the learner submits: why this answer is right or wrong."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question"))
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("single", _("One correct answer")),
            ("multiple", _("Several correct answers")),
        ],
        default="single",
    )
    options = blocks.ListBlock(OptionBlock(), label=_("Answers"), min_num=2, max_num=8)

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Mark at least one answer correct."))}
            )
        if value["kind"] == "single" and correct > 1:
            raise StructBlockValidationError(
                block_errors={
                    "kind": ValidationError(
                        _(
                            "%(count)d answers are marked correct: choose “Several correct "
                            "answers” or mark only one."
                        )
                        % {"count": correct}
                    )
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        min_value=0,
        max_value=100,
        default=70,
        help_text=_("The score, in percent, a learner needs to pass."),
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "tasks"
        template = "components/blocks/quiz.html"
        description = _("Questions graded on the server; passing completes the module.")
        label = _("Quiz")


class ModuleBodyBlock(BaseStreamBlock):
    """A module's lessons: the site's blocks, at most one quiz, and library items linked
    (the course page lists the items its modules link)."""

    quiz = QuizBlock()
    related_cases = RelatedCasesBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
