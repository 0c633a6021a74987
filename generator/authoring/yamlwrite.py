"""Writing record YAML: how text is quoted, which words may stay plain, and the two layouts.

Every record file this project writes goes through here. The canonical layout (`dump`) is what
`dps fmt` and `dps new` write: keys in the order of DESIGN §2, 2-space indentation, every text
value in double quotes (so no YAML reader turns `NO` into false or `0301` into 301), dates and
numbers plain, short id lists (`categories`, `suppliers`) as flow lists, comments kept next to the
field they stood by. The compact layout (`dump_compact`) is what `dps synth` writes from plain
Python data: fields in the order given, slugs plain, multi-line text as literal blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from generator import schemas

# Plain words that YAML 1.1 readers take for booleans or null: never written unquoted.
YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x00": "\\0", "\x07": "\\a", "\x08": "\\b",
    "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF",
}  # fmt: skip
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]|" + _NON_PRINTABLE.pattern)
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar that every YAML reader reads back as exactly `text`.

    >>> print(quote('Sier "nei" # 12:30\\n'))
    "Sier \\"nei\\" # 12:30\\n"
    """
    if _SPECIAL.search(text) is None:  # nearly every value: nothing to escape, no need to look at each character
        return f'"{text}"'
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


def key_text(key: str) -> str:
    """A mapping key, plain when no YAML reader could take it for anything but text."""
    return key if _PLAIN_KEY.fullmatch(key) and key.lower() not in YAML11_WORDS else quote(key)


# --- the canonical layout: items with their comments ---------------------------------

# The canonical order of every field, as DESIGN §2 lists them; a mapping's keys follow
# the first path that names them. tests/test_fmt.py checks this against the schemas.
ORDER: dict[str, tuple[str, ...]] = {
    "scheme": (
        "id", "known_only_from_call_offs", "title", "description", "buyer.id", "buyer.name", "type", "status", "cpv",
        "categories[].id", "categories[].title", "categories[].description", "categories[].cpv",
        "notices.doffin", "notices.ted", "published", "request_deadline", "valid_from", "valid_to",
        "estimated_value.amount", "estimated_value.currency", "url", "terminated.date", "terminated.notice",
        "sources[].notice", "sources[].version", "sources[].uuid", "sources[].procedure", "sources[].form",
        "sources[].published", "sources[].url",
    ),
    "supplier": (
        "id", "name", "size", "country", "municipality",
        "admissions[].scheme", "admissions[].categories[]", "admissions[].requested", "admissions[].admitted",
        "admissions[].admitted_by", "admissions[].source", "admissions[].left",
    ),
    "award": (
        "id", "scheme", "category", "buyer.id", "buyer.name", "title", "description", "cpv", "invited",
        "tender_deadline", "invited_count", "tenders", "sme_tenders", "awarded", "suppliers[]",
        "value.amount", "value.currency", "contract.start", "contract.end", "notices.doffin", "notices.ted", "status",
        "sources[].notice", "sources[].version", "sources[].uuid", "sources[].procedure", "sources[].form",
        "sources[].published", "sources[].url",
    ),
}  # fmt: skip
FLOW_LISTS = frozenset({"admissions[].categories[]", "suppliers[]"})
MAX_FLOW_WIDTH = 120
INDENT = "  "
# Fields whose null says "not known", unlike an absent field (which takes the default `all`): written as null.
NULL_WRITTEN = frozenset({"category", "admissions[].categories"})
# Text fields written plain, as people write them: the loader reads them as text whatever YAML would make of them.
_PLAIN_BY_PATH = {"known_only_from_call_offs": re.compile("true|false")}
_PLAIN_BY_TYPE = {
    "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "integer": re.compile(r"[+-]?[0-9]+"),
    "number": re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"),
}


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


def from_data(value: Any) -> str | Block | None:
    """Plain Python data (dicts, lists, text, None) as items, for writing new records.

    >>> from_data({"id": "x", "categories": ["a"]}).items[1].value.items[0].value
    'a'
    """
    if isinstance(value, dict):
        return from_mapping(value)
    if isinstance(value, list):
        return Block(False, [Item(None, from_data(child)) for child in value])
    return None if value is None else str(value)


def from_mapping(mapping: dict[str, Any]) -> Block:
    """A record's fields as plain Python data, as a mapping of items: what `dump` writes."""
    return Block(True, [Item(str(key), from_data(child)) for key, child in mapping.items()])


@cache
def _types(record: str) -> dict[str, str]:
    return {
        column.yaml: column.type
        for table in schemas.resources_of(record)
        for column in schemas.columns(table)
        if column.yaml is not None
    }


def _child(path: str, key: str | None) -> str:
    if key is None:
        return f"{path}[]"
    return f"{path}.{key}" if path else key


def _rank(record: str, path: str, key: str) -> int:
    """The position of a key in its mapping; unknown keys come last, in the order written."""
    child = _child(path, key)
    for position, known in enumerate(ORDER.get(record, ())):
        if known == child or known.startswith((f"{child}.", f"{child}[")):
            return position
    return len(ORDER.get(record, ()))


def _value(text: str | None, kind: str | None, in_list: bool) -> str:
    if text is None:
        return "null" if in_list else ""
    pattern = _PLAIN_BY_TYPE.get(kind or "")
    return text if pattern and pattern.fullmatch(text) else quote(text)


def _flow(block: Block, record: str, path: str) -> str | None:
    """`[a, b]` for a short id list without comments, else None."""
    if f"{path}[]" not in FLOW_LISTS or block.is_map:
        return None
    texts: list[str | None] = []
    for item in block.items:
        if isinstance(item.value, Block) or item.before or item.after:
            return None
        texts.append(item.value)
    kind = _types(record).get(f"{path}[]")
    return "[" + ", ".join(_value(text, kind, True) for text in texts) + "]"


def _lines(block: Block, record: str, path: str, indent: str, out: list[str]) -> None:
    items = block.items
    if block.is_map:
        items = sorted(items, key=lambda item: _rank(record, path, item.key or ""))
    for item in items:
        child = _child(path, item.key)
        before, after = list(item.before), list(item.after)
        head = indent + ("- " if item.key is None else "")
        value = item.value
        if item.key is None and isinstance(value, Block) and value.is_map and value.items:
            # the first entry of a list item shares the dash's line, and its comments
            rest = sorted(value.items, key=lambda entry: _rank(record, child, entry.key or ""))
            first = rest[0]
            before += first.before
            after += first.after
            inner: list[str] = []
            _lines(Block(True, [Item(first.key, first.value)]), record, child, indent + INDENT, inner)
            _lines(Block(True, rest[1:]), record, child, indent + INDENT, inner)
            out += [indent + comment for comment in before]
            out.append(head + inner[0][len(indent + INDENT) :] + "".join(f"  {comment}" for comment in after[:1]))
            out += [indent + INDENT + comment for comment in after[1:]]
            out += inner[1:]
            continue
        label = indent + (f"{key_text(item.key)}:" if item.key is not None else "-")
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
            plain = _PLAIN_BY_PATH.get(child)
            if plain is not None and value is not None and plain.fullmatch(value):
                line = f"{label} {value}"
            else:
                written = _value(value, _types(record).get(child), item.key is None or child in NULL_WRITTEN)
                line = f"{label} {written}".rstrip()
        out += [indent + comment for comment in before]
        out.append(line + "".join(f"  {comment}" for comment in after[:1]))
        out += [indent + INDENT + comment for comment in after[1:]]
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


# --- the compact layout: plain data, as `dps synth` writes it ------------------------

_PLAIN_SLUG = re.compile(r"[a-z][a-z0-9-]*")


def _compact_scalar(value: str | int | Decimal | date) -> str:
    if isinstance(value, str):
        return value if _PLAIN_SLUG.fullmatch(value) and value not in YAML11_WORDS else quote(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _is_block(text: str) -> bool:
    """Multi-line text that a literal block (|-) keeps exactly."""
    lines = text.split("\n")
    return len(lines) > 1 and all(line == line.strip() and line.isprintable() and line for line in lines)


def _compact_lines(record: dict[str, Any], indent: str, out: list[str]) -> None:
    for key, value in record.items():
        if value is None:
            continue
        if isinstance(value, dict):
            out.append(f"{indent}{key}:")
            _compact_lines(value, indent + "  ", out)
        elif isinstance(value, list) and isinstance(value[0], dict):
            out.append(f"{indent}{key}:")
            for item in value:
                start = len(out)
                _compact_lines(item, indent + "    ", out)
                out[start] = f"{indent}  - {out[start][len(indent) + 4 :]}"
        elif isinstance(value, list):
            out.append(f"{indent}{key}: [{', '.join(_compact_scalar(item) for item in value)}]")
        elif isinstance(value, str) and "\n" in value and _is_block(value):
            out.append(f"{indent}{key}: |-")
            out.extend(f"{indent}  {line}" for line in value.split("\n"))
        else:
            out.append(f"{indent}{key}: {_compact_scalar(value)}")


def dump_compact(record: dict[str, Any]) -> str:
    """One record as YAML: fields in the given order, None left out, text quoted unless it is a plain slug.

    >>> print(dump_compact({"id": "NO-BRC-312345676", "size": "small", "municipality": "0301", "left": None}), end="")
    id: "NO-BRC-312345676"
    size: small
    municipality: "0301"
    """
    out: list[str] = []
    _compact_lines(record, "", out)
    return "\n".join(out) + "\n"
