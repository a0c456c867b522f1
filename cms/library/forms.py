"""The library index's filter form: a GET form that works without JavaScript."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.library.choices import Instrument, Kind, Region, Sector

ANY = [("", _("Any"))]


class LibraryFilterForm(forms.Form):
    """Search words and filters; every field optional, unknown values refused by name."""

    q = forms.CharField(
        label=_("Search the library"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words found anywhere in the title, summary, city or outcome."),
    )
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=ANY + Kind.choices)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=ANY + Region.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(
        label=_("Topic (SSE sector)"), required=False, choices=ANY + Sector.choices
    )
    instrument = forms.ChoiceField(
        label=_("Policy instrument"), required=False, choices=ANY + Instrument.choices
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)

    def __init__(self, *args, countries: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = ANY + list(countries)
        self.fields["language"].choices = ANY + [
            (code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
        ]

    def filters(self) -> dict:
        """The valid filters in use (an invalid one is dropped; its error is shown)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
