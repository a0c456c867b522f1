"""Template tags of the site shell: the language switcher, and the fragments the apps
above cms put into the shell through ``cms.registry``."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html_join
from django.utils.translation import get_language
from wagtail.models import Page

from cms import registry

register = template.Library()


def _page_translation_urls(page: Page, request) -> dict[str, str]:
    """Language code → URL of the page's live translation, in one query."""
    urls: dict[str, str] = {}
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    for translation in translations:
        url = translation.get_url(request)
        if url:
            urls[translation.locale.language_code] = url
    return urls


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in every language of the site.

    On a Wagtail page, a language links to the page's live translation when there
    is one (its slug may differ); otherwise to the same address under the other
    language prefix, where Wagtail serves the page with the interface translated.
    The query string (catalogue filters) is kept either way.
    """
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    query = request.META.get("QUERY_STRING", "") if request else ""
    page = context.get("page")
    translated = (
        _page_translation_urls(page, request)
        if isinstance(page, Page) and page.pk and page.live
        else {}
    )
    current = get_language()
    languages = []
    for code, name in settings.LANGUAGES:
        url = translated.get(code)
        if url is None:
            url = translate_url(path, code)
        elif query:
            url = f"{url}?{query}"
        languages.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"languages": languages}


def _render_fragments(context, fragments: list[registry.Fragment]) -> str:
    """Render each fragment with the page's own context, as ``{% include %}`` does."""
    engine = context.template.engine
    rendered = []
    for fragment in fragments:
        template = engine.get_template(fragment.template)
        with context.push():
            rendered.append(template.render(context))
    # Each part is already safe (rendered, and escaped, by its template): kept as it is.
    return format_html_join("", "{}", ((part,) for part in rendered))


@register.simple_tag(takes_context=True)
def home_sections(context, slot: str) -> str:
    """The home page sections the apps above cms registered for ``slot`` (cms.registry)."""
    return _render_fragments(context, registry.home_sections(slot))


@register.simple_tag(takes_context=True)
def navigation_items(context) -> str:
    """The header links the apps above cms registered (cms.registry), each an ``<li>``."""
    return _render_fragments(context, registry.navigation_items())
