"""Read one YAML file into a tree of text with line numbers, never into typed values.

PyYAML composes the node graph (with libyaml when it is there) but we never let it
construct values: YAML 1.1 would turn `NO` into false, `0150` into 104 and `12:30`
into 750. Every scalar stays the text written; the table schema decides its type.
Most files are in the plain layout `dps fmt` writes, read without YAML's machinery (plain.py).
"""

from __future__ import annotations

import re
import unicodedata
from typing import cast

import yaml

from generator.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT_CHARS, MAX_VALUES
from generator.load.nodes import Map, Node, Scalar, Seq
from generator.load.plain import plain_tree
from generator.problems import Problem, error

__all__ = ["Map", "Node", "Scalar", "Seq", "decode", "describe_char", "invisible_at", "parse", "printable"]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_CORE = "tag:yaml.org,2002:"
_NULL = _CORE + "null"
_ALLOWED_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
# byte-order marks of encodings other than UTF-8, longest first (UTF-32 LE starts like UTF-16 LE)
_FOREIGN_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# Text may hold tab and line breaks, nothing else that is invisible: control characters
# (C0, DEL, C1), formatting characters (zero-width spaces, bidirectional overrides, stray
# byte-order marks, tag characters), surrogates and the Unicode line/paragraph separators.
_C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_BREAKS = re.compile(r"[\t\n\r]")
_LINE_BREAK = re.compile(r"\r\n?|\n")  # as YAML counts lines: CRLF, CR or LF


def invisible_at(text: str) -> int | None:
    """Where the first control or invisible formatting character is (tab and line breaks are fine), or None.

    >>> invisible_at("Fjordtolk\\tAS"), invisible_at("Fjord\\u202etolk")
    (None, 5)
    """
    if text.isprintable():  # nearly every value: no control, format or separator character but the space
        return None
    if all(map(str.isprintable, text.split("\n"))):  # nearly every file: printable lines
        return None
    found = _C0.search(text)
    first = found.start() if found else None
    if not text.isascii():  # few distinct characters to look up, even in a long text
        for char in set(text):
            if ord(char) > 0x7F and (unicodedata.category(char) in _INVISIBLE or _is_noncharacter(char)):
                at = text.index(char)
                first = at if first is None else min(first, at)
    return first


def _is_noncharacter(char: str) -> bool:
    """One of Unicode's 66 non-characters (U+FDD0-U+FDEF, U+FFFE and U+FFFF of every plane): never text,
    and XML, so Excel and the feeds, cannot hold U+FFFE or U+FFFF."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def describe_char(char: str) -> str:
    """U+202E (RIGHT-TO-LEFT OVERRIDE): a character named so a person can find it."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def printable(text: str) -> str:
    """Text as one line that is safe to show: line breaks, tabs, invisible characters and bytes that were
    not UTF-8 (file names) escaped, so a terminal or log never takes them for commands.

    >>> print(printable("schemes/a\\x1b[31m.yaml"))
    schemes/a\\x1b[31m.yaml
    """
    if text.isprintable():  # nearly every text (every file name): no break, tab, control or escaped byte
        return text
    if invisible_at(text) is None and not _BREAKS.search(text):
        return text
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char in "\t\n\r" or invisible_at(char) is not None:
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


# Of a plain scalar's tag we only ask: null, or a tag we refuse ('<<' is merge, '=' is value)? Every other
# implicit tag (int, bool, timestamp, ...) passes alike, so only these first characters need YAML's resolver.
_RESOLVED_BY_FIRST = frozenset(["", "~", "n", "N", "<", "=", "!", "&", "*"])
_RESOLVER = yaml.resolver.Resolver()
_STR, _SEQ, _MAP = _CORE + "str", _CORE + "seq", _CORE + "map"

try:  # libyaml is several times faster; the pure-Python parser gives the same nodes
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml

    def _compose(text: str) -> yaml.Node | None:
        return yaml.compose(text, Loader=yaml.SafeLoader)

else:

    class _Composer(CParser):
        """libyaml's composer without PyYAML's constructor, and a resolver that skips what we never ask.

        YAML's own resolver, in Python, is called for every node and took a third of the time.
        """

        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                if implicit[0] and value[:1] in _RESOLVED_BY_FIRST:
                    return _RESOLVER.resolve(kind, value, implicit)  # type: ignore[no-untyped-call,no-any-return]
                return _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP

        def descend_resolver(self, current_node: yaml.Node | None, current_index: object) -> None:
            """No path resolvers: nothing to track."""

        def ascend_resolver(self) -> None:
            """No path resolvers: nothing to track."""

    def _compose(text: str) -> yaml.Node | None:
        composer = _Composer(text)
        try:
            return composer.get_single_node()
        finally:
            composer.dispose()


_TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels; records are shallow"
_CONTROL_HINT = (
    "text may hold tabs and line breaks (\\n), but no carriage return, control or invisible formatting character;"
    " remove it"
)


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without a byte-order mark, or a problem naming the encoding or the first bad byte's line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            return None, [
                error(
                    "encoding",
                    file,
                    1,
                    "",
                    f"the file is {name} (it starts with a {name} byte-order mark); save it as UTF-8",
                )
            ]
    mostly_nul = data.count(b"\x00") * 4 >= len(data) > 0  # ASCII in UTF-16 is half NUL bytes, in UTF-32 3/4
    if mostly_nul:
        message = "the file is mostly NUL bytes: UTF-16 or UTF-32 without a byte-order mark, or not text"
        return None, [error("encoding", file, 1, "", f"{message}; save it as UTF-8")]
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
    if len(text) * 4 > MAX_FILE_BYTES and len(text.encode("utf-8")) > MAX_FILE_BYTES:  # a UTF-8 character: 1-4 bytes
        return None, [
            error("file-size", file, 1, "", f"the file is over {MAX_FILE_BYTES:,} bytes; a record is much smaller")
        ]
    at = invisible_at(text)
    if at is not None:  # before YAML reads it: its reader rejects some of these, counts others as line breaks
        breaks = list(_LINE_BREAK.finditer(text, 0, at))
        line, column = len(breaks) + 1, at - (breaks[-1].end() if breaks else 0) + 1
        message = f"column {column} holds the character {describe_char(text[at])}; {_CONTROL_HINT}"
        return None, [error("control-char", file, line, "", message)]
    plain = plain_tree(text)
    if plain is not None:  # nearly every file: written by `dps fmt` or `dps new`, read without YAML's machinery
        return plain, []
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        if "nesting depth" in str(exc.problem):  # libyaml's own limit, far deeper than ours
            return None, [error("yaml-depth", file, line, "", _TOO_DEEP)]
        reason = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return None, [error("yaml-syntax", file, line, "", f"YAML syntax error: {reason}")]
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not accept
        mark = getattr(exc, "position", None)
        line = len(_LINE_BREAK.findall(text, 0, mark)) + 1 if isinstance(mark, int) else 1
        return None, [error("yaml-syntax", file, line, "", f"YAML error: {exc}")]
    except RecursionError:  # the pure-Python composer recurses once per level
        return None, [error("yaml-depth", file, 1, "", _TOO_DEEP)]
    if node is None or (isinstance(node, yaml.ScalarNode) and _is_null(node)):
        line = node.start_mark.line + 1 if node else 1  # '---' or 'null' alone: a document without a record
        return None, [error("empty-file", file, line, "", "the file holds no record; it must hold one")]
    walker = _Walker(file)
    tree = walker.walk(node, depth=0, path="")
    if walker.count > MAX_VALUES:
        return None, walker.problems  # part of a record would be worse than none
    return tree, walker.problems


def _is_null(node: yaml.Node) -> bool:
    """A plain null (empty, ~, null): absent. Quoted or tagged `!!str null` is the text 'null'.

    The resolver tags only plain scalars null; libyaml marks plain style '' where PyYAML has None.
    """
    return node.tag == _NULL and node.value in _NULLS


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.alias_lines: set[int] = set()
        self.count = 0

    def _problem(self, rule: str, line: int, path: str, message: str) -> None:
        self.problems.append(error(rule, self.file, line, path, message))

    def _alias(self, line: int, path: str) -> None:
        """One problem per line: a billion-laughs line holds many aliases."""
        if line not in self.alias_lines:
            self.alias_lines.add(line)
            self._problem("yaml-alias", line, path, "anchors and aliases (&, *) are not allowed; write the value out")

    def _text_ok(self, text: str, line: int, path: str) -> bool:
        """Text within the length limit and free of invisible characters; a problem otherwise."""
        if len(text) > MAX_TEXT_CHARS:
            self._problem(
                "value-size",
                line,
                path,
                f"the value is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}; link to longer text",
            )
            return False
        at = invisible_at(text)
        if at is None and "\r" in text:  # a file's line breaks are \n to YAML; "\r" comes from an escape
            at = text.index("\r")
        if at is not None:
            self._problem(
                "control-char", line, path, f"character {at + 1} is {describe_char(text[at])}; {_CONTROL_HINT}"
            )
            return False
        return True

    def walk(self, node: yaml.Node, depth: int, path: str, line: int | None = None) -> Node | None:
        here = node.start_mark.line + 1
        if id(node) in self.seen:  # an alias: the node it names was seen before
            self._alias(line or here, path)
            return None
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_VALUES:
            if self.count == MAX_VALUES + 1:
                self._problem(
                    "record-size",
                    here,
                    path,
                    f"the record holds more than {MAX_VALUES:,} values; records are much smaller",
                )
            return None
        if depth > MAX_DEPTH:
            self._problem("yaml-depth", here, path, _TOO_DEEP)
            return None
        if node.tag not in _ALLOWED_TAGS:
            self._problem("yaml-tag", here, path, f"the tag {node.tag} is not allowed; write plain values")
            return None
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            if node.tag == _NULL and value in _NULLS:
                return Scalar(None, here)
            if len(value) <= MAX_TEXT_CHARS and value.isprintable():  # nearly every value: _text_ok's answer, sooner
                return Scalar(value, here)
            return Scalar(value, here) if self._text_ok(value, here, path) else None
        if isinstance(node, yaml.SequenceNode):
            # an alias item has no place of its own: the composer hands back the node it names
            items = [self.walk(item, depth + 1, f"{path}[{i}]", here) for i, item in enumerate(node.value)]
            return Seq([i for i in items if i is not None], here)
        return self._mapping(cast(yaml.MappingNode, node), depth, path, here)  # the composer makes no other kind

    def _mapping(self, node: yaml.MappingNode, depth: int, path: str, here: int) -> Map:
        mapping = Map({}, here)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if id(key_node) in self.seen:  # the key's own place is lost; its value follows it
                self._alias(value_node.start_mark.line + 1, path)
                continue
            self.seen.add(id(key_node))
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "":
                self._problem("yaml-key", key_line, path, "a key must be a plain name")
                continue
            key = key_node.value
            child = f"{path}.{key}" if path else key
            if not (len(key) <= MAX_TEXT_CHARS and key.isprintable()) and not self._text_ok(key, key_line, child):
                continue
            if key in mapping.key_lines:
                self._problem(
                    "duplicate-key",
                    key_line,
                    child,
                    f"the key '{key}' appears twice in this mapping (first on line {mapping.key_lines[key]}); keep one",
                )
                continue
            mapping.key_lines[key] = key_line
            value = self.walk(value_node, depth + 1, child, key_line)
            if value is not None:
                mapping.items[key] = value
        return mapping
