"""Read: one record file becomes its problems and its rows, as plain data (`pack`) a worker or the cache can hold.

A file is read with limits (size, list entries) so one hostile file cannot hold up the rest.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from pathlib import Path

from generator import schemas
from generator.limits import MAX_FILE_BYTES, MAX_LIST_ITEMS
from generator.load.dataset import Dataset
from generator.load.discover import classify
from generator.load.nodes import Map, Scalar, Seq
from generator.load.rows import RowData, Shared, row_data
from generator.load.shapes import shape_problems
from generator.load.yamltree import decode, parse
from generator.problems import Problem, error


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
    return problems, [(resource, row_data(tree, resource)) for resource in schemas.resources_of(record)]


Reader = Callable[[str, Path, str], tuple[list[Problem], list[tuple[str, list[RowData]]]]]


def pack(read: Reader, path: str, parts: tuple[str, ...], shown: str) -> bytes:
    """What looking at and loading a file (with `read`, which is read_record) gave, as bytes without the file's
    place (a cache may serve it under another root): whether it holds a record, its problems, its rows.

    In marshal's form, not pickle's: it is as quick to read and keeps a string interned, so the texts of dates
    and numbers (interned by row_data) are one object each in the loading process, not one per cell.
    """
    file = Path(path)  # made once: a path costs as much to make as a small record to cast
    record, problem = classify(file, parts, shown)
    problems, rows = read(record, file, shown) if record is not None else ([problem] if problem else [], [])
    bare = [(p.rule, p.severity, p.line, p.field, p.message) for p in problems]
    return marshal.dumps((record is not None, bare, rows))


def unpack(packed: bytes, shown: str, dataset: Dataset, shared: Shared) -> tuple[bool, list[Problem]]:
    """Add a packed file's rows to the dataset, placed at `shown`; whether it is a record, and its problems.

    The bytes are this program's own (from a worker, or from a cache sealed under this user's key): marshal,
    like pickle, is not for bytes from anyone else."""
    is_record, bare, rows = marshal.loads(packed)
    for resource, data in rows:
        if data:  # most files fill only some of their record type's resources
            dataset.tables[resource] += shared.rows(resource, data, shown)
    return is_record, [
        Problem(rule, severity, shown, line, field, message) for rule, severity, line, field, message in bare
    ]
