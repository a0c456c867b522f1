"""Read side of the library: the index's list, filters and regions, an item's page, and
the items a set of pages links (the "related cases" block, a course's list).

Each selector costs a fixed number of queries whatever the number of items: the index
is one query for a page of items with their count (``paginate_once``), the country
choices and the list by region are remembered per process until a page changes
(``cms.shell_cache``), and so is the index's rendered content per query string
(``library_index_body``).
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.lookups import StartsWith
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from django_countries import countries
from wagtail.models import PageViewRestriction

from cms import shell_cache
from cms.library.choices import Region
from cms.library.forms import LibraryFilterForm
from cms.library.models import LibraryIndexPage, LibraryItemPage
from cms.pagination import paginate_once

PAGE_SIZE = 20

# What the list shows of an item (its body stays unread).
ITEM_LIST_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale_id",
    "translation_key",
    "content_type_id",
    "kind",
    "summary",
    "year",
    "region",
    "country",
    "city",
    "sector",
    "instrument",
    "locale__language_code",
)


def content_language() -> str:
    """The active content language code ("fr" for "fr-ca"), without a query."""
    try:
        return get_supported_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def _public(pages: QuerySet) -> QuerySet:
    """``pages`` minus those in a private section, as one correlated subquery."""
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return pages.filter(~Exists(restricted))


def visible_items() -> QuerySet[LibraryItemPage]:
    """Live library items anyone may see, in every language."""
    return _public(LibraryItemPage.objects.live())


def in_language(items: QuerySet[LibraryItemPage], language: str) -> QuerySet[LibraryItemPage]:
    """One page per item: the one in ``language`` when it has one, else its original
    (its oldest live page), so an item written only in Korean is listed everywhere."""
    same_item = LibraryItemPage.objects.live().filter(translation_key=OuterRef("translation_key"))
    here = same_item.filter(locale__language_code=language)
    older = same_item.filter(pk__lt=OuterRef("pk"))
    return items.filter(Q(locale__language_code=language) | (~Exists(here) & ~Exists(older)))


def search_q(query: str) -> Q:
    """Every word of ``query`` inside the title, summary, city, outcome or authors:
    ``icontains`` matches inside words in every language (경제 in 사회적경제); on
    PostgreSQL a trigram index serves it (library migration 0002)."""
    condition = Q()
    for word in query.split():
        condition &= Q(search_text__icontains=word)
    return condition


def library_items(*, language: str, filters: dict | None = None) -> QuerySet[LibraryItemPage]:
    """The items matching ``filters`` (the form's cleaned values), newest year first.

    Without a ``language`` filter each item is shown in the visitor's ``language`` (else
    its original); with one, only the items written or translated in that language.
    """
    filters = filters or {}
    items = visible_items()
    if filters.get("language"):
        items = items.filter(locale__language_code=filters["language"])
    else:
        items = in_language(items, language)
    for name in ("kind", "region", "country", "sector", "instrument", "year"):
        if filters.get(name):
            items = items.filter(**{name: filters[name]})
    if filters.get("q"):
        items = items.filter(search_q(filters["q"]))
    return (
        items.select_related("locale")
        .only(*ITEM_LIST_FIELDS)
        .order_by(F("year").desc(nulls_last=True), "title", "pk")
    )


def library_countries(*, language: str) -> list[tuple[str, str]]:
    """(code, name in ``language``) of the countries that have items, by name.

    Remembered per process until a page changes."""

    def compute():
        codes = set(visible_items().exclude(country="").values_list("country", flat=True))
        with translation.override(language):
            return sorted(((code, str(countries.name(code))) for code in codes), key=lambda c: c[1])

    return shell_cache.remember(("library-countries", language), compute)


def library_regions(*, language: str) -> list[dict]:
    """The list by region: each region with items, its name and how many (one per item).

    Remembered per process until a page changes."""

    def compute():
        rows = (
            in_language(visible_items(), language)
            .exclude(region="")
            .values("region")
            .annotate(count=Count("pk"))
            .order_by()
        )
        counts = {row["region"]: row["count"] for row in rows}
        return [
            {"code": code, "count": counts[code]}
            for code, _label in Region.choices
            if code in counts
        ]

    regions = shell_cache.remember(("library-regions", language), compute)
    labels = dict(Region.choices)
    return [{**region, "label": labels[region["code"]]} for region in regions]


def library_index_context(*, request: HttpRequest, index: LibraryIndexPage) -> dict:
    """What the index shows: the form, one page of items, the list by region.

    Bad filter values are ignored (the form carries their errors); a page number that is
    not a number gives the first page, one past the end the last."""
    language = content_language()
    form = LibraryFilterForm(request.GET, countries=library_countries(language=language))
    filters = form.filters()
    items = library_items(language=language, filters=filters)
    page = paginate_once(items, per_page=PAGE_SIZE, number=request.GET.get("page"))
    query = QueryDict(mutable=True)
    for name in form.fields:
        if name in filters:
            query[name] = request.GET[name]
    names = dict(settings.LANGUAGES)
    for item in page.object_list:
        code = item.locale.language_code
        item.language_name = names.get(code, code) if code != language else ""
    return {
        "filter_form": form,
        "items": page,
        "result_count": page.paginator.count,
        "query_string_without_page": query.urlencode(),
        "active_filter_count": sum(1 for name in filters if name != "q"),
        "regions": library_regions(language=language),
    }


# The index's rendered content is kept for this many query strings (least recent out).
KEPT_QUERIES = 500
LONGEST_VALUE = 200  # longer parameter values (no real search) are rendered, not kept


def library_index_body(*, request: HttpRequest, index: LibraryIndexPage) -> str:
    """The index's content (``library/index_body.html``), the same for every visitor.

    Rendered once per process for the index, language, host (links are relative on their
    own site) and the parameters the index reads, for the ``KEPT_QUERIES`` most recent
    sets of them, until any page changes or a page is made private (``cms.shell_cache``:
    what the list shows are live public pages). A logged-in visitor then costs what the
    site shell costs. A preview, and parameters too long for a real search, are rendered
    each time."""

    def render() -> str:
        context = {"page": index, "self": index, "request": request}
        context.update(library_index_context(request=request, index=index))
        return render_to_string("library/index_body.html", context)

    names = (*LibraryFilterForm.base_fields, "page")
    parameters = tuple(
        (name, request.GET.getlist(name)[-1]) for name in names if name in request.GET
    )
    if getattr(request, "is_preview", False) or any(
        len(value) > LONGEST_VALUE for _name, value in parameters
    ):
        return render()
    key = (index.pk, translation.get_language(), request.get_host(), parameters)
    return shell_cache.remember_recent("library-index", key, render, most=KEPT_QUERIES)


def library_item_context(*, request: HttpRequest, item: LibraryItemPage) -> dict:
    """An item's authors, member organisations and documents, one query each (the same
    for everyone: the download view decides who gets a members-only file)."""
    documents = list(item.documents.select_related("document").order_by("sort_order"))
    return {
        "authors": list(item.authors.order_by("sort_order")),
        "organisations": list(item.organisations.order_by("name").only("id", "name", "website")),
        "documents": documents,
    }


def items_by_keys(*, keys: Iterable[UUID], language: str) -> list[LibraryItemPage]:
    """The live public items with these translation keys, each in ``language`` when it has
    a page in it (else its original), in the order of ``keys``; one query."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return []
    found = {
        item.translation_key: item
        for item in in_language(visible_items().filter(translation_key__in=keys), language)
        .select_related("locale")
        .only(*ITEM_LIST_FIELDS)
    }
    return [found[key] for key in keys if key in found]


def linked_item_keys(stream_data: Iterable) -> list[int]:
    """Page ids chosen in the "related cases" blocks of a StreamField's raw data."""
    ids: list[int] = []
    for block in stream_data or ():
        if block.get("type") != "related_cases":
            continue
        for entry in (block.get("value") or {}).get("items") or ():
            value = entry.get("value") if isinstance(entry, dict) else entry
            if isinstance(value, int):
                ids.append(value)
    return ids


def items_linked_from(*, stream_values: Iterable, language: str) -> list[LibraryItemPage]:
    """The items the "related cases" blocks of these StreamField values link, each once,
    in the visitor's ``language``; one query (none when nothing is linked)."""
    ids: list[int] = []
    for value in stream_values:
        ids.extend(linked_item_keys(getattr(value, "raw_data", value)))
    if not ids:
        return []
    keys = LibraryItemPage.objects.filter(pk__in=ids).values("translation_key")
    ordered = {
        item.pk: item
        for item in in_language(visible_items().filter(translation_key__in=keys), language)
        .select_related("locale")
        .only(*ITEM_LIST_FIELDS)
    }
    return sorted(ordered.values(), key=lambda item: (item.title.lower(), item.pk))
