"""Template tags of the site shell: the language switcher, and the fragments the apps
above cms put into the shell through ``cms.registry``."""

from django import template
from django.conf import settings
from django.template import Context
from django.urls import reverse, translate_url
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, override
from wagtail.models import Page

from cms import registry, routing, shell_cache
from lms.urls_absolute import absolute_url, page_absolute_url

register = template.Library()


def _site_key(request) -> int | None:
    """The request's Wagtail site (found once per request by Wagtail): a page's URL is
    relative on its own site and absolute on another, so remembered URLs are per site."""
    # Chosen among the sites the process remembers (cms.routing), as Wagtail chooses.
    site = routing.find_site(request) if request is not None else None
    return site.pk if site is not None else None


def _page_translation_urls(page: Page, request) -> dict[str, str]:
    """Language code → URL of the page's live translation.

    Remembered by the process until a page changes (``cms.shell_cache``): the language
    switcher and the ``hreflang`` links of every page read it.
    """

    def compute() -> dict[str, str]:
        urls: dict[str, str] = {}
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        for translation in translations:
            url = translation.get_url(request)
            if url:
                urls[translation.locale.language_code] = url
        return urls

    return shell_cache.remember(("translations", _site_key(request), page.pk), compute)


def _nearest_translated_ancestors(page: Page, request, codes: set[str]) -> dict[str, str]:
    """Language code → URL of the page's nearest ancestor that is live in that language.

    Where a course has no page in a language, its catalogue (or the home page) in that
    language still exists: the switcher leads there instead of to an address that 404s.
    Two queries, whatever the depth, remembered like the translations.
    """
    if not codes:
        return {}

    def compute() -> dict[str, str]:
        ancestors = list(
            page.get_ancestors().filter(depth__gt=1).only("id", "translation_key", "depth")
        )
        depth_of = {ancestor.translation_key: ancestor.depth for ancestor in ancestors}
        candidates = (
            Page.objects.live()
            .filter(translation_key__in=depth_of, locale__language_code__in=codes)
            .select_related("locale")
        )
        best: dict[str, tuple[int, str]] = {}
        for candidate in candidates:
            code = candidate.locale.language_code
            depth = depth_of[candidate.translation_key]
            url = candidate.get_url(request)
            if url and (code not in best or depth > best[code][0]):
                best[code] = (depth, url)
        return {code: url for code, (_depth, url) in best.items()}

    key = ("ancestors", _site_key(request), page.pk, frozenset(codes))
    return shell_cache.remember(key, compute)


# Views that are not Wagtail pages (My learning, a discussion thread...) have their
# shell's parts remembered by address: at most this many addresses, least recent out.
VIEW_ADDRESSES = 2000


def _remembered_html(context, name: str, template_name: str, data) -> str:
    """``template_name`` rendered with ``data()``, once per process until a page changes
    (``cms.shell_cache``), when asked for without a query string: on a live Wagtail page,
    per site, page and language; on another view of ours (no ``page`` in its context: what
    is shown then depends on the address alone), per site, address and language, for the
    ``VIEW_ADDRESSES`` most recent addresses. The shell's parts then cost a dictionary
    lookup. A preview (the page as the editor's form has it) and anything else are
    rendered each time."""
    request = context.get("request")
    page = context.get("page")
    engine = context.template.engine

    def render() -> str:
        return mark_safe(engine.get_template(template_name).render(Context(data())))  # noqa: S308 (a rendered, escaped template)

    if request is None or request.META.get("QUERY_STRING") or getattr(request, "is_preview", False):
        return render()
    if isinstance(page, Page) and page.pk and page.live:
        key = (name, _site_key(request), page.pk, get_language())
        return shell_cache.remember(key, render)
    if page is not None or getattr(request, "resolver_match", None) is None:
        return render()
    key = (name, _site_key(request), request.path, get_language())
    return shell_cache.remember_recent("shell-html-views", key, render, most=VIEW_ADDRESSES)


@register.simple_tag(takes_context=True)
def breadcrumb(context):
    """The page's breadcrumb (its ancestors: one query), remembered per page and language."""
    return _remembered_html(
        context,
        "breadcrumb-html",
        "components/breadcrumb_links.html",
        lambda: {"page": context.get("page"), "request": context.get("request")},
    )


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The language switcher (``_languages``), remembered per page and language."""
    return _remembered_html(
        context,
        "switcher-html",
        "components/language_switcher.html",
        lambda: _languages(context),
    )


def _languages(context):
    """Links to the current page in every language of the site.

    On a Wagtail page, a language links to the page's live translation when there
    is one (its slug may differ); otherwise to the same address under the other
    language prefix, where Wagtail serves the page with the interface translated.
    The query string (catalogue filters) is kept either way.
    A Wagtail page with no translation in a language (most courses exist in one or two)
    links to its nearest ancestor in that language, the catalogue for a course, with a
    note saying so; the other language's prefix would only find no page there.
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
    is_page = isinstance(page, Page) and page.pk and page.live
    missing = {code for code, _name in settings.LANGUAGES if code not in translated}
    fallback = _nearest_translated_ancestors(page, request, missing) if is_page else {}
    languages = []
    for code, name in settings.LANGUAGES:
        url = translated.get(code)
        note = ""
        if url is None and is_page:
            with override(code):
                # The home page answers under every language prefix.
                url = fallback.get(code) or reverse("wagtail_serve", args=("",))
                note = gettext("This page is not available in %(language)s.") % {"language": name}
        elif url is None:
            url = translate_url(path, code)
        elif query:
            url = f"{url}?{query}"
        languages.append(
            {"code": code, "name": name, "url": url, "current": code == current, "note": note}
        )
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
    request = context.get("request")
    if request is not None:
        routing.find_site(request)  # among the sites in memory, for the links' {% pageurl %}
    return _render_fragments(context, registry.navigation_items())


@register.simple_tag(takes_context=True)
def seo_head(context):
    """The ``<head>``'s links and meta tags (``_seo``), remembered per page and language."""
    return _remembered_html(
        context, "seo-head-html", "components/seo_head.html", lambda: _seo(context)
    )


def _seo(context):
    """What search engines and link previews read: canonical and ``hreflang`` links, the
    meta description and Open Graph tags, all on the public address (lms.urls_absolute).

    A Wagtail page's alternates are its live translations; any other page (sign-up, log
    in) exists in every language under the language prefix. The description is the
    page's search description, else its summary or introduction, else the site's.
    """
    request = context.get("request")
    page = context.get("page")
    is_page = isinstance(page, Page) and page.pk and page.live
    alternates: list[tuple[str, str]] = []
    if is_page:
        canonical = page_absolute_url(page, request)
        translated = _page_translation_urls(page, request)
        alternates = [
            (code, absolute_url(translated[code]))
            for code, _name in settings.LANGUAGES
            if code in translated
        ]
    else:
        path = request.path if request else "/"
        canonical = absolute_url(path)
        if request is not None and request.resolver_match is not None:
            alternates = [
                (code, absolute_url(translate_url(path, code)))
                for code, _name in settings.LANGUAGES
            ]
    default_description = gettext(
        "Courses, webinars and certificates for the local governments and social and "
        "solidarity economy networks of the Global Social Economy Forum."
    )
    description = ""
    title = ""
    if page is not None:
        description = (
            getattr(page, "search_description", "")
            or getattr(page, "summary", "")
            or getattr(page, "intro", "")
        )
        title = getattr(page, "seo_title", "") or getattr(page, "title", "")
    return {
        "canonical": canonical,
        "alternates": alternates,
        "x_default": dict(alternates).get(settings.LANGUAGE_CODE, ""),
        "description": " ".join(str(description or default_description).split()),
        "title": title,
        "og_locale": (get_language() or settings.LANGUAGE_CODE).replace("-", "_"),
    }
