"""Format: one canonical layout for every record file, comments kept, values never changed.

The layout: keys in the order of DESIGN §2, 2-space indentation, every text value in
double quotes (so no YAML reader turns `NO` into false or `0301` into 301), dates and
numbers plain, short id lists (`categories`, `suppliers`) as flow lists, everything
else in block style, one comment per line kept next to the field it stood by.

PyYAML composes the file (never constructing values, like the loader); comments are
found in the text around the scalars' spans. The result is parsed again and compared
with the original before anything is written: a value that would change is a problem,
never a silent edit.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator import schemas
from generator.load import record_type
from generator.load.yamltree import Map, Node, Scalar, Seq, decode, parse
from generator.problems import Problem, error

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# The canonical order of every field, as DESIGN §2 lists them; a mapping's keys follow
# the first path that names them. tests/test_fmt.py checks this against the schemas.
ORDER: dict[str, tuple[str, ...]] = {
    "scheme": (
        "id", "title", "description", "buyer.id", "buyer.name", "type", "status", "cpv",
        "categories[].id", "categories[].title", "categories[].description", "categories[].cpv",
        "notices.doffin", "notices.ted", "published", "request_deadline", "valid_from", "valid_to",
        "estimated_value.amount", "estimated_value.currency", "url", "terminated.date", "terminated.notice",
    ),
    "supplier": (
        "id", "name", "size", "country", "municipality",
        "admissions[].scheme", "admissions[].categories[]", "admissions[].requested", "admissions[].admitted",
        "admissions[].left",
    ),
    "award": (
        "id", "scheme", "category", "buyer.id", "buyer.name", "title", "description", "cpv", "invited",
        "tender_deadline", "invited_count", "tenders", "sme_tenders", "awarded", "suppliers[]",
        "value.amount", "value.currency", "contract.start", "contract.end", "notices.doffin", "notices.ted", "status",
    ),
}  # fmt: skip
FLOW_LISTS = frozenset({"admissions[].categories[]", "suppliers[]"})
MAX_FLOW_WIDTH = 120
INDENT = "  "

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_PLAIN = {
    "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "integer": re.compile(r"[+-]?[0-9]+"),
    "number": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"),
}
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# What YAML 1.1 counts as a line break (PyYAML numbers lines by these) and what it cannot hold unescaped.
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x00": "\\0", "\x07": "\\a", "\x08": "\\b",
    "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF",
}  # fmt: skip


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar that every YAML reader reads back as exactly `text`.

    >>> print(quote('Sier "nei" # 12:30\\n'))
    "Sier \\"nei\\" # 12:30\\n"
    """
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _NON_PRINTABLE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# --- a record as items with their comments ------------------------------------------


@dataclass
class Item:
    """A mapping entry (with a key) or a sequence item, with the comments that stood by it."""

    key: str | None
    value: str | Block | None  # text as written (None: absent) or a collection
    before: list[str] = field(default_factory=list)  # comment lines above it
    after: list[str] = field(default_factory=list)  # comments at the end of its lines


@dataclass
class Block:
    is_map: bool
    items: list[Item]


@dataclass
class _Slot:
    start: int  # first line (0-based)
    end: int  # last line
    exact: bool  # whether `end` is exact (a block collection's end mark lies on the next token)
    depth: int
    is_entry: bool
    item: Item


def from_data(value: Any) -> str | Block | None:
    """Plain Python data (dicts, lists, text, None) as items, for writing new records.

    >>> from_data({"id": "x", "categories": ["a"]}).items[1].value.items[0].value
    'a'
    """
    if isinstance(value, dict):
        return Block(True, [Item(str(k), from_data(v)) for k, v in value.items()])
    if isinstance(value, list):
        return Block(False, [Item(None, from_data(v)) for v in value])
    return None if value is None else str(value)


def _is_null(node: yaml.ScalarNode) -> bool:
    """A plain null (empty, ~, null) is absent; the loader reads `"null"` and `!!str null` as text.

    Only plain scalars resolve to the null tag (libyaml marks plain style '' where PyYAML has None).
    """
    return node.tag == "tag:yaml.org,2002:null" and node.value in _NULLS


def _items(node: yaml.Node, depth: int, slots: list[_Slot]) -> str | Block | None:
    if isinstance(node, yaml.ScalarNode):
        return None if _is_null(node) else node.value
    is_map = isinstance(node, yaml.MappingNode)
    items = []
    pairs = node.value if is_map else [(None, child) for child in node.value]
    for key_node, value_node in pairs:
        item = Item(key_node.value if key_node is not None else None, None)
        item.value = _items(value_node, depth + 1, slots)
        start = (key_node or value_node).start_mark.line
        exact = not (isinstance(value_node, yaml.CollectionNode) and value_node.flow_style is False)
        slots.append(_Slot(start, max(start, value_node.end_mark.line), exact, depth, is_map, item))
        items.append(item)
    return Block(is_map, items)


def _scalar_spans(node: yaml.Node, spans: list[tuple[int, int]]) -> None:
    if isinstance(node, yaml.ScalarNode):
        spans.append((node.start_mark.index, node.end_mark.index))
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _scalar_spans(child, spans)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _scalar_spans(key, spans)
            _scalar_spans(value, spans)


def comments(text: str, node: yaml.Node | None) -> list[tuple[int, bool, str]]:
    """Every comment as (line, whether it fills its line, text from '#'): a '#' after a space, outside scalars."""
    spans: list[tuple[int, int]] = []
    if node is not None:
        _scalar_spans(node, spans)
    spans.sort()
    starts = [s for s, _ in spans]
    line_starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    found = []
    skip_to = -1
    for match in re.finditer("#", text):
        i = match.start()
        if i < skip_to:
            continue
        inside = bisect_right(starts, i) - 1
        if inside >= 0 and i < spans[inside][1]:
            continue
        if i > 0 and text[i - 1] not in " \t\r\n\x85\u2028\u2029":
            continue
        line = bisect_right(line_starts, i) - 1
        brk = _BREAK.search(text, i)
        end = brk.start() if brk else len(text)
        skip_to = end
        found.append((line, text[line_starts[line] : i].strip(" \t") == "", text[i:end].rstrip(" \t")))
    return found


def _attach(slots: list[_Slot], found: list[tuple[int, bool, str]]) -> tuple[list[str], list[str]]:
    """Hang each comment on the item it stands by; return the file's header and tail comments."""
    slots.sort(key=lambda s: (s.start, s.depth))
    starts = [s.start for s in slots]
    first_line = slots[0].start if slots else None
    header: list[str] = []
    tail: list[str] = []
    for line, full, comment in found:
        if first_line is None or line < first_line:
            header.append(comment)
            continue
        here = slots[bisect_left(starts, line) : bisect_right(starts, line)]
        entries = [s for s in here if s.is_entry]
        containing = [] if full or here else [s for s in slots if s.exact and s.start <= line <= s.end]
        if not full and here:
            (entries or here)[-1].item.after.append(comment)
        elif containing:  # the end of a value that spans lines
            max(containing, key=lambda s: s.depth).item.after.append(comment)
        else:  # a comment line, or one after a dash alone: it goes with what follows
            nxt = bisect_right(starts, line)
            (slots[nxt].item.before if nxt < len(slots) else tail).append(comment)
    return header, tail


# --- writing -------------------------------------------------------------------------


@cache
def _types(record: str) -> dict[str, str]:
    return {c.yaml: c.type for r in schemas.resources_of(record) for c in schemas.columns(r)}


def _child(path: str, key: str | None) -> str:
    if key is None:
        return f"{path}[]"
    return f"{path}.{key}" if path else key


def _rank(record: str, path: str, key: str) -> int:
    """The position of a key in its mapping; unknown keys come last, in the order written."""
    child = _child(path, key)
    for i, known in enumerate(ORDER.get(record, ())):
        if known == child or known.startswith((f"{child}.", f"{child}[")):
            return i
    return len(ORDER.get(record, ()))


def _value(text: str | None, kind: str | None, in_list: bool) -> str:
    if text is None:
        return "null" if in_list else ""
    pattern = _PLAIN.get(kind or "")
    return text if pattern and pattern.fullmatch(text) else quote(text)


def _key(key: str) -> str:
    return key if _PLAIN_KEY.fullmatch(key) and key.lower() not in _YAML11_WORDS else quote(key)


def _flow(block: Block, record: str, path: str) -> str | None:
    """`[a, b]` for a short id list without comments, else None."""
    if f"{path}[]" not in FLOW_LISTS or block.is_map:
        return None
    if any(isinstance(i.value, Block) or i.before or i.after for i in block.items):
        return None
    kind = _types(record).get(f"{path}[]")
    return "[" + ", ".join(_value(i.value, kind, True) for i in block.items) + "]"  # type: ignore[arg-type]


def _lines(block: Block, record: str, path: str, indent: str, out: list[str]) -> None:
    items = block.items
    if block.is_map:
        items = sorted(items, key=lambda i: _rank(record, path, i.key or ""))
    for item in items:
        child = _child(path, item.key)
        before, after = list(item.before), list(item.after)
        head = indent + ("- " if item.key is None else "")
        value = item.value
        if item.key is None and isinstance(value, Block) and value.is_map and value.items:
            # the first entry of a list item shares the dash's line, and its comments
            rest = sorted(value.items, key=lambda i: _rank(record, child, i.key or ""))
            first = rest[0]
            before += first.before
            after += first.after
            inner: list[str] = []
            _lines(Block(True, [Item(first.key, first.value)]), record, child, indent + INDENT, inner)
            _lines(Block(True, rest[1:]), record, child, indent + INDENT, inner)
            out += [indent + c for c in before]
            out.append(head + inner[0][len(indent + INDENT) :] + "".join(f"  {c}" for c in after[:1]))
            out += [indent + INDENT + c for c in after[1:]]
            out += inner[1:]
            continue
        label = indent + (f"{_key(item.key)}:" if item.key is not None else "-")
        nested: list[str] = []
        if isinstance(value, Block):
            flow = _flow(value, record, child)
            if flow is None and not value.items:
                flow = "{}" if value.is_map else "[]"
            if flow is not None and len(label) + 1 + len(flow) <= MAX_FLOW_WIDTH:
                line = f"{label} {flow}"
            else:
                line = label
                _lines(value, record, child, indent + INDENT, nested)
        else:
            line = f"{label} {_value(value, _types(record).get(child), item.key is None)}".rstrip()
        out += [indent + c for c in before]
        out.append(line + "".join(f"  {c}" for c in after[:1]))
        out += [indent + INDENT + c for c in after[1:]]
        out += nested


def dump(record: str, block: Block, header: Sequence[str] = (), tail: Sequence[str] = ()) -> str:
    """The canonical text of a record.

    >>> print(dump("supplier", from_data({"name": "Fjordtolk AS", "id": "NO-BRC-312345692", "country": "NO"})), end="")
    id: "NO-BRC-312345692"
    name: "Fjordtolk AS"
    country: "NO"
    """
    out = list(header)
    _lines(block, record, "", "", out)
    if not block.items:
        out.append("{}")
    out += tail
    return "\n".join(out) + "\n"


# --- checking and formatting ---------------------------------------------------------


def plain(node: Node | None) -> Any:
    """A parsed tree as plain data, to compare two files' values."""
    if isinstance(node, Map):
        return {k: plain(v) for k, v in node.items.items()}
    if isinstance(node, Seq):
        return [plain(i) for i in node.items]
    return node.text if isinstance(node, Scalar) else None


def format_text(text: str, record: str, file: str) -> tuple[str | None, list[Problem]]:
    """The canonical form of a record file's text, or None with the problems that stop it.

    >>> format_text("name: Fjordtolk AS  # as registered\\nid: NO-BRC-312345692\\n", "supplier", "x.yaml")[0]
    'id: "NO-BRC-312345692"\\nname: "Fjordtolk AS"  # as registered\\n'
    """
    tree, problems = parse(text, file)
    if tree is None or problems:
        return None, problems
    node = yaml.compose(text, Loader=_Loader)
    slots: list[_Slot] = []
    root = _items(node, 0, slots)
    if not isinstance(root, Block) or not root.is_map:
        return None, [error("not-a-mapping", file, 1, "", "the record must be a mapping of fields; fmt leaves it")]
    found = comments(text, node)
    header, tail = _attach(slots, found)
    result = dump(record, root, header, tail)
    if result == text:  # already canonical: nothing to change, nothing to verify
        return result, []
    # the safety net: the same values and the same comments, or nothing is written
    again, _ = parse(result, file)
    kept = sorted(c for _, _, c in comments(result, yaml.compose(result, Loader=_Loader)))
    if plain(again) != plain(tree) or kept != sorted(c for _, _, c in found):
        message = "dps fmt could not lay this file out without changing it; it is left as it is (please report this)"
        return None, [error("fmt", file, 1, "", message)]
    return result, []


def record_of(path: Path, data_dir: Path) -> str | None:
    """The record type a file's place implies: under data_dir, or by its last folders anywhere else."""
    try:
        return record_type(path.resolve().relative_to(data_dir.resolve()).parts)
    except ValueError:
        return record_type(path.parts[-2:]) or record_type(path.parts[-3:])


def format_files(files: list[tuple[str, Path, str]], write: bool) -> tuple[list[str], list[Problem]]:
    """Format each (record type, path, shown) file; return the files not yet canonical and the problems.

    With write, those files are rewritten in place; files with problems are never touched.
    """
    changed: list[str] = []
    problems: list[Problem] = []
    for record, path, shown in files:
        data = path.read_bytes()
        text, found = decode(data, shown)
        result, found = format_text(text, record, shown) if text is not None else (None, found)
        problems += found
        if result is None or result.encode("utf-8") == data:
            continue
        changed.append(shown)
        if write:
            path.write_bytes(result.encode("utf-8"))
    return changed, problems
