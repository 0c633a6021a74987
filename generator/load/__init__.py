"""Load: the record files under `data/` become typed table rows that remember their place.

Each record type fills the resources whose table schema names it (`x-record`); each
column's `x-yaml` path says where its value sits in the record. Values are cast by the
column's type here, and the text as written is kept for the schema check.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache as memoized
from functools import partial
from pathlib import Path
from typing import Any

from generator import schemas
from generator.limits import MAX_FILE_BYTES, MAX_LIST_ITEMS, MAX_RECORD_FILES
from generator.load.cache import LoadCache, file_key
from generator.load.yamltree import Map, Node, Scalar, Seq, decode, parse, printable
from generator.problems import Problem, error

# record type -> (folder under data/, folder depth below it)
RECORD_FOLDERS = {"scheme": ("schemes", 0), "supplier": ("suppliers", 0), "award": ("awards", 1)}
IMPLICIT_CATEGORY = "all"


@dataclass(slots=True)
class Row:
    """One table row: typed values, the text as written, and where each came from.

    Where each value came from is kept as line numbers and list positions, not as strings:
    a national dataset has over half a million rows.
    """

    values: dict[str, Any]
    text: dict[str, str | None]
    file: str
    line: int
    spots: dict[str, tuple[str, int]] | None = None  # column -> (YAML path, line), for rows made by hand
    resource: str = ""
    lines: tuple[int, ...] = ()  # each column's line, in the resource's column order
    indices: tuple[int, ...] = ()  # the row's position in each list it comes from; -1: an absent list

    def spot(self, column: str) -> tuple[str, int]:
        """The YAML path and line of a column's value, e.g. ('admissions[0].categories[1]', 8)."""
        if self.spots is not None:
            return self.spots.get(column, (column, self.line))
        if not self.resource:
            return column, self.line
        position, template, chain = _places(self.resource)[column]
        parts = template.split("[]")
        path = parts[0] + "".join(
            ("" if self.indices[level] < 0 else f"[{self.indices[level]}]") + part
            for level, part in zip(chain, parts[1:], strict=True)
        )
        return path, self.lines[position]


@dataclass
class Dataset:
    root: Path
    tables: dict[str, list[Row]] = field(default_factory=lambda: {r: [] for r in schemas.RESOURCES})
    files: int = 0
    unread_schemes: frozenset[str] = frozenset()  # ids of scheme files that gave no scheme (problems say why)
    buyer_from_scheme: set[str] = field(default_factory=set)  # award files whose buyer is their scheme's


def without_dependents(dataset: Dataset, schemes: frozenset[str]) -> Dataset:
    """The dataset without the rows that belong to or refer to these schemes: the same rows, not copies."""
    tables = {
        resource: [row for row in rows if row.values.get("scheme_id") not in schemes]
        for resource, rows in dataset.tables.items()
    }
    return Dataset(dataset.root, tables, dataset.files, dataset.unread_schemes, dataset.buyer_from_scheme)


# --- casting ---------------------------------------------------------------------

# One way to write each number, so the text written and the value read are the same: no plus sign,
# leading zero (YAML 1.1 reads 0150 as octal 104), exponent, separators or negative zero.
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def cast(kind: str, text: str | None) -> Any:
    """The typed value of `text` for a table-schema type, or None when absent or invalid.

    >>> cast("date", "2024-02-29"), cast("integer", "150"), cast("integer", "0150"), cast("string", "0150")
    (datetime.date(2024, 2, 29), 150, None, '0150')
    """
    if text is None or text == "":
        return None
    if kind == "string":
        return text
    if kind in ("integer", "number") and text.startswith("-") and not text.strip("-0."):
        return None  # negative zero
    try:
        if kind == "integer" and _INTEGER.fullmatch(text):
            return int(text)
        if kind == "number" and _NUMBER.fullmatch(text):
            return Decimal(text)
        if kind == "date" and _DATE.fullmatch(text):
            return date.fromisoformat(text)
    except (ValueError, InvalidOperation):
        return None
    return None


# --- from a record tree to rows ----------------------------------------------------


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
def _plan(resource: str) -> tuple[tuple[_Level, ...], tuple[_Column, ...]]:
    """How one resource's rows come out of a record, worked out once per resource."""
    cols = schemas.columns(resource)
    names = _list_levels([c.yaml for c in cols])

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
    for col in cols:
        level = max((i for i, lv in enumerate(names) if col.yaml.startswith(lv)), default=-1, key=len_of)
        start = len(names[level]) if level >= 0 else 0
        columns.append(_Column(col.name, col.type, col.default, level, _keys(col.yaml[start:])))
    return tuple(levels), tuple(columns)


@memoized
def _steps(
    resource: str,
) -> tuple[tuple[int, tuple[str, ...], str | None, Callable[[str | None], Any] | None], ...]:
    """Each column's (level, keys, default, cast) as a plain tuple, for the loop that runs per row and column.

    A string column's cast is None: its value is its text, or None when empty (cast() without the call).
    """
    return tuple(
        (col.level, col.keys, col.default, None if col.kind == "string" else partial(cast, col.kind))
        for col in _plan(resource)[1]
    )


@memoized
def _places(resource: str) -> dict[str, tuple[int, str, tuple[int, ...]]]:
    """column -> (position, YAML path template, the list levels its [] stand for, outermost first)."""
    names = _list_levels([c.yaml for c in schemas.columns(resource)])
    return {
        col.name: (i, col.yaml, tuple(n for n, lv in enumerate(names) if col.yaml.startswith(lv)))
        for i, col in enumerate(schemas.columns(resource))
    }


def _resolve(start: Node | None, keys: tuple[str, ...]) -> Node | None:
    node = start
    for key in keys:
        if not isinstance(node, Map):
            return None
        node = node.items.get(key)
    return node


# One row as plain tuples, in the resource's column order: values, text as written, the row's line,
# each column's line, and its position in each list it comes from. Cheap to send between processes.
RowData = tuple[tuple[Any, ...], tuple[str | None, ...], int, tuple[int, ...], tuple[int, ...]]


def record_rows(tree: Map, resource: str, file: str) -> list[Row]:
    """Expand one record into the rows of one resource."""
    return [_row(resource, data, file) for data in _record_row_data(tree, resource)]


@memoized
def _names(resource: str) -> tuple[str, ...]:
    return tuple(c.name for c in schemas.columns(resource))


def _row(resource: str, data: RowData, file: str, shared: Shared | None = None) -> Row:
    names = _names(resource)
    values, texts, line, lines, indices = data
    if shared is not None:
        values, texts = shared.shared(resource, values, texts)
        lines = shared.layouts.setdefault(lines, lines)
        indices = shared.layouts.setdefault(indices, indices)
    return Row(
        _keyed(_holder(resource, "values"), names, values),
        _keyed(_holder(resource, "text"), names, texts),
        file,
        line,
        None,
        resource,
        lines,
        indices,
    )


@memoized
def _typed(resource: str) -> tuple[int, ...]:
    """The positions of a resource's columns that are not text: dates and numbers."""
    return tuple(i for i, col in enumerate(schemas.columns(resource)) if col.type != "string")


class Shared:
    """What many rows hold alike, held once while a dataset loads: each date or number as written with its
    value, and each tuple of lines or list positions (records written alike have the same). A national
    dataset holds over a million dates but a few thousand distinct ones.

    A value is the cast of its text by its column's type, so equal texts of a column may share one value.
    Text columns are not shared: looking up their millions of cells would cost more time than it saves.
    """

    def __init__(self) -> None:
        self.layouts: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.cells: dict[str, list[dict[str, tuple[str, Any]]]] = {
            resource: [{} for _ in _typed(resource)] for resource in schemas.RESOURCES
        }

    def shared(
        self, resource: str, values: tuple[Any, ...], texts: tuple[str | None, ...]
    ) -> tuple[Sequence[Any], Sequence[str | None]]:
        """A row's values and texts, sharing the objects of earlier rows where equal."""
        typed = _typed(resource)
        if not typed:
            return values, texts
        shared_values, shared_texts = list(values), list(texts)
        for position, memo in zip(typed, self.cells[resource], strict=True):
            text = texts[position]
            if text is not None:
                shared_texts[position], shared_values[position] = memo.setdefault(text, (text, values[position]))
        return shared_values, shared_texts


@memoized
def _holder(resource: str, kind: str) -> type:
    """A class whose instances' attribute dicts all hold one resource's columns, in its column order."""
    return type(f"_{resource}_{kind}", (), {})


def _keyed(holder: type, names: tuple[str, ...], items: Sequence[Any]) -> dict[str, Any]:
    """A plain dict of names to items, smaller than dict(zip(...)).

    The attribute dicts of one class's instances share a single table of keys when filled in the same order
    (CPython's key-sharing dicts, PEP 412): each holds only its values. With a million dicts of 3 to 21
    columns that saves about a third of the dataset's memory. It is an ordinary dict in every other way.
    """
    keyed: dict[str, Any] = holder().__dict__
    keyed.update(zip(names, items, strict=True))
    return keyed


def _record_row_data(tree: Map, resource: str) -> list[RowData]:
    levels = _plan(resource)[0]
    # a binding: the item at each list level so far, and its position in its list
    bindings: list[tuple[tuple[Node, ...], tuple[int, ...]]] = [((), ())]
    for level in levels:
        expanded = []
        for nodes, indices in bindings:
            anchor = nodes[level.parent] if level.parent >= 0 else tree
            seq = _resolve(anchor, level.keys)
            if isinstance(seq, Seq) and seq.items:
                # an entry of the wrong shape is a shape problem already, not a row of absent values
                expanded += [
                    ((*nodes, item), (*indices, i)) for i, item in enumerate(seq.items) if isinstance(item, level.items)
                ]
            elif level.default:
                expanded.append(((*nodes, Scalar(None, _line_of(anchor, tree))), (*indices, -1)))
        bindings = expanded
        if not bindings:  # an empty or absent list: no rows, and nothing nested inside it
            break
    rows = []
    steps = _steps(resource)
    for nodes, indices in bindings:
        values = []
        texts = []
        lines = []
        for level, keys, default, caster in steps:
            anchor = nodes[level] if level >= 0 else tree
            node: Node | None = anchor
            for key in keys:
                node = node.items.get(key) if type(node) is Map else None
            lines.append(anchor.line if node is None else node.line)
            text = node.text if type(node) is Scalar else None
            if text is None:
                text = default
            texts.append(text)
            values.append(text or None if caster is None else caster(text))
        line = _line_of(nodes[-1] if nodes else tree, tree)
        rows.append((tuple(values), tuple(texts), line, tuple(lines), indices))
    return rows


def _line_of(node: Node | None, tree: Map) -> int:
    return node.line if isinstance(node, Scalar | Map | Seq) else tree.line


@memoized
def _shapes(record: str) -> dict[str, str]:
    """Every YAML path a record type may hold, with its shape: 'map', 'list' or 'value'."""
    shapes: dict[str, str] = {"": "map"}
    for resource in schemas.resources_of(record):
        for col in schemas.columns(resource):
            parts = re.split(r"(\.|\[\])", col.yaml)
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


# --- files -------------------------------------------------------------------------

_PLACES = "data/schemes/<id>.yaml, data/suppliers/<id>.yaml or data/awards/<scheme-id>/<id>.yaml"


def record_type(parts: tuple[str, ...]) -> str | None:
    """The record type a file's place under data/ implies, or None if it belongs nowhere."""
    for record, (folder, depth) in RECORD_FOLDERS.items():
        if len(parts) == depth + 2 and parts[0] == folder and parts[-1].endswith(".yaml"):
            return record
    return None


_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10))})


def _entry_problem(path: Path, shown: str, is_file: bool) -> Problem | None:
    """Why a file or folder under data/ cannot hold records, or None."""
    name = path.name
    try:
        mode = path.lstat().st_mode
    except OSError as exc:  # gone or barred since the folder was listed
        return error("unreadable", shown, 1, "", f"cannot read it: {exc.strerror}")
    if stat.S_ISLNK(mode):
        return error("symlink", shown, 1, "", "symbolic links are not allowed in data/; commit the file itself")
    if name.startswith("."):
        return error(
            "hidden-file", shown, 1, "", "a hidden file would not be published; a record file is named by its id"
        )
    if printable(name) != name:  # control characters, line breaks or bytes that are not UTF-8
        return error("file-name", shown, 1, "", "the name holds characters that cannot be shown; name it by the id")
    if name.split(".")[0].lower() in _RESERVED:
        return error(
            "reserved-name",
            shown,
            1,
            "",
            f"{name} is a reserved name on Windows, so it cannot be checked out there; choose another id",
        )
    if is_file and not stat.S_ISREG(mode):
        return error("not-a-file", shown, 1, "", "only regular files belong in data/")
    return None


def _case_clashes(here: Path, names: list[str]) -> list[Problem]:
    """Names in one folder that differ only in letter case: one file on Windows and macOS."""
    first: dict[str, str] = {}
    problems = []
    for name in names:
        key = unicodedata.normalize("NFC", name).casefold()
        if key in first:
            message = (
                f"differs only in letter case from {printable(first[key])}; on Windows and macOS they are one file"
            )
            problems.append(error("case-clash", printable((here / name).as_posix()), 1, "", message))
        else:
            first[key] = name
    return problems


# A file that may hold a record: its path (POSIX form, root included) and its parts under root.
Candidate = tuple[str, tuple[str, ...]]


def _walk(root: Path) -> list[Problem | Candidate]:
    """The folders under root in sorted order: their problems and the files that may hold records, in order.

    Only names are looked at here (and folders, to know where not to descend): each file is looked at
    in _classify, which large datasets run in worker processes.
    """
    items: list[Problem | Candidate] = []
    files = 0

    def unreadable(exc: OSError) -> None:
        items.append(error("unreadable", printable(str(exc.filename)), 1, "", f"cannot read it: {exc.strerror}"))

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        here = Path(folder)
        below = here.parts[len(root.parts) :]  # the folder's place under root, once per folder, not per file
        dirnames.sort()
        filenames.sort()
        items += _case_clashes(here, sorted(dirnames + filenames))
        kept = []
        for name in dirnames:
            if name.startswith("."):
                continue  # a tool's folder (.git, .vscode): not read, as git's own folder is not
            path = here / name
            problem = _entry_problem(path, printable(path.as_posix()), is_file=False)
            items += [problem] if problem else []
            kept += [] if problem else [name]
        dirnames[:] = kept  # never descend into what was refused
        prefix = here.as_posix()
        prefix += "" if prefix.endswith("/") else "/"
        for name in filenames:
            files += 1
            if files > MAX_RECORD_FILES:
                message = f"more than {MAX_RECORD_FILES:,} files (national scale is about 221,000); nothing was read"
                return [error("file-count", printable(root.as_posix()), 1, "", message)]
            parts = (*below, name)
            if parts == ("README.md",) or (name.startswith(".") and not name.endswith(".yaml")):
                continue  # a hidden file is a tool's (.gitkeep, .DS_Store): a hidden record file is refused
            items.append(((prefix if prefix != "./" else "") + name, parts))  # as (here / name).as_posix()
    return items


def _classify(path: Path, parts: tuple[str, ...], shown: str) -> tuple[str | None, Problem | None]:
    """A file's record type, or why it holds no record."""
    problem = _entry_problem(path, shown, is_file=True)
    record = record_type(parts)
    if problem is None and record is None:
        problem = error("wrong-folder", shown, 1, "", f"a record file belongs at {_PLACES}")
    return (None, problem) if problem is not None else (record, None)


def discover(root: Path) -> tuple[list[tuple[str, Path, str]], list[Problem]]:
    """Every record file under root as (record type, path, path shown in problems), sorted.

    Folders are walked in sorted order, so problems and rows come out the same on every machine.
    """
    found: list[tuple[str, Path, str]] = []
    problems: list[Problem] = []
    for item in _walk(root):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        path, parts = item
        shown = printable(path)
        record, problem = _classify(Path(path), parts, shown)
        if record is not None:
            found.append((record, Path(path), shown))
        elif problem is not None:
            problems.append(problem)
    return found, problems


def _identity_problems(tree: Map, record: str, path: Path, shown: str) -> list[Problem]:
    """The file name is the record's id; an award's folder is its scheme."""
    problems = []
    expected = {"id": path.stem}
    if record == "award":
        expected["scheme"] = path.parent.name
    for key, want in expected.items():
        node = tree.items.get(key)
        if isinstance(node, Scalar) and node.text and node.text != want:  # an empty id is a required problem
            where = "file name" if key == "id" else "folder name"
            problems.append(
                error(
                    "file-name",
                    shown,
                    node.line,
                    key,
                    f"{key} '{node.text}' differs from the {where} '{want}'; rename the file or fix the {key}",
                )
            )
    return problems


def _list_size_problems(tree: Map, shown: str) -> list[Problem]:
    """A record's lists (winners, admissions and their categories) hold at most MAX_LIST_ITEMS entries in all.

    Past that, each entry could cost a check a millisecond (frictionless makes an object per problem), so
    one hostile file could hold up every check for minutes. The lists of such a record give no rows.
    """
    lists = {key: node for key, node in tree.items.items() if type(node) is Seq}
    for key, outer in list(lists.items()):
        for i, item in enumerate(outer.items):
            if type(item) is Map:
                lists.update((f"{key}[{i}].{k}", n) for k, n in item.items.items() if type(n) is Seq)
    entries = sum(len(node.items) for node in lists.values())
    if entries <= MAX_LIST_ITEMS:
        return []
    path, longest = max(lists.items(), key=lambda found: len(found[1].items))
    message = (
        f"the record's lists hold {entries:,} entries ({len(longest.items):,} here); a record holds at most"
        f" {MAX_LIST_ITEMS:,}: check the file, and ask the maintainers if a real record needs more"
    )
    for node in lists.values():
        node.items = []
    return [error("list-size", shown, longest.line, path, message)]


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, but never more than one past the limit in memory, however large the file.

    Unbuffered: a buffered file object costs twice as much for a small file.
    """
    with path.open("rb", buffering=0) as stream:
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = stream.read(MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)


def read_record(record: str, path: Path, shown: str) -> tuple[list[Problem], list[tuple[str, list[RowData]]]]:
    """One record file's problems, and its rows for each resource its record type fills."""
    try:
        data = _read_bytes(path)
    except OSError as exc:
        return [error("unreadable", shown, 1, "", f"cannot read it: {exc.strerror}")], []
    if len(data) > MAX_FILE_BYTES:
        return [
            error("file-size", shown, 1, "", f"the file is over {MAX_FILE_BYTES:,} bytes; a record is much smaller")
        ], []
    text, problems = decode(data, shown)
    if text is None:
        return problems, []
    tree, problems = parse(text, shown)
    if tree is None:
        return problems, []
    problems += shape_problems(tree, record, shown)
    if not isinstance(tree, Map):
        return problems, []
    problems += _identity_problems(tree, record, path, shown)
    problems += _list_size_problems(tree, shown)
    return problems, [(resource, _record_row_data(tree, resource)) for resource in schemas.resources_of(record)]


def load_file(record: str, path: Path, shown: str, dataset: Dataset) -> list[Problem]:
    """Add one record file's rows to the dataset; return its problems."""
    problems, rows = read_record(record, path, shown)
    for resource, data in rows:
        dataset.tables[resource] += [_row(resource, row, shown) for row in data]
    return problems


# --- many files: in worker processes, and from a cache -----------------------------------

PARALLEL_FROM_FILES = 2_000  # fewer files load faster here than worker processes take to start
_CHUNK = 500  # files per task: large enough to keep the workers' overhead low, small to share the work evenly


def _pack(path: str, parts: tuple[str, ...], shown: str) -> bytes:
    """What looking at and loading a file gave, as bytes without the file's place (a cache may serve it under
    another root): whether it holds a record, its problems, its rows."""
    file = Path(path)  # made once: a path costs as much to make as a small record to cast
    record, problem = _classify(file, parts, shown)
    problems, rows = read_record(record, file, shown) if record is not None else ([problem], [])
    bare = [(p.rule, p.severity, p.line, p.field, p.message) for p in problems if p is not None]
    return pickle.dumps((record is not None, bare, rows), protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(packed: bytes, shown: str, dataset: Dataset, shared: Shared) -> tuple[bool, list[Problem]]:
    """Add a packed file's rows to the dataset, placed at `shown`; whether it is a record, and its problems."""
    is_record, bare, rows = pickle.loads(packed)
    for resource, data in rows:
        dataset.tables[resource] += [_row(resource, row, shown, shared) for row in data]
    return is_record, [
        Problem(rule, severity, shown, line, field, message) for rule, severity, line, field, message in bare
    ]


def _parallel(files: int, workers: int) -> bool:
    return workers >= 2 and files >= PARALLEL_FROM_FILES and "fork" in multiprocessing.get_all_start_methods()


def _pack_chunk(chunk: list[tuple[str, tuple[str, ...], str]]) -> list[bytes]:
    return [_pack(*entry) for entry in chunk]


def _packed(files: list[tuple[str, tuple[str, ...], str]], workers: int) -> Iterator[bytes]:
    """Each file looked at, loaded and packed, in order: in forked worker processes when there are many."""
    if not _parallel(len(files), workers):
        yield from (_pack(*entry) for entry in files)
        return
    chunks = [files[i : i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for packed in pool.imap(_pack_chunk, chunks):
            yield from packed


def default_workers() -> int:
    """Worker processes to use: one per core this process may run on."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cores)


def _apply_defaults(dataset: Dataset) -> None:
    """A scheme without categories has one implicit category; an award's buyer defaults to its scheme's."""
    with_categories = {row.values["scheme_id"] for row in dataset.tables["categories"]}
    implicit = []
    for scheme in dataset.tables["schemes"]:
        if scheme.values["scheme_id"] in with_categories:
            continue
        text = {
            "scheme_id": scheme.text["scheme_id"],
            "category_id": IMPLICIT_CATEGORY,
            "title": scheme.text["title"],
            "description": None,
            "cpv": scheme.text["cpv"],
        }
        row = Row({}, text, scheme.file, scheme.line, {c: scheme.spot(c) for c in ("scheme_id", "title", "cpv")})
        row.values = {c.name: cast(c.type, text[c.name]) for c in schemas.columns("categories")}
        implicit.append(row)
    dataset.tables["categories"] += implicit
    buyers = {row.values["scheme_id"]: row for row in dataset.tables["schemes"]}
    for award in dataset.tables["awards"]:
        scheme = buyers.get(award.values["scheme_id"])
        if scheme is not None and award.text["buyer_id"] is None and award.text["buyer_name"] is None:
            for column in ("buyer_id", "buyer_name"):
                award.text[column] = scheme.text[column]
                award.values[column] = scheme.values[column]
            dataset.buyer_from_scheme.add(award.file)


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection inside (nor in processes forked inside), as before after.

    Loading and checking make millions of objects and no reference cycles among them (any made are
    collected later): collections meanwhile, walking every object, only cost time (several seconds).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load(root: Path, cache: Path | None = None, workers: int | None = None) -> tuple[Dataset, list[Problem]]:
    """Read every record under root; with a cache folder, only the files changed since the last run.

    Many files are read in `workers` forked processes (default: one per core). The dataset and the
    problems are the same whichever way the files were read.

    >>> dataset, problems = load(Path("data"))  # doctest: +SKIP
    >>> len(dataset.tables["schemes"])  # doctest: +SKIP
    10
    """
    with collection_paused():
        dataset, problems, parallel = _load(root, cache, workers)
    if parallel:
        # The rows live as long as the run: out of the collector's sight, later collections here and in forked
        # workers do not walk them (a walk writes to every object, so the workers' copies of the pages would part).
        gc.freeze()
    return dataset, problems


def _load(root: Path, cache: Path | None, workers: int | None) -> tuple[Dataset, list[Problem], bool]:
    dataset = Dataset(root)
    items = _walk(root)
    files = [(path, parts, printable(path)) for path, parts in (i for i in items if not isinstance(i, Problem))]
    store = LoadCache(cache) if cache is not None else None
    names = ["/".join(parts) for _, parts, _ in files] if store else []
    keys = [file_key(path) for path, _, _ in files] if store else []
    cached = [store.get(name, key) for name, key in zip(names, keys, strict=True)] if store else [None] * len(files)
    workers = workers or default_workers()
    fresh = _packed([f for f, hit in zip(files, cached, strict=True) if hit is None], workers)
    found: list[Problem] = []  # as discover() gives them: the folders' and the files' own, in order
    problems: list[Problem] = []  # then each record's
    records = 0
    position = 0
    shared = Shared()
    for item in items:
        if isinstance(item, Problem):
            found.append(item)
            continue
        shown = files[position][2]
        packed = cached[position] or next(fresh)
        is_record, here = _unpack(packed, shown, dataset, shared)
        # kept by its path under root, so a message naming the file itself would be wrong under another root
        if store and cached[position] is None and not any(shown in p.message for p in here):
            store.put(names[position], keys[position], packed)
        records += is_record
        (problems if is_record else found).extend(here)
        position += 1
    if store:
        store.save()
    problems = found + problems
    dataset.files = records
    scheme_files = {parts[1][: -len(".yaml")] for _, parts, _ in files if record_type(parts) == "scheme"}
    dataset.unread_schemes = frozenset(scheme_files - {row.values["scheme_id"] for row in dataset.tables["schemes"]})
    _apply_defaults(dataset)
    return dataset, problems, _parallel(len(files), workers)
