"""Inline SVG charts drawn by hand: vertical bars (grouped, or stacked with negatives below zero),
horizontal bars, lines and a heatmap. Each returns Markup holding one <svg> that scales to its box;
every mark carries a <title>, so hovering shows the exact value. No scripts, no external files, and
no xmlns attribute: inline SVG in HTML needs none, and the report holds no URL at all."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

Format = Callable[[float], str]

FONT = "font-family='system-ui, sans-serif' font-size='11'"
AXIS_COLOUR = "#8a8f98"
GRID_COLOUR = "#e6e8eb"


@dataclass(frozen=True)
class Series:
    """One named run of values (None = no value) drawn in one colour."""

    name: str
    values: Sequence[float | None]
    colour: str


@dataclass(frozen=True)
class ReferenceLine:
    """A dashed horizontal line at a value, e.g. a target."""

    value: float
    label: str
    colour: str = "#444"


@dataclass(frozen=True)
class Frame:
    """The plot area inside the chart and its y scale."""

    width: int
    height: int
    left: int
    top: int
    right: int
    bottom: int
    y_low: float
    y_high: float

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    def y(self, value: float) -> float:
        share = (value - self.y_low) / ((self.y_high - self.y_low) or 1)
        return self.top + self.plot_height * (1 - share)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    raw_step = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 10) for t in ticks]


def _text(x: float, y: float, label: str, anchor: str = "middle", extra: str = "") -> str:
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' fill='#333' {FONT} {extra}>"
        f"{escape(label)}</text>"
    )


def _svg(width: int, height: int, label: str, body: list[str]) -> Markup:
    return Markup(
        f"<svg viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}' role='img' aria-label='{escape(label)}' "
        f"class='chart'>{''.join(body)}</svg>"
    )


def _frame(
    values: list[float],
    refs: Sequence[ReferenceLine],
    width: int,
    height: int,
    *,
    include_zero: bool,
    left: int = 58,
) -> tuple[Frame, list[float]]:
    marks = values + [ref.value for ref in refs] + ([0.0] if include_zero else [])
    ticks = nice_ticks(min(marks, default=0.0), max(marks, default=1.0))
    frame = Frame(width, height, left, 14, 10, 46, ticks[0], ticks[-1])
    return frame, ticks


def _y_axis(frame: Frame, ticks: list[float], fmt: Format) -> list[str]:
    parts = []
    for tick in ticks:
        y = frame.y(tick)
        parts.append(
            f"<line x1='{frame.left}' x2='{frame.width - frame.right}' y1='{y:.1f}' y2='{y:.1f}' "
            f"stroke='{AXIS_COLOUR if tick == 0 else GRID_COLOUR}'/>"
        )
        parts.append(_text(frame.left - 6, y + 4, fmt(tick), anchor="end"))
    return parts


def _x_labels(frame: Frame, categories: Sequence[str]) -> list[str]:
    slot = frame.plot_width / max(len(categories), 1)
    every = max(1, math.ceil(28 / slot)) if len(categories) > 12 else 1
    y = frame.height - frame.bottom + 14
    return [
        _text(frame.left + slot * (i + 0.5), y, label)
        for i, label in enumerate(categories)
        if i % every == 0 or i == len(categories) - 1
    ]


def _legend(frame: Frame, series: Sequence[Series], refs: Sequence[ReferenceLine]) -> list[str]:
    parts, x = [], float(frame.left)
    y = frame.height - 12
    entries = [(s.name, s.colour, "") for s in series]
    entries += [(r.label, r.colour, " stroke-dasharray='4 3'") for r in refs]
    for name, colour, dash in entries:
        parts.append(
            f"<line x1='{x:.1f}' x2='{x + 14:.1f}' y1='{y - 4}' y2='{y - 4}' stroke='{colour}' "
            f"stroke-width='4'{dash}/>"
        )
        parts.append(_text(x + 18, y, name, anchor="start"))
        x += 30 + 6.2 * len(name)
    return parts


def _reference_lines(frame: Frame, refs: Sequence[ReferenceLine]) -> list[str]:
    return [
        f"<line x1='{frame.left}' x2='{frame.width - frame.right}' y1='{frame.y(r.value):.1f}' "
        f"y2='{frame.y(r.value):.1f}' stroke='{r.colour}' stroke-width='1.5' "
        f"stroke-dasharray='4 3'><title>{escape(r.label)}</title></line>"
        for r in refs
    ]


def _present(series: Sequence[Series]) -> list[float]:
    return [v for s in series for v in s.values if v is not None]


def _stack_extent(series: Sequence[Series]) -> list[float]:
    columns = list(zip(*(s.values for s in series), strict=False))
    highs = [sum(v for v in col if v is not None and v > 0) for col in columns]
    lows = [sum(v for v in col if v is not None and v < 0) for col in columns]
    return highs + lows


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    fmt: Format,
    label: str,
    stacked: bool = False,
    refs: Sequence[ReferenceLine] = (),
    width: int = 640,
    height: int = 260,
) -> Markup:
    """Vertical bars per category: side by side, or stacked (positives up, negatives down)."""
    extent = _stack_extent(series) if stacked else _present(series)
    frame, ticks = _frame(extent, refs, width, height, include_zero=True)
    slot = frame.plot_width / max(len(categories), 1)
    bar = slot * 0.72 / (1 if stacked else max(len(series), 1))
    body = _y_axis(frame, ticks, fmt)
    for i, category in enumerate(categories):
        up = down = 0.0
        for j, s in enumerate(series):
            value = s.values[i]
            if value is None:
                continue
            if stacked:
                base = up if value >= 0 else down
                top, bottom = frame.y(base + value), frame.y(base)
                up, down = (up + value, down) if value >= 0 else (up, down + value)
                x = frame.left + slot * i + slot * 0.14
            else:
                top, bottom = frame.y(max(value, 0)), frame.y(min(value, 0))
                x = frame.left + slot * i + slot * 0.14 + bar * j
            body.append(
                f"<rect x='{x:.1f}' y='{min(top, bottom):.1f}' width='{bar:.1f}' "
                f"height='{abs(bottom - top):.1f}' fill='{s.colour}'>"
                f"<title>{escape(f'{category} {s.name}: {fmt(value)}')}</title></rect>"
            )
    body += _reference_lines(frame, refs) + _x_labels(frame, categories)
    if len(series) > 1 or refs:
        body += _legend(frame, series, refs)
    return _svg(width, height, label, body)


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    fmt: Format,
    label: str,
    refs: Sequence[ReferenceLine] = (),
    width: int = 640,
    height: int = 260,
    emphasise: str | None = None,
) -> Markup:
    """One line per series over the categories; gaps where a value is None."""
    frame, ticks = _frame(_present(series), refs, width, height, include_zero=False)
    slot = frame.plot_width / max(len(categories), 1)
    body = _y_axis(frame, ticks, fmt) + _reference_lines(frame, refs)
    for s in series:
        stroke = 3 if s.name == emphasise else 1.8
        points = [
            (frame.left + slot * (i + 0.5), frame.y(v), categories[i], v)
            for i, v in enumerate(s.values)
            if v is not None
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
        body.append(
            f"<polyline points='{path}' fill='none' stroke='{s.colour}' stroke-width='{stroke}'/>"
        )
        body += [
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='2.6' fill='{s.colour}'>"
            f"<title>{escape(f'{category} {s.name}: {fmt(v)}')}</title></circle>"
            for x, y, category, v in points
        ]
    body += _x_labels(frame, categories) + _legend(frame, series, refs)
    return _svg(width, height, label, body)


def hbar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    colours: Sequence[str],
    *,
    fmt: Format,
    label: str,
    width: int = 640,
    row_height: int = 20,
    label_width: int = 230,
) -> Markup:
    """One horizontal bar per label, the value printed at its end."""
    height = row_height * len(labels) + 8
    scale = (width - label_width - 70) / (max(values, default=0) or 1)
    body = []
    for i, (name, value, colour) in enumerate(zip(labels, values, colours, strict=False)):
        y = 4 + i * row_height
        length = max(value * scale, 1)
        body.append(_text(label_width - 8, y + row_height * 0.7, name, anchor="end"))
        body.append(
            f"<rect x='{label_width}' y='{y + 3}' width='{length:.1f}' height='{row_height - 6}' "
            f"fill='{colour}'><title>{escape(f'{name}: {fmt(value)}')}</title></rect>"
        )
        body.append(_text(label_width + length + 5, y + row_height * 0.7, fmt(value), "start"))
    return _svg(width, height, label, body)


def _blend(low: str, high: str, share: float) -> str:
    share = min(max(share, 0.0), 1.0)
    channels = (
        round(
            int(low[k : k + 2], 16) + (int(high[k : k + 2], 16) - int(low[k : k + 2], 16)) * share
        )
        for k in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def heatmap(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    fmt: Format,
    label: str,
    domain: tuple[float, float] = (0.0, 1.0),
    colours: tuple[str, str] = ("#fdf1e5", "#1f5f99"),
    cell: int = 25,
    row_label_width: int = 62,
) -> Markup:
    """A grid of coloured cells; a None cell stays blank (white with a thin border)."""
    width = row_label_width + cell * len(column_labels) + 4
    height = 18 + cell * len(row_labels) + 4
    body = [
        _text(row_label_width + cell * (j + 0.5), 13, name) for j, name in enumerate(column_labels)
    ]
    low, high = domain
    for i, (row_name, row) in enumerate(zip(row_labels, values, strict=False)):
        y = 18 + i * cell
        body.append(_text(row_label_width - 6, y + cell * 0.65, row_name, anchor="end"))
        for j, value in enumerate(row):
            x = row_label_width + j * cell
            if value is None:
                continue
            share = (value - low) / ((high - low) or 1)
            ink = "#fff" if share > 0.55 else "#222"
            body.append(
                f"<rect x='{x}' y='{y}' width='{cell - 1}' height='{cell - 1}' "
                f"fill='{_blend(*colours, share)}'>"
                f"<title>{escape(f'{row_name} +{column_labels[j]}: {fmt(value)}')}</title></rect>"
                f"<text x='{x + (cell - 1) / 2:.1f}' y='{y + cell * 0.62:.1f}' "
                "text-anchor='middle' "
                f"fill='{ink}' font-family='system-ui, sans-serif' font-size='9'>"
                f"{escape(fmt(value))}</text>"
            )
    return _svg(width, height, label, body)
