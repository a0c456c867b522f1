"""Small server-rendered SVG charts for the admin reports: no JavaScript, readable by all.

Each function returns the geometry a template draws (``courses/reports/_chart_*.html``):
an ``<svg role="img">`` with a ``<title>`` and ``<desc>``, text labels on every bar, and
the same figures as a table for screen readers and for copying.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

_ids = itertools.count(1)

LABEL_WIDTH = 220
BAR_AREA = 360
ROW_HEIGHT = 26
COLUMN_AREA_HEIGHT = 160


@dataclass
class Bar:
    """One bar; coordinates in whole pixels, so templates print them as they are."""

    label: str
    value: float
    text: str
    x: int = 0
    y: int = 0
    width: int = 0
    height: int = 0
    series: int = 0


@dataclass
class Chart:
    kind: str
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    headings: list[str]
    table: list[list[str]]
    legend: list[str] = field(default_factory=list)
    axis: list[dict] = field(default_factory=list)
    chart_id: str = field(default_factory=lambda: f"chart-{next(_ids)}")


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def horizontal_bars(
    *,
    title: str,
    description: str,
    rows: list[tuple[str, float, str]],
    headings: list[str],
    table: list[list[str]] | None = None,
    maximum: float | None = None,
) -> Chart:
    """One bar per (label, value, text shown at the end of the bar)."""
    top = maximum or max((value for _label, value, _text in rows), default=0) or 1
    bars = []
    for index, (label, value, text) in enumerate(rows):
        bars.append(
            Bar(
                label=_short(label),
                value=value,
                text=text,
                x=LABEL_WIDTH,
                y=index * ROW_HEIGHT + 4,
                width=max(0, round(BAR_AREA * value / top)),
                height=ROW_HEIGHT - 8,
            )
        )
    return Chart(
        kind="bars",
        title=title,
        description=description,
        width=LABEL_WIDTH + BAR_AREA + 80,
        height=max(ROW_HEIGHT, len(rows) * ROW_HEIGHT),
        bars=bars,
        headings=headings,
        table=table or [[label, text] for label, _value, text in rows],
    )


def grouped_columns(
    *,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    headings: list[str],
) -> Chart:
    """Columns side by side for each category (e.g. enrolments and completions per week)."""
    top = max((value for _name, values in series for value in values), default=0) or 1
    group_width = 48
    column_width = (group_width - 8) / max(1, len(series))
    bars = []
    for index, category in enumerate(categories):
        for number, (_name, values) in enumerate(series):
            value = values[index]
            height = round(COLUMN_AREA_HEIGHT * value / top)
            bars.append(
                Bar(
                    label=category,
                    value=value,
                    text=str(value),
                    x=round(40 + index * group_width + number * column_width),
                    y=20 + COLUMN_AREA_HEIGHT - height,
                    width=round(column_width - 2),
                    height=height,
                    series=number,
                )
            )
    axis = [
        {"label": category, "x": round(40 + index * group_width + group_width / 2 - 4)}
        for index, category in enumerate(categories)
    ]
    table = [
        [category, *[str(values[index]) for _name, values in series]]
        for index, category in enumerate(categories)
    ]
    return Chart(
        kind="columns",
        title=title,
        description=description,
        width=40 + len(categories) * group_width + 20,
        height=20 + COLUMN_AREA_HEIGHT + 40,
        bars=bars,
        headings=headings,
        table=table,
        legend=[name for name, _values in series],
        axis=axis,
    )
