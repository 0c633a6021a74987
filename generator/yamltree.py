"""Read one YAML file into a tree of text with line numbers, never into typed values.

PyYAML composes the node graph (with libyaml when it is there) but we never let it
construct values: YAML 1.1 would turn `NO` into false, `0150` into 104 and `12:30`
into 750. Every scalar stays the text written; the table schema decides its type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .problems import Problem, error

try:  # libyaml is several times faster; the pure-Python parser gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 12
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))


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


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without a byte-order mark, or a problem naming the first bad byte's line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            error(
                "encoding",
                file,
                line,
                "",
                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            )
        ]


def parse(text: str, file: str) -> tuple[Node | None, list[Problem]]:
    """The file's single document as a tree, or None with the problems found.

    >>> parse("id: NO\\n", "x.yaml")[0].items["id"].text
    'NO'
    """
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        return None, [
            error("file-size", file, 1, "", f"the file is over {MAX_FILE_BYTES:,} bytes; a record is much smaller")
        ]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return None, [error("yaml-syntax", file, line, "", f"YAML syntax error: {reason}")]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        mark = getattr(exc, "position", None)
        line = text[:mark].count("\n") + 1 if isinstance(mark, int) else 1
        return None, [error("yaml-syntax", file, line, "", f"YAML error: {exc}")]
    except RecursionError:
        return None, [error("yaml-depth", file, 1, "", "the YAML is nested far too deep")]
    if node is None:
        return None, [error("empty-file", file, 1, "", "the file is empty; it must hold one record")]
    walker = _Walker(file)
    tree = walker.walk(node, depth=0)
    return tree, walker.problems


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def _problem(self, rule: str, line: int, message: str) -> None:
        self.problems.append(error(rule, self.file, line, "", message))

    def walk(self, node: yaml.Node, depth: int, line: int | None = None) -> Node | None:
        here = node.start_mark.line + 1
        if id(node) in self.seen:
            self._problem("yaml-alias", line or here, "anchors and aliases (&, *) are not allowed; write the value out")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._problem("yaml-depth", here, f"nested deeper than {MAX_DEPTH} levels; records are shallow")
            return None
        if node.tag not in _ALLOWED_TAGS:
            self._problem("yaml-tag", here, f"the tag {node.tag} is not allowed; write plain values")
            return None
        if isinstance(node, yaml.ScalarNode):
            plain_null = node.style is None and node.value in _NULLS
            return Scalar(None if plain_null else node.value, here)
        if isinstance(node, yaml.SequenceNode):
            items = [self.walk(item, depth + 1) for item in node.value]
            return Seq([i for i in items if i is not None], here)
        mapping = Map({}, here)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem("yaml-key", key_line, "a key must be a plain name")
                continue
            key = key_node.value
            if key in mapping.items or key in mapping.key_lines:
                self._problem(
                    "duplicate-key",
                    key_line,
                    f"the key '{key}' appears twice in this mapping (first on line {mapping.key_lines[key]}); keep one",
                )
                continue
            mapping.key_lines[key] = key_line
            value = self.walk(value_node, depth + 1, key_line)
            if value is not None:
                mapping.items[key] = value
        return mapping
