"""Library pages made the way editors make them: added under the index, published with
``save_revision().publish()``, translated with ``copy_for_translation``."""

from __future__ import annotations

import itertools

from wagtail.models import Locale, Page

from cms.library.models import LibraryIndexPage, LibraryItemPage
from cms.models import HomePage

_numbers = itertools.count(1)
INDEX_TITLES = {"en": "Library", "fr": "Bibliothèque", "es": "Biblioteca", "ko": "자료실"}


def locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def index(language: str = "en") -> LibraryIndexPage:
    """The live library of ``language`` (the English one first, then translated)."""
    english = LibraryIndexPage.objects.filter(locale__language_code="en").first()
    if english is None:
        home = HomePage.objects.get(locale__language_code="en")
        english = LibraryIndexPage(title="Library", slug="library")
        home.add_child(instance=english)
        english = publish(english)
    if language == "en":
        return english
    found = english.get_translation_or_none(locale(language))
    if found is not None:
        return found.specific
    home = english.get_parent()
    if home.get_translation_or_none(locale(language)) is None:
        publish(home.specific.copy_for_translation(locale(language)))
    page = english.copy_for_translation(locale(language))
    page.title = INDEX_TITLES[language]
    page.slug = f"library-{language}"
    return publish(page)


def item(title: str | None = None, *, language: str = "en", live: bool = True, **fields):
    """A library item (a case study in Seoul unless told) in the library of ``language``."""
    number = next(_numbers)
    fields.setdefault("kind", "case_study")
    fields.setdefault("summary", "What the city did.")
    fields.setdefault("city", "Seoul")
    fields.setdefault("country", "KR")
    fields.setdefault("region", "asia_pacific")
    page = LibraryItemPage(
        title=title or f"Item {number}", slug=f"item-{number}", live=False, **fields
    )
    index(language).add_child(instance=page)
    if live:
        return publish(page).specific
    page.save_revision()
    return page


def translate(page: LibraryItemPage, language: str, **fields) -> LibraryItemPage:
    """``page`` copied into ``language`` with ``fields`` changed, published."""
    index(language)
    translation = page.copy_for_translation(locale(language))
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation).specific
