"""The "related cases" lesson block: a module links library items.

Lives with the library (cms layer) and is added to the module body in courses, which
may depend on cms. The chosen pages are stored by id; the block shows each item in the
reader's language when it has a page in it (``items_by_keys``, one query).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class RelatedCasesBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=120,
        help_text=_("“Related cases” if empty."),
    )
    items = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="library.LibraryItemPage", label=_("Library item")),
        label=_("Library items"),
        min_num=1,
        max_num=8,
    )

    class Meta:
        icon = "doc-full-inverse"
        template = "library/blocks/related_cases.html"
        description = _(
            "Case studies, briefs or toolkits of the library that this lesson draws on."
        )
        label = _("Related cases")

    def get_context(self, value, parent_context=None):
        from cms.library.selectors import content_language, items_by_keys

        context = super().get_context(value, parent_context=parent_context)
        chosen = [page for page in value["items"] if page is not None]
        context["library_items"] = items_by_keys(
            keys=[page.translation_key for page in chosen], language=content_language()
        )
        return context
