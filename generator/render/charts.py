"""Charts drawn at build time: pure functions from figures to accessible SVG text, plus their data tables.

Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` that states every figure in words,
scales by its viewBox (400 units wide: legible on a 375 px phone), uses only system fonts and colours
with at least 4.5:1 contrast on white, and escapes all text. A missing figure is drawn as the words
"no data" or "too little data", never as a zero bar. The same input gives the same bytes.

The figures and their text are in `chart_values`; each chart's data table, its text alternative, in `chart_tables`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from generator.render.chart_values import Cell, ChartText, cell_text, missing_word, number, present
from generator.render.i18n import Lang, word

WIDTH = 400
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
TEXT = "#1a1a1a"  # 17.4:1 on white
AXIS = "#595959"  # 7.0:1
GRID = "#767676"  # 4.5:1
PALETTE = ("#1f5f9e", "#a4480e", "#2b7a3d", "#6b3fa0")  # 6.6, 6.0, 5.3, 7.4:1
CHAR = 7.2  # average width of a character at 13 px, for wrapping and spacing labels

# --- SVG pieces ------------------------------------------------------------------------------------------


def _ident(kind: str, *parts: object) -> str:
    return f"chart-{kind}-" + hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:10]


def _svg(ident: str, height: float, text: ChartText, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" width="100%" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-family="{escape(FONT)}" '
        f'font-size="13" fill="{TEXT}" class="dps-chart">'
    )
    meta = [f'<title id="{ident}-title">{escape(text.title)}</title>', f'<desc id="{ident}-desc">{escape(desc)}</desc>']
    return "\n".join([head, *meta, *body, "</svg>"]) + "\n"


def _n(x: float) -> str:
    """Coordinates with at most one decimal, so output is stable across platforms."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _label(x: float, y: float, content: str, anchor: str = "start", bold: bool = False, colour: str = TEXT) -> str:
    weight = ' font-weight="bold"' if bold else ""
    fill = f' fill="{colour}"' if colour != TEXT else ""
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{weight}{fill}>{escape(content)}</text>'


def _inside(x: float, content: str) -> float:
    """The centre of a label moved just enough to keep it within the chart."""
    half = len(content) * CHAR / 2 + 2
    return min(max(x, half), WIDTH - half)


def _wrap(content: str, width: float) -> list[str]:
    """Words into lines that fit `width`; a word longer than a line is split, never cut off.

    >>> _wrap("Brattli Renhold og Vedlikehold AS", 120)
    ['Brattli Renhold', 'og Vedlikehold', 'AS']
    """
    limit = max(8, int(width / CHAR))
    lines: list[str] = []
    for piece in content.split():
        while len(piece) > limit:
            lines.append(piece[:limit])
            piece = piece[limit:]
        if lines and len(lines[-1]) + 1 + len(piece) <= limit:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines or [""]


def _empty(kind: str, text: ChartText, lang: Lang, what: str) -> str:
    ident = _ident(kind, text, what)
    message = f"{word(what, lang)[0].upper()}{word(what, lang)[1:]}"
    body = [
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="79" fill="none" stroke="{GRID}" stroke-dasharray="4 3"/>',
        _label(WIDTH / 2, 45, message, "middle"),
    ]
    return _svg(ident, 80, text, f"{word('chart_' + kind, lang)}. {message}.", body)


def _desc(kind: str, text: ChartText, items: Sequence[tuple[str, str]], lang: Lang) -> str:
    axes = ", ".join(p for p in (text.y, text.x) if p)
    listed = "; ".join(f"{label}: {value}" for label, value in items)
    return f"{word('chart_' + kind, lang)}{' (' + axes + ')' if axes else ''}. {listed}."


def _tidy(x: Decimal) -> Decimal:
    """Without trailing zeros and never in exponent form: 0.10 -> 0.1, 40 -> 40."""
    return x.quantize(Decimal(1)) if x == x.to_integral_value() else x.normalize()


def _nice_max(top: Decimal, whole: bool) -> tuple[Decimal, Decimal]:
    """A round upper bound and step for an axis, with at most 5 steps (whole steps for counts).

    >>> _nice_max(Decimal(37), True), _nice_max(Decimal(3), True), _nice_max(Decimal("0.43"), False)
    ((Decimal('40'), Decimal('10')), (Decimal('3'), Decimal('1')), (Decimal('0.5'), Decimal('0.1')))
    """
    if top <= 0:
        return Decimal(1), Decimal(1)
    power = Decimal(10) ** (top.adjusted() - 1)
    for factor in (1, 2, 5, 10, 20, 50):
        step = max(power * factor, Decimal(1)) if whole else power * factor
        if top / step <= 5:
            return _tidy(step * math.ceil(top / step)), _tidy(step)
    raise AssertionError("unreachable: factor 50 of a tenth of the magnitude always fits")


# --- charts ----------------------------------------------------------------------------------------------


def line_chart(points: Sequence[tuple[str, Cell]], text: ChartText, lang: Lang, unit: str = "count") -> str:
    """A line over time, e.g. suppliers admitted at each year end; gaps where data is missing.

    >>> svg = line_chart([("2022", 6), ("2023", 5)], ChartText("Admitted", "year", "suppliers"), "en")
    >>> "<title" in svg and "2022: 6; 2023: 5." in svg
    True
    """
    cells = [c for _, c in points]
    if not any(present(c) for c in cells):
        return _empty("line", text, lang, missing_word(cells))
    values = [Decimal(c) for c in cells if present(c)]
    high, step = (Decimal(1), Decimal("0.2")) if unit == "share" else _nice_max(max(values), unit == "count")
    ticks = [step * i for i in range(int(high / step) + 1)]
    tick_labels = [number(t, unit, lang) for t in ticks]
    height, right, top, bottom = 250.0, 16.0, 40.0, 40.0  # room above the top tick for its point's label
    left = 14 + CHAR * max(len(t) for t in tick_labels)
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    body = [_label(8, 14, text.y, colour=AXIS)] if text.y else []
    for tick, tick_label in zip(ticks, tick_labels, strict=True):
        y = top + plot_h - float(tick / high) * plot_h
        body.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(WIDTH - right)}" y2="{_n(y)}" stroke="{GRID}" '
            f'stroke-width="0.5"/>'
        )
        body.append(_label(left - 6, y + 4, tick_label, "end", colour=AXIS))
    gap = plot_w / max(len(points), 1)
    every = max(1, math.ceil(max(len(x) for x, _ in points) * CHAR * 1.3 / gap))
    xy: list[tuple[float, float] | None] = []
    for i, (x_label, cell) in enumerate(points):
        x = left + gap * (i + 0.5)
        if i % every == 0 or i == len(points) - 1:
            body.append(_label(x, height - bottom + 18, x_label, "middle", colour=AXIS))
        if present(cell):
            y = top + plot_h - float(Decimal(cell) / high) * plot_h
            xy.append((x, y))
        else:
            xy.append(None)
            body.append(_label(x, top + plot_h - 6, "–", "middle", colour=AXIS))
    run: list[tuple[float, float]] = []
    for spot in [*xy, None]:
        if spot is not None:
            run.append(spot)
            continue
        if len(run) > 1:
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
            body.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>')
        run = []
    for (_, cell), spot in zip(points, xy, strict=True):
        if spot is not None:
            body.append(f'<circle cx="{_n(spot[0])}" cy="{_n(spot[1])}" r="3.5" fill="{PALETTE[0]}"/>')
            if len(points) <= 8:
                shown = cell_text(cell, unit, lang)
                body.append(_label(_inside(spot[0], shown), spot[1] - 8, shown, "middle"))
    if text.x:
        body.append(_label(WIDTH / 2, height - 4, text.x, "middle", colour=AXIS))
    missing = sorted({"too-thin" if c == "too-thin" else "no-data" for c in cells if not present(c)})
    if missing:
        height += 18
        body.append(_label(8, height - 6, "– = " + ", ".join(word(m, lang) for m in missing), colour=AXIS))
    items = [(x, cell_text(c, unit, lang)) for x, c in points]
    return _svg(_ident("line", points, text, lang, unit), height, text, _desc("line", text, items, lang), body)


Bar = tuple[str, Cell, str]  # label, value, colour
Line = tuple[str, str] | Bar  # ("header", text) or a bar


def _hbars(kind: str, lines: Sequence[Line], text: ChartText, lang: Lang, unit: str, desc: str) -> str:
    """Horizontal bars, each with its label above it (wrapped, never cut) and its figure after it."""
    left, right, value_room = 8.0, 8.0, 92.0
    plot_w = WIDTH - left - right - value_room
    drawn = [Decimal(b[1]) for b in lines if len(b) == 3 and present(b[1])]
    high = Decimal(1) if unit == "share" else max([*drawn, Decimal(0)]) or Decimal(1)
    body: list[str] = []
    y = 8.0
    for line in lines:
        if len(line) == 2:
            y += 8 if y > 8 else 0
            for part in _wrap(line[1], WIDTH - left - right):
                y += 17
                body.append(_label(left, y, part, bold=True))
            continue
        label, cell, colour = line
        for part in _wrap(label, WIDTH - left - right):
            y += 16
            body.append(_label(left, y, part))
        y += 5
        if present(cell):
            width = min(max(float(Decimal(cell) / high) * plot_w, 1.0), plot_w)  # a share over 1 stays inside
            body.append(f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(width)}" height="14" fill="{colour}"/>')
            body.append(_label(left + width + 6, y + 11.5, cell_text(cell, unit, lang)))
        else:
            body.append(_label(left, y + 11.5, cell_text(cell, unit, lang), colour=AXIS))
        y += 20
    return _svg(_ident(kind, lines, text, lang, unit), y + 8, text, desc, body)


def grouped_bars(
    groups: Sequence[tuple[str, Sequence[Cell]]],
    series: Sequence[str],
    text: ChartText,
    lang: Lang,
    unit: str = "share",
) -> str:
    """Side-by-side bars per group, e.g. SME share of admitted suppliers, tenders, awards and value.

    `groups` are (group label, one cell per series); a single group draws no group header.
    """
    cells = [c for _, row in groups for c in row]
    if not any(present(c) for c in cells):
        return _empty("bars", text, lang, missing_word(cells))
    lines: list[Line] = []
    items: list[tuple[str, str]] = []
    for group, row in groups:
        if len(groups) > 1:
            lines.append(("header", group))
        for i, (name, cell) in enumerate(zip(series, row, strict=True)):
            lines.append((name, cell, PALETTE[i % len(PALETTE)]))
            items.append((f"{group} – {name}" if len(groups) > 1 else name, cell_text(cell, unit, lang)))
    return _hbars("grouped", lines, text, lang, unit, _desc("bars", text, items, lang))


def bars(items: Sequence[tuple[str, Cell]], text: ChartText, lang: Lang, unit: str = "share") -> str:
    """One bar per item, largest first as given, e.g. the top suppliers' shares of the value awarded."""
    cells = [c for _, c in items]
    if not any(present(c) for c in cells):
        return _empty("bars", text, lang, missing_word(cells))
    lines: list[Line] = [(label, cell, PALETTE[0]) for label, cell in items]
    desc = _desc("bars", text, [(label, cell_text(c, unit, lang)) for label, c in items], lang)
    return _hbars("bars", lines, text, lang, unit, desc)


def tender_bins(counts: dict[int, int], last: int = 10) -> list[tuple[str, Cell]]:
    """Call-offs by number of tenders as bins 0, 1, …, last-1 and 'last+'; empty when there are none.

    >>> tender_bins({1: 4, 3: 1, 12: 2}, last=4)
    [('0', 0), ('1', 4), ('2', 0), ('3', 1), ('4+', 2)]
    """
    if not counts:
        return []
    bins: list[tuple[str, Cell]] = [(str(k), counts.get(k, 0)) for k in range(last)]
    return [*bins, (f"{last}+", sum(v for k, v in counts.items() if k >= last))]


def histogram(bins: Sequence[tuple[str, Cell]], text: ChartText, lang: Lang) -> str:
    """Columns for a distribution, e.g. call-offs by number of tenders received (see tender_bins)."""
    cells = [c for _, c in bins]
    if not any(present(c) and c for c in cells):
        return _empty("histogram", text, lang, missing_word(cells))
    height, left, right, top, bottom = 220.0, 8.0, 8.0, 34.0, 40.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    high = max(Decimal(c) for c in cells if present(c)) or Decimal(1)
    gap = plot_w / len(bins)
    body = [_label(left, 16, text.y, colour=AXIS)] if text.y else []
    body.append(
        f'<line x1="{_n(left)}" y1="{_n(top + plot_h)}" x2="{_n(WIDTH - right)}" y2="{_n(top + plot_h)}" '
        f'stroke="{AXIS}"/>'
    )
    for i, (label, cell) in enumerate(bins):
        x = left + gap * i
        body.append(_label(x + gap / 2, top + plot_h + 16, label, "middle", colour=AXIS))
        if not present(cell):
            body.append(_label(x + gap / 2, top + plot_h - 6, "–", "middle", colour=AXIS))
            continue
        h = float(Decimal(cell) / high) * plot_h
        if h > 0:
            body.append(
                f'<rect x="{_n(x + 2)}" y="{_n(top + plot_h - h)}" width="{_n(gap - 4)}" height="{_n(h)}" '
                f'fill="{PALETTE[0]}"/>'
            )
        body.append(_label(x + gap / 2, top + plot_h - h - 5, cell_text(cell, "count", lang), "middle"))
    if text.x:
        body.append(_label(WIDTH / 2, height - 4, text.x, "middle", colour=AXIS))
    items = [(label, cell_text(c, "count", lang)) for label, c in bins]
    return _svg(_ident("histogram", bins, text, lang), height, text, _desc("histogram", text, items, lang), body)
