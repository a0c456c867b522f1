"""Forms of the public course pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms import shell_cache
from courses.models import CoursePage, Topic
from lms.models import Organisation, Region


class KeptSelect(forms.Select):
    """A select rendered once per process for each of its choices and language.

    The catalogue's option lists (hosts, topics, regions…) are the same for everyone;
    Django renders every option through a template. The HTML is remembered in
    ``cms.shell_cache`` (dropped when a page, topic or host changes), keyed by the choices
    themselves, the chosen value and the attributes; a value that is no choice (a
    hand-edited URL) is rendered, not kept.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        choices = tuple((str(key), str(label)) for key, label in self.choices)
        if chosen and chosen not in {key for key, _label in choices}:
            return super().render(name, value, attrs, renderer)
        key = (
            "catalogue-select",
            get_language(),
            name,
            chosen,
            choices,
            tuple(sorted({**self.attrs, **(attrs or {})}.items())),
        )
        return shell_cache.remember(
            key, lambda: super(KeptSelect, self).render(name, value, attrs, renderer)
        )


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, read from the query string; every field is optional.

    A value that is not a choice (an old link, a hand-edited URL) makes that field
    invalid and the catalogue ignores it; the other filters still apply.
    """

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or keyword")}),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, widget=KeptSelect)
    language = forms.ChoiceField(label=_("Language"), required=False, widget=KeptSelect)
    format = forms.ChoiceField(label=_("Format"), required=False, widget=KeptSelect)
    host = forms.TypedChoiceField(
        label=_("Offered by"), required=False, coerce=int, empty_value=None, widget=KeptSelect
    )
    region = forms.ChoiceField(label=_("Region"), required=False, widget=KeptSelect)
    open_now = forms.BooleanField(label=_("Open for enrolment now"), required=False)

    def __init__(self, data=None, *, language_code: str, visible_courses=None, **kwargs):
        """``language_code`` names the topics; ``visible_courses`` are the courses a
        visitor may see (hosts without one are left out of the choices)."""
        super().__init__(data, **kwargs)
        # Remembered per process until a page, a topic or an organisation changes
        # (cms.shell_cache; courses/listing_signals.py bumps it for topics and hosts).
        topics = shell_cache.remember(
            ("catalogue-topics", language_code), lambda: _topic_choices(language_code)
        )
        self.fields["topic"].choices = [("", _("All topics")), *topics]
        self.fields["language"].choices = [("", _("Any language")), *settings.LANGUAGES]
        self.fields["format"].choices = [("", _("Any format")), *CoursePage.Format.choices]
        courses = visible_courses if visible_courses is not None else CoursePage.objects.live()

        def host_choices() -> list[tuple[int, str]]:
            return list(
                Organisation.objects.active()
                .filter(Exists(courses.filter(host_organisations=OuterRef("pk"))))
                .order_by("name")
                .values_list("pk", "name")
            )

        key = ("catalogue-hosts",) if visible_courses is not None else ("catalogue-hosts-all",)
        hosts = shell_cache.remember(key, host_choices)
        self.fields["host"].choices = [("", _("Any organisation")), *hosts]
        self.fields["region"].choices = [("", _("Any region")), *Region.choices]

    def filters(self) -> dict:
        """The valid, non-empty values; a field with an error is left out."""
        if not self.is_bound:
            return {}
        errors = self.errors  # cleans the form, once
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in errors and value not in (None, "", False)
        }


def _topic_choices(language_code: str) -> list[tuple[str, str]]:
    """(slug, name) for every topic, named in ``language_code`` where a translation exists.

    One query: the slug is the same in every language, so rows of all locales are
    read and the best name for each slug is kept (the visitor's language, then the
    site's default language, then any).
    """
    preference = {language_code: 0, settings.LANGUAGE_CODE: 1}
    best: dict[str, tuple[int, str]] = {}
    for slug, name, language in Topic.objects.values_list("slug", "name", "locale__language_code"):
        rank = preference.get(language, 2)
        if slug not in best or rank < best[slug][0]:
            best[slug] = (rank, name)
    return sorted(
        ((slug, name) for slug, (_rank, name) in best.items()),
        key=lambda choice: choice[1].casefold(),
    )
