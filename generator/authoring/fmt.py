"""Format: one canonical layout for every record file, comments kept, values never changed.

The layout is yamlwrite's canonical one (`dump`); this module reads a file into items
and hangs each comment on the field it stood by, so the layout can be written again.
PyYAML composes the file (never constructing values, like the loader); comments are
found in the text around the scalars' spans. The result is parsed again and compared
with the original before anything is written: a value that would change is a problem,
never a silent edit.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.authoring.yamlwrite import Block, Item, dump
from generator.load import record_type
from generator.load.yamltree import Map, Node, Scalar, Seq, decode, parse
from generator.problems import Problem, error

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# What YAML 1.1 counts as a line break (PyYAML numbers lines by these).
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


# --- a record as items with their comments ------------------------------------------


@dataclass
class _Slot:
    start: int  # first line (0-based)
    end: int  # last line
    exact: bool  # whether `end` is exact (a block collection's end mark lies on the next token)
    depth: int
    is_entry: bool
    item: Item


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
        at = match.start()
        if at < skip_to:
            continue
        inside = bisect_right(starts, at) - 1
        if inside >= 0 and at < spans[inside][1]:
            continue
        if at > 0 and text[at - 1] not in " \t\r\n\x85\u2028\u2029":
            continue
        line = bisect_right(line_starts, at) - 1
        line_break = _BREAK.search(text, at)
        end = line_break.start() if line_break else len(text)
        skip_to = end
        found.append((line, text[line_starts[line] : at].strip(" \t") == "", text[at:end].rstrip(" \t")))
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
            following = bisect_right(starts, line)
            (slots[following].item.before if following < len(slots) else tail).append(comment)
    return header, tail


# --- checking and formatting ---------------------------------------------------------


def plain(node: Node | None) -> Any:
    """A parsed tree as plain data, to compare two files' values."""
    if isinstance(node, Map):
        return {k: plain(v) for k, v in node.items.items()}
    if isinstance(node, Seq):
        return [plain(i) for i in node.items]
    return node.text if isinstance(node, Scalar) else None


Read = tuple[Node, Block, list[str], list[str], list[tuple[int, bool, str]]]


def read_items(text: str, file: str) -> tuple[Read | None, list[Problem]]:
    """A record file's text as items with their comments (and its parsed tree, header and tail comments, and
    every comment found), or None with the problems that stop it: what `dps fmt` and `dps import` rewrite."""
    tree, problems = parse(text, file)
    if tree is None or problems:
        return None, problems
    node = yaml.compose(text, Loader=_Loader)
    slots: list[_Slot] = []
    root = _items(node, 0, slots) if node is not None else None
    if not isinstance(root, Block) or not root.is_map:
        return None, [error("not-a-mapping", file, 1, "", "the record must be a mapping of fields; fmt leaves it")]
    found = comments(text, node)
    header, tail = _attach(slots, found)
    return (tree, root, header, tail, found), []


def format_text(text: str, record: str, file: str) -> tuple[str | None, list[Problem]]:
    """The canonical form of a record file's text, or None with the problems that stop it.

    >>> format_text("name: Fjordtolk AS  # as registered\\nid: NO-BRC-312345692\\n", "supplier", "x.yaml")[0]
    'id: "NO-BRC-312345692"\\nname: "Fjordtolk AS"  # as registered\\n'
    """
    read, problems = read_items(text, file)
    if read is None:
        return None, problems
    tree, root, header, tail, found = read
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
