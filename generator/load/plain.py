"""The plain layout, read directly: the part of YAML that `dps fmt` and `dps new` write, read by line.

Records as `dps fmt` and `dps new` write them use a small part of YAML: one `key: value` per line,
nested mappings and `- key: value` lists indented by spaces, lists of values in brackets, values
plain (letters, digits, . _ + -) or double-quoted with a few escapes. Such a file is read here by
line, into the tree the walk of YAML's nodes would give, in a fraction of the time. Anything else
(comments, block text, other escapes, tabs, empty values, a repeated key ...) is left to YAML.
"""

from __future__ import annotations

import re

from generator.limits import MAX_DEPTH, MAX_TEXT_CHARS, MAX_VALUES
from generator.load.nodes import Map, Node, Scalar, Seq

_KEY_LINE = re.compile(r"( *)(- )?([A-Za-z_][A-Za-z0-9_]*):(?: (.+))?")
_ITEM_LINE = re.compile(r"( *)- (.+)")
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")
_QUOTED_VALUE = re.compile(r'"((?:[^"\\]|\\["\\/ntr])*)"')
_ITEM = r'"(?:[^"\\]|\\["\\/ntr])*"|[A-Za-z0-9][A-Za-z0-9._+-]*'
_FLOW = re.compile(rf"\[(?:(?:{_ITEM})(?:, (?:{_ITEM}))*)?\]")
_ITEMS = re.compile(_ITEM)
_ESCAPE = re.compile(r"\\(.)")
_UNESCAPED = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r"}
# what YAML's reader refuses (it allows only these); the plain reader must refuse it too
_UNREADABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLAIN_NULLS = frozenset({"null", "Null", "NULL"})
# YAML reads a key written plain only within 1024 characters of its start (a "simple key"); a longer one is an error
# for YAML to report (and far longer than any field name, so well within MAX_TEXT_CHARS)
_SIMPLE_KEY_CHARS = 1024


class _NotPlain(Exception):
    """The file uses more of YAML than the plain reader knows."""


# a line: its number, the column of its key (or of its '- ' if it holds a value), whether it starts a list
# item with '- ', its key (None: a value alone) and the value written after the key (None: nothing)
_Line = tuple[int, int, bool, str | None, str | None]


def plain_tree(text: str) -> Map | None:
    """The tree of a file in the plain layout, exactly as the walk of YAML's nodes gives it; None otherwise."""
    if "\t" in text or "\r" in text or _UNREADABLE.search(text):
        return None
    lines: list[_Line] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line:
            continue
        found = _KEY_LINE.fullmatch(line)
        if found:
            indent, dash, key, value = found.groups()
            lines.append((number, len(indent) + (2 if dash else 0), bool(dash), key, value))
            continue
        found = _ITEM_LINE.fullmatch(line)
        if found is None:
            return None
        lines.append((number, len(found.group(1)), True, None, found.group(2)))
    if not lines or lines[0][1] != 0 or lines[0][2] or lines[0][3] is None:
        return None
    reader = _PlainReader(lines)
    try:
        tree = reader.mapping(0, 0)
    except _NotPlain:
        return None
    if reader.at != len(lines) or reader.count > MAX_VALUES:
        return None
    return tree


def _dash_column(line: _Line) -> int:
    return line[1] - 2 if line[3] is not None else line[1]


class _PlainReader:
    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.at = 0  # the next line to read
        self.count = 0  # values, as _Walker counts them

    def _node(self, depth: int) -> None:
        self.count += 1
        if depth > MAX_DEPTH:
            raise _NotPlain

    def mapping(self, indent: int, depth: int) -> Map:
        """The entries whose keys stand at column `indent`; the first may follow a '- ' (an item of a list)."""
        self._node(depth)
        lines = self.lines
        mapping = Map({}, lines[self.at][0])
        first = True
        while self.at < len(lines):
            number, column, dash, key, value = lines[self.at]
            if column < indent or key is None or (dash and not first):
                break  # the end of this mapping: its caller decides whether what follows fits
            if column > indent or key in mapping.key_lines or len(key) >= _SIMPLE_KEY_CHARS:
                raise _NotPlain
            first = False
            mapping.key_lines[key] = number
            self.at += 1
            if value is not None:
                mapping.items[key] = self.value(value, number, depth + 1)
                continue
            below = lines[self.at] if self.at < len(lines) else None
            if below is None:
                raise _NotPlain  # an empty value: YAML places it by what follows
            if below[2] and _dash_column(below) > indent:
                mapping.items[key] = self.sequence(_dash_column(below), depth + 1)
            elif not below[2] and below[1] > indent:
                mapping.items[key] = self.mapping(below[1], depth + 1)
            else:
                raise _NotPlain
        return mapping

    def sequence(self, indent: int, depth: int) -> Seq:
        """The items whose '- ' stands at column `indent`."""
        self._node(depth)
        lines = self.lines
        sequence = Seq([], lines[self.at][0])
        while self.at < len(lines):
            line = lines[self.at]
            if not line[2] or _dash_column(line) != indent:
                if line[1] > indent:
                    raise _NotPlain
                break
            if line[3] is not None:
                sequence.items.append(self.mapping(line[1], depth + 1))
            else:
                self.at += 1
                sequence.items.append(self.value(line[4] or "", line[0], depth + 1))
        return sequence

    def value(self, written: str, line: int, depth: int) -> Node:
        """A value written on its key's line: plain, double-quoted or a list in brackets."""
        if written[0] == "[":
            if not _FLOW.fullmatch(written):
                raise _NotPlain
            self._node(depth)
            return Seq([self._scalar(item, line, depth + 1) for item in _ITEMS.findall(written)], line)
        return self._scalar(written, line, depth)

    def _scalar(self, written: str, line: int, depth: int) -> Scalar:
        self._node(depth)
        inner = written[1:-1]
        if written[0] == '"' and written[-1] == '"' and len(written) > 1 and '"' not in inner and "\\" not in inner:
            text: str | None = inner  # most text: quoted, nothing escaped
        elif _PLAIN_VALUE.fullmatch(written):
            text = None if written in _PLAIN_NULLS else written
        else:
            found = _QUOTED_VALUE.fullmatch(written)
            if found is None:
                raise _NotPlain
            text = _ESCAPE.sub(lambda escape: _UNESCAPED[escape.group(1)], found.group(1))
        if text is not None and (len(text) > MAX_TEXT_CHARS or "\r" in text):
            raise _NotPlain  # for the walk to report
        return Scalar(text, line)
