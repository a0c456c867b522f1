"""Plain text plus links: what a discussion post may contain, turned into safe HTML.

Everything is escaped; ``http(s)://`` addresses become links with
``rel="nofollow ugc noopener"``; line breaks are kept. Nothing else is interpreted: no
HTML, no markdown, no images. The URL is found in the raw text and each piece is escaped
on its own, so an entity or a quote can never reach an attribute unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# An address ends at whitespace, a quote or an angle bracket (never inside the href).
URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
# Sentence punctuation after an address belongs to the sentence.
TRAILING = ".,;:!?)]}»"
LINK_REL = "nofollow ugc noopener"


def _link(url: str) -> str:
    trail = ""
    while url and url[-1] in TRAILING:
        # A closing parenthesis that matches one in the address stays in it.
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        trail = url[-1] + trail
        url = url[:-1]
    if len(url) <= len("https://"):
        return escape(url + trail)
    return f'<a href="{escape(url)}" rel="{LINK_REL}">{escape(url)}</a>{escape(trail)}'


def _mention(text: str, names: Iterable[str]) -> str:
    """Escaped ``text`` with each "@Name" of ``names`` marked (a strong element)."""
    escaped = escape(text)
    for name in sorted(set(names), key=len, reverse=True):
        token = escape(f"@{name}")
        escaped = re.sub(
            re.escape(token),
            lambda match: f'<strong class="mention">{match.group(0)}</strong>',
            escaped,
            flags=re.IGNORECASE,
        )
    return escaped


def render_post(text: str, *, mention_names: Iterable[str] = ()) -> SafeString:
    """``text`` as HTML: escaped, links made, mentions marked, line breaks kept."""
    names = [name for name in mention_names if name]
    pieces = []
    position = 0
    for match in URL.finditer(text):
        pieces.append(_mention(text[position : match.start()], names))
        pieces.append(_link(match.group(0)))
        position = match.end()
    pieces.append(_mention(text[position:], names))
    html = "".join(pieces).replace("\r\n", "\n").replace("\r", "\n")
    return mark_safe(html.replace("\n", "<br>\n"))  # noqa: S308 (every piece escaped above)


def mentioned(text: str, names: Iterable[str]) -> set[str]:
    """Which of ``names`` the text mentions as "@Name" (case-insensitive)."""
    folded = text.casefold()
    return {name for name in names if name and f"@{name.casefold()}" in folded}
