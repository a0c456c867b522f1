"""The site's StreamField blocks: one ``BaseStreamBlock`` that every body uses.

Each block declares its icon, its template and a description for editors.
Accessibility is part of the content model: images need alternative text and
videos need a transcript, so an editor cannot publish without them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (level 2)")), ("h3", _("Sub-section (level 3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"
        description = _("A section heading; level 2 for sections, level 3 inside them.")
        label = _("Heading")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/blocks/paragraph.html"
        description = _("Text with links and lists.")
        label = _("Text")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    attribution = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"
        description = _("An image with alternative text and an optional caption.")
        label = _("Image")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        help_text=_("The words of the video, for people who cannot hear or watch it."),
    )

    class Meta:
        icon = "media"
        template = "components/blocks/video.html"
        description = _("An embedded video with its transcript.")
        label = _("Video")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=150)

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document.html"
        description = _("A file to download, with its type and size shown.")
        label = _("Download")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("note", _("Note")),
            ("tip", _("Tip")),
            ("important", _("Important")),
        ],
        default="note",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    body = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "components/blocks/callout.html"
        description = _("A highlighted note, tip or warning.")
        label = _("Callout")


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    place = blocks.CharBlock(
        label=_("City or organisation"), max_length=120, help_text=_("e.g. “Seoul”")
    )
    quote = blocks.TextBlock(label=_("Quote"), required=False)
    quote_by = blocks.CharBlock(label=_("Quote by"), required=False, max_length=120)
    body = blocks.RichTextBlock(label=_("Story"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "openquote"
        template = "components/blocks/case_study.html"
        description = _("What a city or network did, in its own words.")
        label = _("Case study")


class ResourceLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    url = blocks.URLBlock(label=_("Address"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "link"
        label = _("Resource")


class ResourceLinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=120, help_text=_("“Further reading” if empty.")
    )
    links = blocks.ListBlock(ResourceLinkBlock(), label=_("Resources"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "components/blocks/resource_links.html"
        description = _("A list of links to reports, laws and toolkits.")
        label = _("Resources")


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every body on the site can use."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    resources = ResourceLinksBlock()
