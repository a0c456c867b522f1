"""Text on the certificate: the font chain per character (Noto Sans, Noto Sans Arabic,
NanumSquare), right-to-left text shaped and laid out by the Unicode bidi algorithm, and
lines wrapped and shrunk to fit a box.

ReportLab draws one glyph per character and does no shaping of its own unless the
optional uharfbuzz and rlbidi are installed (rlbidi is not on PyPI, and shaped glyphs
without a character of their own reach the text layer as private-use characters). So
Arabic runs are shaped here with arabic-reshaper (contextual forms and the lam-alef
ligatures, as Unicode presentation forms that Noto Sans Arabic maps). Vowel signs
(harakat) are dropped: without mark positioning they would land beside their letters,
and names are written without them.

A line with right-to-left text gets its embedding levels from python-bidi (which
pairs brackets, rule N0, but neither reorders for us with mirroring nor says where each
character went) and is laid out here (rule L2). Each glyph is then drawn at its place on
the line **in reading order**: what the eye sees is the visual line, what pdftotext,
MuPDF and pdfminer read out is the name as typed (they keep the order of the content
stream, and take glyphs advancing leftwards for right-to-left text). pypdf is the
exception: it reverses right-to-left runs, expecting visual order. No ``/ActualText``:
poppler (pdftotext) puts it out reversed, undoing what the order gives. A bracket inside
right-to-left text is mirrored (rule L4) by drawing it from a copy of its font whose
"(" has the glyph of ")": it looks right and still copies out as "(".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "certificate_fonts"

# Per style, the fonts tried in order for each character: Noto Sans for Latin, Greek
# and Cyrillic, Noto Sans Arabic for Arabic presentation forms, NanumSquare for Hangul
# (and the 4,888 KS X 1001 Hanja).
FONT_FILES = {
    "regular": (
        ("GSEF-NotoSans", "NotoSans-Regular.ttf"),
        ("GSEF-NotoSansArabic", "NotoSansArabic-Regular.ttf"),
        ("GSEF-NanumSquare", "NanumSquareR.ttf"),
    ),
    "bold": (
        ("GSEF-NotoSans-Bold", "NotoSans-Bold.ttf"),
        ("GSEF-NotoSansArabic-Bold", "NotoSansArabic-Bold.ttf"),
        ("GSEF-NanumSquare-Bold", "NanumSquareB.ttf"),
    ),
}

# The site's ink (cms/static/cms/css/site.css, --color-ink): the default text colour.
INK = HexColor("#1b2430")


@dataclass(frozen=True)
class _Font:
    name: str
    chars: frozenset[int]


@functools.cache
def font_chain(style: str) -> tuple[_Font, ...]:
    """The registered fonts of ``style``, parsed once per process."""
    chain = []
    for name, filename in FONT_FILES[style]:
        font = TTFont(name, FONT_DIR / filename)
        pdfmetrics.registerFont(font)
        chain.append(_Font(name=name, chars=frozenset(font.face.charToGlyph)))
    return tuple(chain)


@functools.cache
def _mirrored_font(name: str) -> _Font:
    """A copy of font ``name`` in which each mirrored pair ("(" and ")", "[" and "]", …)
    has swapped glyphs, registered once per process.
    """
    filename = next(file for fonts in FONT_FILES.values() for font, file in fonts if font == name)
    font = TTFont(f"{name}-Mirrored", FONT_DIR / filename)
    font.face.name += b"-Mirrored"  # its /BaseFont says what it is
    glyphs, widths = font.face.charToGlyph, font.face.charWidths
    originals = dict(glyphs), dict(widths)
    for char, mirror in MIRRORED.items():
        if ord(char) in glyphs and ord(mirror) in glyphs:
            glyphs[ord(char)] = originals[0][ord(mirror)]
            widths[ord(char)] = originals[1].get(ord(mirror), font.face.defaultWidth)
    pdfmetrics.registerFont(font)
    return _Font(name=font.fontName, chars=frozenset(glyphs))


_LEVELS = re.compile(r"levels: \[(.*?)\],\s*paragraphs", re.S)


def _levels(text: str) -> list[int] | None:
    """The resolved embedding level of each character (odd: right to left), or None if
    python-bidi's debug output (its only way to tell them) is not as expected.
    """
    found = _LEVELS.search(get_display(text, debug=True))
    if found is None:
        return None
    per_byte = [int(level) for level in re.findall(r"Level\(\s*(\d+),?\s*\)", found.group(1))]
    if len(per_byte) != len(text.encode()):
        return None
    levels, offset = [], 0
    for char in text:
        levels.append(per_byte[offset])
        offset += len(char.encode())
    return levels


def _visual_order(levels: list[int]) -> list[int]:
    """Rule L2: logical indices in visual order, left to right."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = reversed(order[index:end])
            index = end
    return order


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


@dataclass(frozen=True)
class _Line:
    """One line of text ready to draw: font runs in visual order, left to right."""

    runs: tuple[tuple[str, str], ...]  # (font name, text)
    unit_width: float  # width at 1 pt
    logical: str | None  # the text in reading order when it differs from the runs
    # With right-to-left text: (font name, character, offset from the left at 1 pt) in
    # reading order, each glyph drawn on its own at its place.
    placed: tuple[tuple[str, str, float], ...] | None = None

    def width(self, size: float) -> float:
        return self.unit_width * size


def _font_runs(chars: list[str], chain: tuple[_Font, ...]) -> list[_Font]:
    """The font of each character: the first of the chain that has it, except that
    spaces, digits, punctuation and combining marks stay in the font of the run they are
    in when it has them.
    """
    fonts = []
    current: _Font | None = None
    for char in chars:
        code = ord(char)
        if current is None or code not in current.chars or char.isalpha():
            current = next((font for font in chain if code in font.chars), current or chain[0])
        fonts.append(current)
    return fonts


@functools.lru_cache(maxsize=4096)
def _line(text: str, bold: bool = False) -> _Line:
    """Shape, order and split ``text`` into runs of the first font that has each character,
    so "김민지 (GSEF)" is two runs, not five.
    """
    chain = font_chain("bold" if bold else "regular")
    if not any(_is_rtl(char) for char in text):
        fonts = _font_runs(list(text), chain)
        runs: list[list] = []
        for font, char in zip(fonts, text, strict=True):
            if runs and runs[-1][0] == font.name:
                runs[-1][1].append(char)
            else:
                runs.append([font.name, [char]])
        joined = tuple((name, "".join(chars)) for name, chars in runs)
        width = sum(pdfmetrics.stringWidth(part, name, 1) for name, part in joined)
        return _Line(runs=joined, unit_width=width, logical=None)
    shaped = arabic_reshaper.reshape(text)
    levels = _levels(shaped)
    if levels is None:  # python-bidi changed: its own order, brackets unmirrored
        visual = get_display(shaped)
        fonts = _font_runs(list(visual), chain)
        placed, x = [], 0.0
        for font, char in zip(fonts, visual, strict=True):
            placed.append((font.name, char, x))
            x += pdfmetrics.stringWidth(char, font.name, 1)
        return _Line(tuple((n, c) for n, c, _x in placed), x, text, None)
    order = _visual_order(levels)
    # Mirrored as drawn (rule L4), to choose fonts that have the glyph shown.
    shown = [
        MIRRORED.get(shaped[index], shaped[index]) if levels[index] % 2 else shaped[index]
        for index in order
    ]
    fonts = _font_runs(shown, chain)
    offsets: dict[int, tuple[str, float]] = {}
    runs, x = [], 0.0
    for index, char, font in zip(order, shown, fonts, strict=True):
        name = font.name
        if char != shaped[index]:
            name = _mirrored_font(font.name).name
        offsets[index] = (name, x)
        runs.append((font.name, char))
        x += pdfmetrics.stringWidth(char, font.name, 1)
    placed = tuple(
        (offsets[index][0], char, offsets[index][1]) for index, char in enumerate(shaped)
    )
    return _Line(runs=tuple(runs), unit_width=x, logical=text, placed=placed)


def _clean(text: str) -> str:
    """NFC (so "é" is one glyph, not e + a floating accent) on one line of single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _wrap(text: str, bold: bool, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is cut between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _line(candidate, bold).width(size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while _line(current, bold).width(size) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and _line(current[:cut], bold).width(size) > width:
                cut -= 1
            # An address breaks after a slash or a hyphen where it can.
            breaks = [current.rfind(mark, 0, cut) for mark in "/-"]
            cut = max(breaks) + 1 if max(breaks) > 0 else cut
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _fit(
    text: str, *, bold: bool, size: float, min_size: float, width: float, max_lines: int
) -> tuple[list[_Line], float]:
    """Lines and size for ``text``: the largest size (down to ``min_size``) at which it fits
    in ``max_lines`` lines of ``width``; at ``min_size`` the last line ends in an ellipsis.
    """
    text = _clean(text)
    one_line = _line(text, bold)
    # A single line that is a little too wide is shrunk before it is wrapped.
    if one_line.width(size) <= width or one_line.width(size * 0.8) <= width:
        size = min(size, width / one_line.unit_width) if one_line.unit_width else size
        if size >= min_size:
            return [one_line], size
    current = size
    while True:
        lines = _wrap(text, bold, current, width)
        if len(lines) <= max_lines:
            return [_line(line, bold) for line in lines], current
        if current <= min_size:
            break
        current = max(min_size, current - 1)
    kept = lines[:max_lines]
    last = kept[-1]
    while last and _line(last + "…", bold).width(current) > width:
        last = last[:-1].rstrip()
    kept[-1] = last + "…"
    return [_line(line, bold) for line in kept], current


def _draw(
    canvas: Canvas, line: _Line, x: float, y: float, size: float, *, align: str = "left"
) -> None:
    """Draw ``line`` with its baseline at ``y``; ``x`` is its left, centre or right edge."""
    width = line.width(size)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    text = canvas.beginText(x, y)
    if line.placed is None:
        for font_name, part in line.runs:
            text.setFont(font_name, size)
            text.textOut(part)
    else:
        font = None
        for font_name, char, offset in line.placed:
            if font_name != font:
                text.setFont(font_name, size)
                font = font_name
            text.setTextOrigin(x + offset * size, y)
            text.textOut(char)
    canvas.drawText(text)


@dataclass(frozen=True)
class Block:
    """Text fitted to a width: its lines, the size they are drawn at, the line spacing."""

    lines: tuple[_Line, ...]
    size: float
    leading: float

    @property
    def depth(self) -> float:
        """From the first baseline to the last."""
        return (len(self.lines) - 1) * self.size * self.leading

    @property
    def width(self) -> float:
        return max(line.width(self.size) for line in self.lines)


def text_block(
    text: str,
    size: float,
    *,
    bold: bool = False,
    width: float | None = None,
    min_size: float | None = None,
    max_lines: int = 1,
    leading: float = 1.25,
) -> Block:
    """``text`` at ``size``; with ``width``, shrunk (down to ``min_size``) and wrapped (up to
    ``max_lines``) to fit it.
    """
    if width is None:
        return Block((_line(_clean(text), bold),), size, leading)
    lines, fitted = _fit(
        text, bold=bold, size=size, min_size=min_size or size, width=width, max_lines=max_lines
    )
    return Block(tuple(lines), fitted, leading)


def draw_block(
    canvas: Canvas, block: Block, x: float, y: float, *, colour=INK, align: str = "left"
) -> float:
    """Draw ``block`` from baseline ``y`` downwards; returns the baseline of its last line."""
    canvas.setFillColor(colour)
    step = block.size * block.leading
    for index, line in enumerate(block.lines):
        _draw(canvas, line, x, y - index * step, block.size, align=align)
    return y - block.depth


def draw_text(
    canvas: Canvas, text: str, x: float, y: float, size: float, *, colour=INK, align="left", **fit
) -> float:
    """``text_block`` then ``draw_block``."""
    return draw_block(canvas, text_block(text, size, **fit), x, y, colour=colour, align=align)


def url_block(url: str, size: float, *, width: float, leading: float = 1.25) -> Block:
    """An address at ``size``, never smaller, wrapped only after a "/" so that no code is
    cut in two; a part wider than ``width`` makes the block wider rather than broken.
    """
    lines: list[str] = []
    for part in re.findall(r"[^/]*/+|[^/]+$", _clean(url).replace(" ", "")):
        # Never "https://" alone on a line.
        fits = lines and _line(lines[-1] + part).width(size) <= width
        if lines and (fits or lines[-1].endswith("//")):
            lines[-1] += part
        else:
            lines.append(part)
    return Block(tuple(_line(line) for line in lines), size, leading)
