"""The loaded dataset: each resource's rows, each row's values, text as written and place in its record file.

Also what loading adds once every file is read: the defaults that span records (an implicit category, an
award's buyer taken from its scheme).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import schemas
from generator.load.cast import cast
from generator.load.plan import places

IMPLICIT_CATEGORY = "all"


@dataclass(slots=True)
class Row:
    """One table row: typed values, the text as written, and where each came from.

    Where each value came from is kept as line numbers and list positions, not as strings:
    a national dataset has over half a million rows.
    """

    values: dict[str, Any]
    text: dict[str, str | None]
    file: str
    line: int
    spots: dict[str, tuple[str, int]] | None = None  # column -> (YAML path, line), for rows made by hand
    resource: str = ""
    lines: tuple[int, ...] = ()  # each column's line, in the resource's column order
    # the row's position in each list it comes from; <0: an absent list (-1) or one written as null (-2)
    indices: tuple[int, ...] = ()

    def spot(self, column: str) -> tuple[str, int]:
        """The YAML path and line of a column's value, e.g. ('admissions[0].categories[1]', 8)."""
        if self.spots is not None:
            return self.spots.get(column, (column, self.line))
        if not self.resource:
            return column, self.line
        position, template, chain = places(self.resource)[column]
        parts = template.split("[]")
        path = parts[0] + "".join(
            ("" if self.indices[level] < 0 else f"[{self.indices[level]}]") + part
            for level, part in zip(chain, parts[1:], strict=True)
        )
        return path, self.lines[position]


@dataclass
class Dataset:
    """Every resource's rows, in the order their files sort in, and what loading learnt besides."""

    root: Path
    tables: dict[str, list[Row]] = field(default_factory=lambda: {r: [] for r in schemas.RESOURCES})
    files: int = 0
    unread_schemes: frozenset[str] = frozenset()  # ids of scheme files that gave no scheme (problems say why)
    buyer_from_scheme: set[str] = field(default_factory=set)  # award files whose buyer is their scheme's
    # each record file's load cache key (modification time, size, mode) where the cache holds what loading it gave,
    # so its rows are what they were when the cache was written: the schema check keeps its findings by them
    file_keys: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def without_dependents(dataset: Dataset, schemes: frozenset[str]) -> Dataset:
    """The dataset without the rows that belong to or refer to these schemes: the same rows, not copies."""
    tables = {
        resource: [row for row in rows if row.values.get("scheme_id") not in schemes]
        for resource, rows in dataset.tables.items()
    }
    return Dataset(dataset.root, tables, dataset.files, dataset.unread_schemes, dataset.buyer_from_scheme)


def apply_defaults(dataset: Dataset) -> None:
    """A scheme without categories has one implicit category; an award's buyer defaults to its scheme's."""
    with_categories = {row.values["scheme_id"] for row in dataset.tables["categories"]}
    implicit = []
    for scheme in dataset.tables["schemes"]:
        if scheme.values["scheme_id"] in with_categories:
            continue
        text = {
            "scheme_id": scheme.text["scheme_id"],
            "category_id": IMPLICIT_CATEGORY,
            "title": scheme.text["title"],
            "description": None,
            "cpv": scheme.text["cpv"],
        }
        row = Row({}, text, scheme.file, scheme.line, {c: scheme.spot(c) for c in ("scheme_id", "title", "cpv")})
        row.values = {c.name: cast(c.type, text[c.name]) for c in schemas.columns("categories")}
        implicit.append(row)
    dataset.tables["categories"] += implicit
    buyers = {row.values["scheme_id"]: row for row in dataset.tables["schemes"]}
    for award in dataset.tables["awards"]:
        its_scheme = buyers.get(award.values["scheme_id"])
        if its_scheme is not None and award.text["buyer_id"] is None and award.text["buyer_name"] is None:
            for column in ("buyer_id", "buyer_name"):
                award.text[column] = its_scheme.text[column]
                award.values[column] = its_scheme.values[column]
            dataset.buyer_from_scheme.add(award.file)
