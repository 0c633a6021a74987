"""Shapes: a record's fields against its table schemas. Unknown fields, and values of the wrong shape."""

from __future__ import annotations

import re
from functools import cache as memoized

from generator import schemas
from generator.load.nodes import Map, Node, Scalar, Seq
from generator.load.plan import yaml_path
from generator.problems import Problem, error


@memoized
def _shapes(record: str) -> dict[str, str]:
    """Every YAML path a record type may hold, with its shape: 'map', 'list' or 'value'."""
    shapes: dict[str, str] = {"": "map"}
    for resource in schemas.resources_of(record):
        for col in schemas.columns(resource):
            parts = re.split(r"(\.|\[\])", yaml_path(col))
            path = ""
            for part in parts:
                if part == ".":
                    shapes.setdefault(path, "map")
                elif part == "[]":
                    shapes[path] = "list"
                path += part
            shapes.setdefault(path, "value")
    return shapes


@memoized
def _fields_at(record: str, path: str) -> tuple[str, ...]:
    """The field names a mapping at `path` may hold."""
    shapes = _shapes(record)
    prefix = f"{path}." if path else ""
    return tuple(
        sorted(
            p[len(prefix) :]
            for p in shapes
            if p.startswith(prefix) and p != path and "." not in p[len(prefix) :] and "[" not in p[len(prefix) :]
        )
    )


@memoized
def _layout(record: str) -> dict[str, tuple[str, tuple[str, ...], frozenset[str]]]:
    """For each YAML path (lists as []), its shape and the fields a mapping there may hold, looked up once per node."""
    return {
        path: (shape, _fields_at(record, path), frozenset(_fields_at(record, path)))
        for path, shape in _shapes(record).items()
    }


_WORDS = {"map": "a mapping of fields", "list": "a list", "value": "a single value"}
_FOUND = {Map: "map", Seq: "list", Scalar: "value"}


def shape_problems(node: Node, record: str, file: str, path: str = "") -> list[Problem]:
    """Unknown fields and values of the wrong shape (a list where one value belongs, ...)."""
    problems: list[Problem] = []
    _shape_problems(node, _layout(record), record, file, path, re.sub(r"\[[0-9]+\]", "[]", path), problems)
    return problems


def _shape_problems(
    node: Node,
    layout: dict[str, tuple[str, tuple[str, ...], frozenset[str]]],
    record: str,
    file: str,
    path: str,
    normal: str,  # the path with list positions as []
    problems: list[Problem],
) -> None:
    expected, allowed, allowed_set = layout.get(normal, (None, (), frozenset()))
    found = _FOUND[type(node)]
    if found != expected and not (found == "value" and node.text is None):  # type: ignore[union-attr]
        what = "the record" if not path else f"'{path}'"
        rule = "not-a-mapping" if not path else "shape"
        message = f"{what} must be {_WORDS[expected or 'value']}, not {_WORDS[found]}"
        problems.append(error(rule, file, node.line, path or "(record)", message))
        return
    if isinstance(node, Map):
        for key, child in node.items.items():
            child_path = f"{path}.{key}" if path else key
            if key not in allowed_set:  # a name, not a path: 'buyer.id' is no key of a record
                where = "this entry" if path else f"a {record} record"
                message = f"unknown field '{key}'; {where} has: {', '.join(allowed)}"
                problems.append(error("unknown-field", file, node.key_lines[key], child_path, message))
            else:
                child_normal = f"{normal}.{key}" if normal else key
                if type(child) is Scalar and layout[child_normal][0] == "value":
                    continue  # the commonest: a value where one belongs; nothing below it
                _shape_problems(child, layout, record, file, child_path, child_normal, problems)
    elif isinstance(node, Seq):
        item = f"{normal}[]"
        for i, child in enumerate(node.items):
            _shape_problems(child, layout, record, file, f"{path}[{i}]", item, problems)
