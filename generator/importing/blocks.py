"""Editing a record's fields in place: the items `dps fmt` reads (generator/authoring/fmt.py), comments kept.

The fields a notice gives replace the record's, field by field and key by key inside a mapping (`notices`,
`buyer`, `value`); what the notice does not give (None) is left as it is, so what people wrote stays. `NULL`
writes an explicit null: a value the notice shows to be unknown (an inferred admission's category).
Lists whose items have ids (categories, sources) are merged item by item on that id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.authoring.yamlwrite import Block, Item, from_data


class _Null:
    """An explicit null in a record (`categories:`), unlike None, which leaves the field as it is."""

    def __repr__(self) -> str:
        return "NULL"


NULL: Any = _Null()


def plain(value: str | Block | None) -> Any:
    """Items as plain data (dicts, lists, text, None), to compare and look up values.

    >>> plain(from_data({"a": ["b", None]}))
    {'a': ['b', None]}
    """
    if isinstance(value, Block):
        if value.is_map:
            return {item.key: plain(item.value) for item in value.items}
        return [plain(item.value) for item in value.items]
    return value


def item(block: Block, key: str) -> Item | None:
    return next((i for i in block.items if i.key == key), None)


def _data(value: Any) -> str | Block | None:
    if value is NULL:
        return None
    if isinstance(value, dict):
        return Block(True, [Item(str(k), _data(v)) for k, v in value.items() if v is not None])
    if isinstance(value, list):
        return Block(False, [Item(None, _data(v)) for v in value])
    return from_data(value)


def merge(block: Block, fields: dict[str, Any]) -> None:
    """Put `fields` into a mapping: a dict merges into a mapping already there, None leaves a field as it is,
    anything else replaces the field's value (its comments stay with it).

    >>> b = from_data({"id": "x", "notices": {"doffin": "2023-000001"}})
    >>> merge(b, {"notices": {"ted": "1-2023", "doffin": None}, "title": "T"}); plain(b)
    {'id': 'x', 'notices': {'doffin': '2023-000001', 'ted': '1-2023'}, 'title': 'T'}
    """
    for key, value in fields.items():
        if value is None:
            continue
        there = item(block, key)
        if isinstance(value, dict) and there is not None and isinstance(there.value, Block) and there.value.is_map:
            merge(there.value, value)
        elif there is not None:
            there.value = _data(value)
        else:
            block.items.append(Item(key, _data(value)))


def remove(block: Block, key: str) -> None:
    block.items[:] = [i for i in block.items if i.key != key]


def merge_list(block: Block, key: str, entries: list[dict[str, Any]], same: Callable[[Any, Any], bool]) -> None:
    """Merge each entry into the list item it is `same` as (plain data compared), or append it."""
    there = item(block, key)
    if there is None or not isinstance(there.value, Block) or there.value.is_map:
        if there is not None:
            remove(block, key)
        block.items.append(Item(key, Block(False, [])))
        there = block.items[-1]
    assert isinstance(there.value, Block)
    listed = there.value.items
    for entry in entries:
        match = next((i for i in listed if same(plain(i.value), entry)), None)
        if match is not None and isinstance(match.value, Block) and match.value.is_map:
            merge(match.value, entry)
        else:
            listed.append(Item(None, _data(entry)))
