"""Library pages: one index per language and one item page type for every kind of item.

One item page type (``LibraryItemPage``) with a ``kind`` (case study, policy brief,
toolkit, publication) keeps the admin to one choice under the index and lets the index
filter every kind with one query; the fields only a case study needs (city, outcome) sit
in their own panel. Authors and documents are inline rows of the page, so they are
translated, copied and published with it (wagtail-localize translates the text fields,
keeps the choices, the year and the documents).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.library.choices import Instrument, Kind, Sector
from lms.models import Region


class LibraryIndexPage(Page):
    """The library: every case study, brief, toolkit and publication, filtered and searched.

    One per locale, under the home page; the list comes from ``cms.library.selectors``.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title saying what the library holds."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["library.LibraryItemPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")

    def get_context(self, request, *args, **kwargs):
        from cms.library.selectors import library_index_body

        context = super().get_context(request, *args, **kwargs)
        context["library_body"] = library_index_body(request=request, index=self)
        return context


SEARCHED_FIELDS = frozenset({"title", "summary", "city", "outcome"})


class LibraryItemPage(Page):
    """A case study, policy brief, toolkit or publication of the library.

    Where and when (region, country, year), what it is about (SSE sector, policy
    instrument), who wrote it and which member organisations it concerns, the files to
    download (public, or for members only), and for a case study the city and outcome.
    """

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.CASE_STUDY)
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences shown in the library's list and in search results."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The item's content: text, headings, images, videos and downloads."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("When the policy started or the document was published."),
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    sector = models.CharField(_("SSE sector"), max_length=30, choices=Sector.choices, blank=True)
    instrument = models.CharField(
        _("policy instrument"), max_length=30, choices=Instrument.choices, blank=True
    )
    city = models.CharField(
        _("city"), max_length=120, blank=True, help_text=_("For a case study: where it happened.")
    )
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        help_text=_("For a case study: what changed, with figures where there are any."),
    )
    organisations = ParentalManyToManyField(
        "lms.Organisation",
        verbose_name=_("member organisations"),
        blank=True,
        related_name="library_items",
        help_text=_("The GSEF members this item is about or comes from."),
    )
    # Title, summary, city, outcome and authors in one column, written with them on every
    # save (publication included): the index searches inside words ("경제" in 사회적경제)
    # with one trigram-indexed ILIKE on PostgreSQL (migration 0002), LIKE on SQLite.
    search_text = models.TextField(default="", editable=False)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("city"),
        index.SearchField("outcome"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("region"), FieldPanel("country"), FieldPanel("year")]),
                FieldRowPanel([FieldPanel("sector"), FieldPanel("instrument")]),
            ],
            heading=_("Where, when, what about"),
        ),
        MultiFieldPanel(
            [FieldPanel("city"), FieldPanel("outcome")],
            heading=_("Case study"),
            help_text=_("Only for case studies: required when the type is “Case study”."),
        ),
        FieldPanel("body"),
        InlinePanel("authors", heading=_("Authors"), label=_("Author")),
        FieldPanel("organisations"),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")

    def clean(self):
        super().clean()
        if self.kind == Kind.CASE_STUDY:
            missing = {
                name: _("A case study says where it happened.")
                for name in ("city", "country")
                if not getattr(self, name)
            }
            if missing:
                raise ValidationError(missing)

    def search_text_from_fields(self) -> str:
        """What the index's search looks inside, from the page's own fields and authors."""
        authors = [author.name for author in self.authors.all()]
        parts = [self.title, self.summary, self.city, self.outcome, *authors]
        return "\n".join(part for part in parts if part)

    def save(self, *args, **kwargs):
        # A denormalised copy of the searched fields, not a rule: written with them.
        self.search_text = self.search_text_from_fields()
        # A draft saved (update_fields without them) leaves the live row's copy alone.
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCHED_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from cms.library.selectors import library_item_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_item_context(request=request, item=self))
        return context


class LibraryItemAuthor(Orderable):
    """Someone who wrote the item, as the item names them."""

    page = ParentalKey(LibraryItemPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Seoul Metropolitan Government”"),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("affiliation")])]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name


class LibraryItemDocument(Orderable):
    """A file of the item (a Wagtail document), public or for members only.

    Linked through ``library:document``, which checks ``library_document_policy``; a
    members-only file is refused at Wagtail's own document address too
    (``cms.library.wagtail_hooks``).
    """

    page = ParentalKey(LibraryItemPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"), max_length=150, blank=True, help_text=_("The document's title if empty.")
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_(
            "Only people logged in with an active membership of a GSEF member organisation "
            "may download it."
        ),
    )

    panels = [
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("members_only")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title or str(self.document)

    @property
    def label(self) -> str:
        return self.title or self.document.title
