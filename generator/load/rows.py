"""Rows: one record's tree becomes the rows of each resource its record type fills, by the resource's plan.

A row is made as plain tuples (`RowData`: cheap to pickle from a worker or into the cache), then as a `Row`
whose dicts share what many rows hold alike: a national dataset holds over a million rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache as memoized
from typing import Any

from generator import schemas
from generator.load.dataset import Row
from generator.load.nodes import Map, Node, Scalar, Seq
from generator.load.plan import column_names, plan, steps, typed

# One row as plain tuples, in the resource's column order: values, text as written, the row's line,
# each column's line, and its position in each list it comes from. Cheap to send between processes.
RowData = tuple[tuple[Any, ...], tuple[str | None, ...], int, tuple[int, ...], tuple[int, ...]]

# A row's position in a list that is absent (the row holds the list's default) or written as null (unknown)
ABSENT_LIST = -1
NULL_LIST = -2


def make_row(resource: str, data: RowData, file: str, shared: Shared | None = None) -> Row:
    """A row of `resource` at `file` from its plain tuples, sharing what earlier rows hold alike."""
    names = column_names(resource)
    values: Sequence[Any]
    texts: Sequence[str | None]
    values, texts, line, lines, indices = data
    if shared is not None:
        values, texts = shared.shared(resource, values, texts)
        lines = shared.layouts.setdefault(lines, lines)
        indices = shared.layouts.setdefault(indices, indices)
    return Row(
        _keyed(_holder(resource, "values"), names, values),
        _keyed(_holder(resource, "text"), names, texts),
        file,
        line,
        None,
        resource,
        lines,
        indices,
    )


class Shared:
    """What many rows hold alike, held once while a dataset loads: each date or number as written with its
    value, and each tuple of lines or list positions (records written alike have the same). A national
    dataset holds over a million dates but a few thousand distinct ones.

    A value is the cast of its text by its column's type, so equal texts of a column may share one value.
    Text columns are not shared: looking up their millions of cells would cost more time than it saves.
    """

    def __init__(self) -> None:
        self.layouts: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.cells: dict[str, list[dict[str, tuple[str, Any]]]] = {
            resource: [{} for _ in typed(resource)] for resource in schemas.RESOURCES
        }

    def shared(
        self, resource: str, values: Sequence[Any], texts: Sequence[str | None]
    ) -> tuple[Sequence[Any], Sequence[str | None]]:
        """A row's values and texts, sharing the objects of earlier rows where equal."""
        positions = typed(resource)
        if not positions:
            return values, texts
        shared_values, shared_texts = list(values), list(texts)
        for position, memo in zip(positions, self.cells[resource], strict=True):
            text = texts[position]
            if text is not None:
                shared_texts[position], shared_values[position] = memo.setdefault(text, (text, values[position]))
        return shared_values, shared_texts


@memoized
def _holder(resource: str, kind: str) -> type:
    """A class whose instances' attribute dicts all hold one resource's columns, in its column order."""
    return type(f"_{resource}_{kind}", (), {})


def _keyed(holder: type, names: tuple[str, ...], items: Sequence[Any]) -> dict[str, Any]:
    """A plain dict of names to items, smaller than dict(zip(...)).

    The attribute dicts of one class's instances share a single table of keys when filled in the same order
    (CPython's key-sharing dicts, PEP 412): each holds only its values. With a million dicts of 3 to 21
    columns that saves about a third of the dataset's memory. It is an ordinary dict in every other way.
    """
    keyed: dict[str, Any] = holder().__dict__
    keyed.update(zip(names, items, strict=True))
    return keyed


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
        values = []
        texts = []
        lines = []
        for depth, keys, default, caster in columns:
            anchor = nodes[depth] if depth >= 0 else tree
            node: Node | None = anchor
            for key in keys:
                node = node.items.get(key) if type(node) is Map else None
            lines.append(anchor.line if node is None else node.line)
            text = node.text if type(node) is Scalar else None
            # the default stands for an absent field or list; a field or list written as null is unknown
            if text is None and (node is None if keys else indices[depth] == ABSENT_LIST):
                text = default
            texts.append(text)
            values.append(text or None if caster is None else caster(text))
        line = _line_of(nodes[-1] if nodes else tree, tree)
        rows.append((tuple(values), tuple(texts), line, tuple(lines), indices))
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
