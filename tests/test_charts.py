"""Charts: valid, accessible, escaped SVG; missing data in words; the same bytes every time."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from decimal import Decimal

import pytest

from generator.render import chart_tables, chart_values, charts
from generator.render.chart_values import Cell, ChartText
from generator.render.i18n import Lang

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(\"x\")</script> & 'Co' ]]>"
TEXT = ChartText(title=f"Tittel {HOSTILE}", x="år", y="leverandører")

# every chart with the same three kinds of input: figures, nothing, and figures only too thin
Draw = Callable[[list[Cell], Lang], str]
DRAW: dict[str, Draw] = {
    "line": lambda cells, lang: charts.line_chart([(str(2020 + i), c) for i, c in enumerate(cells)], TEXT, lang),
    "grouped": lambda cells, lang: charts.grouped_bars(
        [("Alle", cells)], [f"s{i}" for i in range(len(cells))], TEXT, lang
    ),
    "bars": lambda cells, lang: charts.bars([(f"{HOSTILE} {i}", c) for i, c in enumerate(cells)], TEXT, lang),
    "histogram": lambda cells, lang: charts.histogram([(str(i), c) for i, c in enumerate(cells)], TEXT, lang),
}
FIGURES: list[Cell] = [Decimal("0.25"), 1, Decimal("0.5")]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", DRAW)
@pytest.mark.parametrize("cells", [FIGURES, [None, None], ["too-thin", "too-thin"]])
def test_accessible_and_valid(kind: str, cells: list[Cell]) -> None:
    svg = DRAW[kind](cells, "nb")
    root = parse(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == TEXT.title  # escaped in the file, the same text when read
    assert root.get("viewBox", "").startswith("0 0 400 ") and root.get("width") == "100%"
    # nothing loaded from elsewhere: no scripts, links, fonts or images
    assert not re.search(r"<script|href=|@import|@font-face|<image|url\(", svg)


@pytest.mark.parametrize("kind", DRAW)
def test_hostile_text_is_escaped(kind: str) -> None:
    svg = DRAW[kind](FIGURES, "en")
    assert "<script" not in svg and "&lt;script&gt;" in svg
    root = parse(svg)
    if kind == "bars":  # record names are drawn as labels (wrapped, never cut)
        assert " ".join(texts(root)).count("alert") == 3


@pytest.mark.parametrize("kind", DRAW)
@pytest.mark.parametrize(
    ("cells", "nb", "en"), [([None], "Ingen data", "No data"), (["too-thin"], "For lite data", "Too little data")]
)
def test_missing_data_is_said_not_drawn(kind: str, cells: list[Cell], nb: str, en: str) -> None:
    langs: tuple[tuple[Lang, str], ...] = (("nb", nb), ("en", en))
    for lang, words in langs:
        root = parse(DRAW[kind](cells, lang))
        assert words in texts(root)
        assert not [e for e in root.iter() if e.tag in (f"{SVG}polyline", f"{SVG}circle")]
        assert all(r.get("fill") == "none" for r in root.iter(f"{SVG}rect"))  # only the dashed frame


def test_a_missing_bar_is_labelled_not_zero() -> None:
    root = parse(charts.grouped_bars([("Alle", [Decimal("0.5"), None, "too-thin"])], ["a", "b", "c"], TEXT, "nb"))
    assert len(list(root.iter(f"{SVG}rect"))) == 1
    assert {"50,0\u00a0%", "ingen data", "for lite data"} <= set(texts(root))
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None and "b: ingen data; c: for lite data" in desc.text


def test_a_gap_in_a_line_is_explained() -> None:
    root = parse(charts.line_chart([("2021", 3), ("2022", None), ("2023", 5)], TEXT, "en"))
    assert not list(root.iter(f"{SVG}polyline"))  # no line drawn across the gap
    assert len(list(root.iter(f"{SVG}circle"))) == 2
    assert "– = no data" in texts(root)


def test_description_states_every_figure() -> None:
    svg = charts.line_chart([("2022", 6), ("2023", 1234)], ChartText("T", "year", "suppliers"), "en")
    desc = parse(svg).find(f"{SVG}desc")
    assert desc is not None and desc.text == "Line chart (suppliers, year). 2022: 6; 2023: 1,234."


def test_deterministic() -> None:
    for draw in DRAW.values():
        assert draw(FIGURES, "nb") == draw(list(FIGURES), "nb")
    assert DRAW["line"](FIGURES, "nb") != DRAW["line"](FIGURES, "en")


def _contrast(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_colours_meet_wcag_aa_on_white() -> None:
    used = set()
    for draw in DRAW.values():
        for cells in (FIGURES, [None]):
            used |= set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', draw(cells, "nb")))
    used |= set(re.findall(r"#[0-9a-f]{6}", charts.grouped_bars([("A", [*FIGURES, 1])], list("abcd"), TEXT, "nb")))
    assert set(charts.PALETTE) <= used
    assert all(_contrast(c) >= 4.5 for c in used), {c: round(_contrast(c), 2) for c in used}


def test_numbers_by_language() -> None:
    assert chart_values.number(Decimal("0.0625"), "share", "nb") == "6,3\u00a0%"  # half up
    assert chart_values.number(Decimal("0.0625"), "share", "en") == "6.3%"
    assert chart_values.number(Decimal("4.5"), "days", "nb") == "4,5"
    assert chart_values.number(Decimal("850000.50"), "NOK", "en") == "NOK\u00a0850,001"
    assert chart_values.number(-1234, "count", "nb") == "-1\u00a0234"


def test_line_axis_uses_whole_steps_for_counts() -> None:
    root = parse(charts.line_chart([("2022", 1), ("2023", 3)], TEXT, "nb"))
    assert {"0", "1", "2", "3"} <= set(texts(root)) and "0,5" not in texts(root)


def test_tender_bins_and_histogram() -> None:
    bins = charts.tender_bins({1: 2, 2: 2, 3: 1, 4: 1}, last=3)
    assert bins == [("0", 0), ("1", 2), ("2", 2), ("3+", 2)]
    root = parse(charts.histogram(bins, ChartText("T", "tilbud", "avrop"), "nb"))
    assert len(list(root.iter(f"{SVG}rect"))) == 3  # the empty 0 bin has its label "0" but no bar
    assert charts.tender_bins({}) == []
    assert "Ingen data" in texts(parse(charts.histogram([], TEXT, "nb")))


def test_data_tables_escape_and_match_the_chart() -> None:
    items: list[tuple[str, Cell]] = [(HOSTILE, Decimal("0.5")), ("B", None)]
    table = chart_tables.bars_table(items, TEXT, "nb")
    root = ET.fromstring(table)  # well-formed: the page can embed it as is
    assert "<script" not in table
    cells = [["".join(c.itertext()) for c in tr] for tr in root.iter("tr")]
    assert cells == [["år", "leverandører"], [HOSTILE, "50,0\u00a0%"], ["B", "ingen data"]]
    caption = root.find("caption")
    assert caption is not None and caption.text == TEXT.title
    groups: list[tuple[str, list[Cell]]] = [("A", [Decimal("0.25"), "too-thin"]), ("B", [None, 1])]
    grouped = ET.fromstring(chart_tables.grouped_table(groups, ["a", "b"], TEXT, "en"))
    assert [["".join(c.itertext()) for c in tr] for tr in grouped.iter("tr")] == [
        ["år", "a", "b"],
        ["A", "25.0%", "too little data"],
        ["B", "no data", "100.0%"],
    ]
    # one group: a row per series
    single = ET.fromstring(chart_tables.grouped_table(groups[:1], ["a", "b"], TEXT, "en"))
    assert [["".join(c.itertext()) for c in tr] for tr in single.iter("tr")][1:] == [
        ["a", "25.0%"],
        ["b", "too little data"],
    ]
    assert "2023" in chart_tables.line_table([("2023", 5)], TEXT, "nb")
    assert "3+" in chart_tables.histogram_table(charts.tender_bins({4: 1}, 3), TEXT, "nb")
