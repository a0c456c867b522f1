"""Pages of the site shell, and the settings every page reads (footer, contact)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import shell_cache
from cms.blocks import BaseStreamBlock


class HomePage(Page):
    """The site's front page: what GSEF Academy is and who it serves.

    One per locale (translations share a translation key). The shell does not name the
    page types of the apps above it: they go below the home page by declaring
    ``parent_page_types = ["cms.HomePage"]`` (the catalogue, the webinar list), and
    their sections of the home page come through ``cms.registry``.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title saying what the platform offers."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: every page type that may go here says so in its
    # parent_page_types (Wagtail checks both sides), so cms names no upper app.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A plain page of the site: about GSEF Academy, how certificates work, privacy policy.

    Sits under the home page or under another standard page, so sections such as
    "About" can have their own sub-pages.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences under the title; also used when the page is listed."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The page's content: text, headings, images, videos and downloads."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer of every page says, and how to reach the GSEF secretariat."""

    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_("A sentence or two shown at the foot of every page."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Where learners and members write with questions, e.g. academy@gsef-net.org."),
    )
    contact_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("The secretariat's address, one line per line of the envelope."),
    )
    privacy_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer and from the sign-up form."),
    )

    # The footer links the privacy page on every page: read with the settings.
    select_related = ["privacy_policy_page"]

    panels = [
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_address")],
            heading=_("Contact"),
        ),
        FieldPanel("privacy_policy_page"),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    @classmethod
    def for_site(cls, site):
        """The site's settings, read once per process until a page or a setting changes
        (``cms.shell_cache``): every page's footer shows them."""
        return shell_cache.remember(
            ("site-settings", cls._meta.label, site.pk),
            lambda: super(SiteSettings, cls).for_site(site),
        )
