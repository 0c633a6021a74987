"""The tree a record file becomes: mappings, lists and scalars of text, each with the line it starts on."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Scalar:
    text: str | None  # None: absent (empty or a plain null)
    line: int


@dataclass(slots=True)
class Seq:
    items: list[Node]
    line: int


@dataclass(slots=True)
class Map:
    items: dict[str, Node]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


Node = Scalar | Seq | Map
