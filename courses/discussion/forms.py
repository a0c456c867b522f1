"""The discussion's forms: plain fields, rendered by templates/lms/accounts/_field.html
(labels, help and errors tied to the inputs). The services check the same limits again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.discussion.models import BODY_MAX, TITLE_MAX
from lms.accounts.forms import AccountFormMixin

BODY_HELP = _(
    "Plain text. Addresses starting with http:// or https:// become links. "
    "At most %(limit)s characters."
) % {"limit": BODY_MAX}


class ReplyForm(AccountFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=BODY_MAX,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ThreadForm(AccountFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), min_length=3, max_length=TITLE_MAX)
    module = forms.TypedChoiceField(
        label=_("About a module (optional)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=BODY_MAX,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [("", _("The whole course"))] + [
            (module.pk, module.title) for module in modules
        ]


class ReportForm(AccountFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
