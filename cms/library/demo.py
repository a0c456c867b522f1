"""Demo library for `manage.py seed_demo`: the index in four languages, 20 items (cases
from Seoul, Bamako, Montréal, Bilbao and Mexico City, briefs, toolkits, publications)
with their translations, authors, member organisations and two documents, one of them
for members only. Safe to run again: what exists is left as it is.

Runs before the courses' demo (INSTALLED_APPS order), which links two of these cases
from a module through the "related cases" block (``courses.library_demo``).
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from cms.library.demo_content import INDEX_INTROS, INDEX_SLUGS, INDEX_TITLES, ITEMS
from cms.library.models import (
    LibraryIndexPage,
    LibraryItemAuthor,
    LibraryItemDocument,
    LibraryItemPage,
)
from cms.models import HomePage
from lms.models import Organisation

LANGUAGES = ("en", "fr", "es", "ko")


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _translation(page: Page, language: str, fields: dict) -> tuple[Page, bool]:
    locale = Locale.objects.get(language_code=language)
    found = page.get_translation_or_none(locale)
    if found is not None:
        return found.specific, False
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    return _publish(translation).specific, True


def _indexes() -> dict[str, LibraryIndexPage] | None:
    english_home = HomePage.objects.filter(locale__language_code="en").order_by("path").first()
    if english_home is None:
        return None
    english = LibraryIndexPage.objects.child_of(english_home).first()
    if english is None:
        english = LibraryIndexPage(
            title=INDEX_TITLES["en"],
            slug=INDEX_SLUGS["en"],
            intro=INDEX_INTROS["en"],
        )
        english_home.add_child(instance=english)
        english = _publish(english).specific
    indexes = {"en": english}
    for language in LANGUAGES[1:]:
        _translation(english_home, language, {})
        indexes[language], _new = _translation(
            english,
            language,
            {
                "title": INDEX_TITLES[language],
                "slug": INDEX_SLUGS[language],
                "intro": INDEX_INTROS[language],
            },
        )
    return indexes


def _pdf(title: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle(title)
    page.drawString(72, 770, title)
    page.drawString(72, 740, "GSEF Academy demo document.")
    page.save()
    return buffer.getvalue()


def _document(title: str):
    Document = get_document_model()
    found = Document.objects.filter(title=title).first()
    if found is None:
        name = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") + ".pdf"
        found = Document.objects.create(title=title, file=ContentFile(_pdf(title), name=name))
    return found


def _item(content: dict, indexes: dict) -> tuple[LibraryItemPage, int]:
    """The item in its original language (the first of ``text``); 1 if it was made."""
    language, (title, summary, outcome) = next(iter(content["text"].items()))
    index = indexes[language]
    found = LibraryItemPage.objects.child_of(index).filter(slug=content["slug"]).first()
    if found is not None:
        return found, 0
    city, country, region = content["place"]
    page = LibraryItemPage(
        title=title,
        slug=content["slug"],
        kind=content["kind"],
        summary=summary,
        outcome=outcome,
        city=city,
        country=country,
        region=region,
        year=content["year"],
        sector=content["sector"],
        instrument=content["instrument"],
    )
    for position, (name, affiliation) in enumerate(content["authors"]):
        page.authors.add(LibraryItemAuthor(name=name, affiliation=affiliation, sort_order=position))
    if content.get("document"):
        document_title, members_only = content["document"]
        page.documents.add(
            LibraryItemDocument(document=_document(document_title), members_only=members_only)
        )
    page.organisations.set(Organisation.objects.filter(short_name__in=content["organisations"]))
    index.add_child(instance=page)
    return _publish(page).specific, 1


@transaction.atomic
def seed() -> list[str]:
    """Create the demo library items and translations that do not exist yet."""
    indexes = _indexes()
    if indexes is None:
        return ["Demo library: skipped (there is no English home page)."]
    made = translated = 0
    for content in ITEMS:
        page, new = _item(content, indexes)
        made += new
        for language, (title, summary, outcome) in list(content["text"].items())[1:]:
            slug = content["slug"] if language == "en" else f"{content['slug']}-{language}"
            fields = {"title": title, "summary": summary, "outcome": outcome, "slug": slug}
            _page, new = _translation(page, language, fields)
            translated += new
    total = LibraryItemPage.objects.live().values("translation_key").distinct().count()
    return [
        f"Demo library: {total} items in {len(LANGUAGES)} languages "
        f"({made} new, {translated} new translations)."
    ]
