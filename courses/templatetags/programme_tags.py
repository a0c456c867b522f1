"""Template tags for programmes: the catalogue's programmes section."""

from __future__ import annotations

from django import template

from cms import shell_cache
from courses.dates import content_language
from courses.models import ProgrammeIndexPage
from courses.selectors.programmes import live_programmes, programme_cards

register = template.Library()

CATALOGUE_PROGRAMMES = 3


@register.simple_tag
def catalogue_programmes() -> dict:
    """The programme list of the visitor's language and its first programmes, as cards.

    Remembered by the process until a page changes (``cms.shell_cache``), so the catalogue
    costs no query more for it: ``{"index": page or None, "cards": [...], "more": bool}``.
    """
    language = content_language()

    def compute() -> dict:
        index = (
            ProgrammeIndexPage.objects.live()
            .public()
            .filter(locale__language_code=language)
            .order_by("path")
            .first()
        )
        if index is None:
            return {"index": None, "cards": [], "more": False}
        programmes = list(
            live_programmes(language=language).child_of(index)[: CATALOGUE_PROGRAMMES + 1]
        )
        return {
            "index": index,
            "cards": programme_cards(
                programmes=programmes[:CATALOGUE_PROGRAMMES], language=language
            ),
            "more": len(programmes) > CATALOGUE_PROGRAMMES,
        }

    return shell_cache.remember(("catalogue-programmes", language), compute)
