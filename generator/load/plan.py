"""Row plans: how one resource's rows come out of a record, worked out once per resource from its table schema.

Each column's `x-yaml` path says where its value sits in a record; a `[]` in it is a list the rows iterate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache as memoized

from generator import schemas
from generator.load.nodes import Map, Scalar


def yaml_path(column: schemas.Column) -> str:
    """A record resource's column's YAML path (only computed resources, which no record fills, have none)."""
    assert column.yaml is not None, f"{column.name} has no x-yaml path"
    return column.yaml


def _yaml_paths(resource: str) -> list[str]:
    return [yaml_path(c) for c in schemas.columns(resource)]


def _list_levels(paths: list[str]) -> list[str]:
    """The nested lists a resource iterates, outermost first: ['admissions[]', 'admissions[].categories[]']."""
    levels = set()
    for path in paths:
        for match in re.finditer(r"\[\]", path):
            levels.add(path[: match.end()])
    return sorted(levels, key=len)


def _keys(path: str) -> tuple[str, ...]:
    return tuple(path.strip(".").split(".")) if path.strip(".") else ()


@dataclass(frozen=True)
class _Level:
    parent: int  # index of the enclosing level; -1: the record itself
    keys: tuple[str, ...]  # from the parent's item to the list
    items: type  # what an item must be: Map, or Scalar for a list of values
    default: bool  # an absent list of values with a default gives one row holding the default


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str
    default: str | None
    level: int  # the deepest list level the column sits in; -1: none
    keys: tuple[str, ...]  # from that level's item to the value


@memoized
def plan(resource: str) -> tuple[tuple[_Level, ...], tuple[_Column, ...]]:
    """How one resource's rows come out of a record, worked out once per resource."""
    cols = schemas.columns(resource)
    paths = _yaml_paths(resource)
    names = _list_levels(paths)

    def len_of(i: int) -> int:
        return len(names[i])

    def enclosing(path: str) -> int:
        return max((i for i, lv in enumerate(names) if path.startswith(lv) and path != lv), default=-1, key=len_of)

    levels = []
    for name in names:
        parent = enclosing(name)
        start = len(names[parent]) if parent >= 0 else 0
        is_value = any(c.yaml == name for c in cols)
        has_default = any(c.default is not None and c.yaml == name for c in cols)
        levels.append(_Level(parent, _keys(name[start:-2]), Scalar if is_value else Map, has_default))
    columns = []
    for col, path in zip(cols, paths, strict=True):
        level = max((i for i, lv in enumerate(names) if path.startswith(lv)), default=-1, key=len_of)
        start = len(names[level]) if level >= 0 else 0
        columns.append(_Column(col.name, col.type, col.default, level, _keys(path[start:])))
    return tuple(levels), tuple(columns)


@memoized
def steps(resource: str) -> tuple[tuple[int, tuple[str, ...], str | None, bool], ...]:
    """Each column's (level, keys, default, typed: not a string) as a plain tuple, for the loop that runs per row
    and column."""
    return tuple((col.level, col.keys, col.default, col.kind != "string") for col in plan(resource)[1])


@memoized
def places(resource: str) -> dict[str, tuple[int, str, tuple[int, ...]]]:
    """column -> (position, YAML path template, the list levels its [] stand for, outermost first)."""
    paths = _yaml_paths(resource)
    names = _list_levels(paths)
    return {
        col.name: (i, path, tuple(n for n, lv in enumerate(names) if path.startswith(lv)))
        for i, (col, path) in enumerate(zip(schemas.columns(resource), paths, strict=True))
    }


@memoized
def column_names(resource: str) -> tuple[str, ...]:
    """The resource's column names, in its column order."""
    return tuple(c.name for c in schemas.columns(resource))


@memoized
def column_types(resource: str) -> tuple[str, ...]:
    """The resource's column types (table-schema types: string, date, integer, number), in its column order."""
    return tuple(c.type for c in schemas.columns(resource))
