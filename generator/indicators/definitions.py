"""The indicator definitions of `generator/indicators.yaml`: read once, checked, typed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.load.yamltree import Map, Node, Scalar, Seq, parse

DEFINITIONS_FILE = Path(__file__).parent.parent / "indicators.yaml"
LANGS = ("nb", "en")
SCOPES = ("overall", "buyer", "scheme", "category")
UNITS = ("count", "share", "ratio", "days", "years", "index", "NOK")
STATUSES = ("ok", "no-data", "too-thin")

Text = dict[str, str]  # language -> text


@dataclass(frozen=True)
class Definition:
    id: str
    group: str
    unit: str
    decimals: int
    parts_decimals: int
    min_n: int
    scopes: tuple[str, ...]  # scopes with a row for the whole period
    yearly_scopes: tuple[str, ...]  # scopes with a row per year
    life_scopes: tuple[str, ...]  # scopes with a row per year of a scheme's life
    rule: str | None
    needs: tuple[str, ...]
    name: Text
    explanation: Text
    formula: Text
    caveats: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Definitions:
    indicators: dict[str, Definition]
    units: dict[str, Text]
    statuses: dict[str, Text]
    scopes: dict[str, Text]
    general: dict[str, tuple[str, ...]]


def _plain(node: Node) -> Any:
    """The tree as plain Python: text, lists and dicts (no implicit typing)."""
    if isinstance(node, Scalar):
        return node.text
    if isinstance(node, Seq):
        return [_plain(i) for i in node.items]
    assert isinstance(node, Map)
    return {k: _plain(v) for k, v in node.items.items()}


def _text(value: Any, where: str) -> Text:
    if not (isinstance(value, dict) and set(value) == set(LANGS) and all(isinstance(v, str) for v in value.values())):
        raise ValueError(f"{DEFINITIONS_FILE.name}: {where} needs text in exactly {LANGS}")
    return dict(value)


def _texts(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    ok = isinstance(value, dict) and set(value) == set(LANGS) and all(isinstance(v, list) for v in value.values())
    if not ok or len({len(v) for v in value.values()}) != 1:
        raise ValueError(f"{DEFINITIONS_FILE.name}: {where} needs lists of equal length in {LANGS}")
    return {lang: tuple(value[lang]) for lang in LANGS}


def _definition(raw: dict[str, Any]) -> Definition:
    where = f"indicator {raw.get('id')!r}"
    scopes, yearly_scopes = tuple(raw["scopes"]), tuple(raw["yearly_scopes"])
    life_scopes = tuple(raw.get("life_scopes", ()))
    if raw["unit"] not in UNITS or not set(scopes + yearly_scopes + life_scopes) <= set(SCOPES):
        raise ValueError(f"{DEFINITIONS_FILE.name}: {where} has an unknown unit or scope")
    return Definition(
        id=raw["id"],
        group=raw["group"],
        unit=raw["unit"],
        decimals=int(raw["decimals"]),
        parts_decimals=int(raw["parts_decimals"]),
        min_n=int(raw["min_n"]),
        scopes=scopes,
        yearly_scopes=yearly_scopes,
        life_scopes=life_scopes,
        rule=raw.get("rule"),
        needs=tuple(raw["needs"]),
        name=_text(raw["name"], f"{where} name"),
        explanation=_text(raw["explanation"], f"{where} explanation"),
        formula=_text(raw["formula"], f"{where} formula"),
        caveats=_texts(raw["caveats"], f"{where} caveats"),
    )


@cache
def definitions() -> Definitions:
    """Every indicator definition, in the file's order.

    >>> definitions().indicators["hhi"].unit, definitions().indicators["hhi"].name["en"]
    ('index', 'Concentration of value (HHI)')
    """
    tree, problems = parse(DEFINITIONS_FILE.read_text(encoding="utf-8"), DEFINITIONS_FILE.name)
    if tree is None or problems:
        raise ValueError(f"{DEFINITIONS_FILE.name}: {[p.message for p in problems]}")
    raw = _plain(tree)
    indicators = [_definition(item) for item in raw["indicators"]]
    by_id = {d.id: d for d in indicators}
    if len(by_id) != len(indicators):
        raise ValueError(f"{DEFINITIONS_FILE.name}: an indicator id appears twice")
    return Definitions(
        indicators=by_id,
        units={k: _text(v, f"unit {k}") for k, v in raw["units"].items()},
        statuses={k: _text(v, f"status {k}") for k, v in raw["statuses"].items()},
        scopes={k: _text(v, f"scope {k}") for k, v in raw["scopes"].items()},
        general=_texts(raw["general"], "general"),
    )
