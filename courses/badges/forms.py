"""The verification page's second form: a badge pasted as text or uploaded as a file.

Whatever arrives is only read here (size, type, the credential text inside it); whether it
is genuine is ``courses.badges.verification.verify_credential``'s question. A wrong input
gets a message that says what was wrong and what would work, and loses nothing: the
pasted text is shown again.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.badges.baking import PNG_SIGNATURE, extract
from lms.accounts.forms import AccountFormMixin

# A baked badge is tens of kilobytes (an uploaded 512 px picture a few hundred); a JWS a
# few. The limits keep a visitor from making the server parse megabytes for nothing.
PASTE_MAX_CHARS = 100_000
EXTENSIONS = (".json", ".jwt", ".jws", ".txt", ".png", ".svg")


def upload_max_bytes() -> int:
    return getattr(settings, "BADGE_UPLOAD_MAX_BYTES", 1024 * 1024)


class CredentialForm(AccountFormMixin, forms.Form):
    credential = forms.CharField(
        label=gettext_lazy("Paste a badge"),
        required=False,
        max_length=PASTE_MAX_CHARS,
        help_text=gettext_lazy(
            "The text of a GSEF Academy badge: the credential file's contents (it starts "
            "with { ) or the signed text (it starts with eyJ)."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
    )
    file = forms.FileField(
        label=gettext_lazy("Or choose a badge file"),
        required=False,
        help_text=gettext_lazy(
            "A badge picture (PNG or SVG) or a credential file (.json), as downloaded from "
            "GSEF Academy."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        limit = upload_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; a badge file is at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_big",
            )
        name = (upload.name or "").lower()
        data = upload.read(limit + 1)
        if not name.endswith(EXTENSIONS) or not _looks_like_a_badge(data):
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a badge file: choose the PNG or SVG picture or the "
                    ".json file you downloaded from GSEF Academy."
                )
                % {"name": upload.name},
                code="wrong_type",
            )
        return data

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("credential") or "").strip()
        data = cleaned.get("file")
        if self.errors:
            return cleaned
        if text and data:
            raise forms.ValidationError(
                _("Paste a badge or choose a file, not both: we check one badge at a time."),
                code="both",
            )
        if not text and not data:
            raise forms.ValidationError(
                _("Paste the text of a badge or choose a badge file to check it."), code="empty"
            )
        found = extract(data if data else text)
        if not found:
            where = "file" if data else "credential"
            self.add_error(
                where,
                forms.ValidationError(
                    _(
                        "We found no badge in this %(what)s. A GSEF Academy badge is a PNG or "
                        "SVG picture with the credential inside, a .json credential file, or "
                        "the signed text that starts with eyJ."
                    )
                    % {"what": _("file") if data else _("text")},
                    code="no_credential",
                ),
            )
            return cleaned
        cleaned["found"] = found
        return cleaned


def _looks_like_a_badge(data: bytes) -> bool:
    """The bytes are those of a PNG, or of text (JSON, SVG, a JWS): not a PDF, a JPEG…"""
    if data.startswith(PNG_SIGNATURE):
        return True
    try:
        text = data.decode("utf-8-sig").lstrip()
    except UnicodeDecodeError:
        return False
    return text[:1] in ("{", "<", '"', "e")
