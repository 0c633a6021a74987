"""Rows: one record's tree becomes the rows of each resource its record type fills, by the resource's plan.

A row is made as plain tuples of the text as written (`RowData`: cheap to send from a worker or to keep in the
cache), then as a `Row` whose values are cast from that text and whose dicts share what many rows hold
alike: a national dataset holds over a million rows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import cache as memoized
from operator import itemgetter
from typing import Any

from generator.load.cast import cast
from generator.load.dataset import Row
from generator.load.nodes import Map, Node, Scalar, Seq
from generator.load.plan import column_names, column_types, plan, steps

# One row as plain tuples, in the resource's column order: the text as written, the row's line, each column's
# line, and its position in each list it comes from. Cheap to send between processes and to keep in the cache.
# No values: a value is its text cast by its column's type, which the loading process does once per distinct
# text (`Shared`) rather than once per cell in each worker; and unpacking a date costs more than looking it up.
# The text of a date or number is interned, and read.pack keeps it so (marshal): the loading process gets one
# object for each distinct text, a few thousand for the million dates of a national dataset.
RowData = tuple[tuple[str | None, ...], int, tuple[int, ...], tuple[int, ...]]

# A row's position in a list that is absent (the row holds the list's default) or written as null (unknown)
ABSENT_LIST = -1
NULL_LIST = -2


class _Casts(dict[str | None, Any]):
    """Each text of a type met so far, and its value: cast when first looked up."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def __missing__(self, text: str | None) -> Any:
        value = self[text] = cast(self.kind, text)
        return value


class Shared:
    """Makes the rows of a dataset as it loads, holding once what many rows hold alike: each date or number
    (equal texts of a type share one value, cast once; their texts come interned, see RowData), and each tuple
    of lines or list positions (records written alike have the same).
    """

    def __init__(self) -> None:
        self.layouts: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.values: dict[str, _Casts] = {}  # by type
        self.columns: dict[str, _Columns] = {}

    def rows(self, resource: str, data: Iterable[RowData], file: str) -> list[Row]:
        """The rows of `resource` at `file` from their plain tuples.

        Each step fills a row's dict whole by one C-level call, not one Python step per column (over half a
        million rows, the steps per cell were most of the time of loading from the cache): the texts, then
        the values as a copy of them with the typed columns' values over it.
        """
        names, typed_names, pick, casts, holder = self.columns.get(resource) or self._columns(resource)
        layouts = self.layouts
        made = []
        for texts, line, lines, indices in data:
            # the attribute dict of a class's instance, filled in column order: it shares one table of keys with
            # every row's of the resource (see _holder), and so does a copy of it. zip() without strict=: the
            # keyword costs a parse on every call (texts and names have the same length, as RowData says)
            text: dict[str, str | None] = holder().__dict__
            text.update(zip(names, texts))  # noqa: B905
            values: dict[str, Any] = text.copy()  # a text column's value is its text...
            if typed_names:  # keys the dict holds already: its order, and so its table of keys, stays
                values.update(zip(typed_names, map(dict.__getitem__, casts, pick(texts))))  # noqa: B905
            if "" in texts:  # ...or None when written empty, as cast() has it
                values.update((name, None) for name, written in zip(names, texts, strict=True) if written == "")
            lines = layouts.setdefault(lines, lines)
            indices = layouts.setdefault(indices, indices)
            made.append(Row(values, text, file, line, None, resource, lines, indices))
        return made

    def _columns(self, resource: str) -> _Columns:
        """The resource's column names, its typed columns' names, how to pick their texts from a row's and the
        casts of their types, and the class of its rows' dicts."""
        names, kinds = column_names(resource), column_types(resource)
        positions = [i for i, kind in enumerate(kinds) if kind != "string"]
        # itemgetter gives a tuple for two positions or more, the item itself for one
        pick = itemgetter(*positions) if len(positions) > 1 else (lambda texts: tuple(texts[i] for i in positions))
        columns = self.columns[resource] = (
            names,
            tuple(names[i] for i in positions),
            pick,
            tuple(self.values.setdefault(kinds[i], _Casts(kinds[i])) for i in positions),
            _holder(resource),
        )
        return columns


_Columns = tuple[
    tuple[str, ...],
    tuple[str, ...],
    Callable[[tuple[str | None, ...]], tuple[str | None, ...]],
    tuple[_Casts, ...],
    type,
]


@memoized
def _holder(resource: str) -> type:
    """A class whose instances' attribute dicts hold one resource's columns, in its column order.

    The attribute dicts of one class's instances share a single table of keys when filled in the same order
    (CPython's key-sharing dicts, PEP 412), and so does a copy of one: each holds only its values. With a
    million dicts of 3 to 21 columns that saves about a third of the dataset's memory. They are ordinary
    dicts in every other way.
    """
    return type(f"_{resource}_columns", (), {})


def row_data(tree: Map, resource: str) -> list[RowData]:
    """One record's rows of one resource, as plain tuples."""
    levels = plan(resource)[0]
    # a binding: the item at each list level so far, and its position in its list
    bindings: list[tuple[tuple[Node, ...], tuple[int, ...]]] = [((), ())]
    for level in levels:
        expanded = []
        for nodes, indices in bindings:
            anchor = nodes[level.parent] if level.parent >= 0 else tree
            seq = _resolve(anchor, level.keys)
            if isinstance(seq, Seq) and seq.items:
                # an entry of the wrong shape is a shape problem already, not a row of absent values
                expanded += [
                    ((*nodes, item), (*indices, i)) for i, item in enumerate(seq.items) if isinstance(item, level.items)
                ]
            elif level.default and type(seq) is Scalar and seq.text is None:
                # written as null: one row whose value is unknown, not the default an absent list stands for
                expanded.append(((*nodes, seq), (*indices, NULL_LIST)))
            elif level.default:
                expanded.append(((*nodes, Scalar(None, _line_of(anchor, tree))), (*indices, ABSENT_LIST)))
        bindings = expanded
        if not bindings:  # an empty or absent list: no rows, and nothing nested inside it
            break
    rows = []
    columns = steps(resource)
    for nodes, indices in bindings:
        texts = []
        lines = []
        for depth, keys, default, typed in columns:
            anchor = nodes[depth] if depth >= 0 else tree
            node: Node | None = anchor
            for key in keys:
                node = node.items.get(key) if type(node) is Map else None
            lines.append(anchor.line if node is None else node.line)
            text = node.text if type(node) is Scalar else None
            # the default stands for an absent field or list; a field or list written as null is unknown
            if text is None and (node is None if keys else indices[depth] == ABSENT_LIST):
                text = default
            texts.append(sys.intern(text) if typed and text is not None else text)
        line = _line_of(nodes[-1] if nodes else tree, tree)
        rows.append((tuple(texts), line, tuple(lines), indices))
    return rows


def _line_of(node: Node | None, tree: Map) -> int:
    return node.line if isinstance(node, Scalar | Map | Seq) else tree.line


def _resolve(start: Node | None, keys: tuple[str, ...]) -> Node | None:
    node = start
    for key in keys:
        if not isinstance(node, Map):
            return None
        node = node.items.get(key)
    return node
