"""The record files an import reads and writes: each read once, edited in memory, written at the end of the
batch atomically (a temporary file beside it, then os.replace) and only when one of its values changed.

A file is rewritten in `dps fmt`'s canonical layout (its comments kept), so `dps fmt --check` passes after an
import. A file that cannot be read is never written: the notices that would change it are reported instead.
A write that fails leaves that file as it was and the others are still written. Once the files are written, a
problem about a record is placed on the line of its field in the file as the import left it (`place`).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from generator.authoring.fmt import read_items
from generator.authoring.yamlwrite import Block, dump
from generator.importing.blocks import merge, plain
from generator.load.yamltree import Map, Node, Seq, decode, parse
from generator.problems import Problem, error

FOLDERS = {"scheme": "schemes", "supplier": "suppliers", "award": "awards"}
_STEP = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")  # a field path's keys and list positions: admissions[2].left


@dataclass
class Record:
    """One record file as items, with its values as they were when read (None: a new file)."""

    kind: str
    path: Path
    shown: str
    block: Block
    before: Any
    header: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    text: str | None = None  # the file's text as it is on disk (read, or written since); None: no file

    @property
    def values(self) -> Any:
        return plain(self.block)

    @property
    def is_new(self) -> bool:
        return self.before is None


class Store:
    """The records of one data folder that an import has looked at."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.records: dict[Path, Record] = {}
        self.broken: dict[Path, list[Problem]] = {}

    def path(self, kind: str, record_id: str, scheme: str | None = None) -> Path:
        folder = self.data_dir / FOLDERS[kind]
        return (folder / scheme if kind == "award" and scheme else folder) / f"{record_id}.yaml"

    def shown(self, path: Path) -> str:
        return path.as_posix()

    def get(self, kind: str, path: Path) -> Record | None:
        """The record at `path` (read on first use), or None if there is none; a file that cannot be read is in
        `broken` with its problems, and None."""
        if path in self.records:
            return self.records[path]
        if path in self.broken or not path.is_file():
            return None
        shown = self.shown(path)
        try:
            data = path.read_bytes()
        except OSError as exc:  # the whole file: its first line, as `dps validate` places a file it cannot read
            self.broken[path] = [error("import-record", shown, 1, "", f"cannot be read: {exc.strerror or exc}")]
            return None
        text, problems = decode(data, shown)
        read, found = read_items(text, shown) if text is not None else (None, problems)
        if read is None:
            self.broken[path] = [
                error("import-record", shown, p.line, p.field, f"{p.message}; the import leaves the file as it is")
                for p in found
                if p.is_error
            ] or [error("import-record", shown, 1, "", "cannot be read; the import leaves the file as it is")]
            return None
        _, block, header, tail, _ = read
        record = Record(kind, path, shown, block, plain(block), header, tail, text)
        self.records[path] = record
        return record

    def schemes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """The scheme records already in the data folder that can be read, as (id, values), in file order."""
        folder = self.data_dir / FOLDERS["scheme"]
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            record = self.get("scheme", path)
            if record is not None and isinstance(record.values, dict):
                yield path.stem, record.values

    def create(self, kind: str, path: Path, fields: dict[str, Any]) -> Record:
        block = Block(True, [])
        merge(block, fields)
        record = Record(kind, path, self.shown(path), block, None)
        self.records[path] = record
        return record

    def changed(self) -> list[Record]:
        """The records whose values differ from the file's (or that are new), in path order."""
        return [r for _, r in sorted(self.records.items()) if r.values != r.before]

    def write(self) -> list[Problem]:
        """Write every changed record; a problem for each that could not be written."""
        problems = []
        for record in self.changed():
            text = dump(record.kind, record.block, record.header, record.tail)
            try:
                write_atomically(record.path, text.encode("utf-8"))
            except OSError as exc:
                kept = "left as it was" if record.text is not None else "no file was created"
                problems.append(
                    error("import-write", record.shown, 1, "", f"not written ({exc.strerror or exc}); {kept}")
                )
            else:
                record.text = text
        return problems

    def place(self, problems: list[Problem]) -> list[Problem]:
        """The problems, each one about a record made during the batch (line 0) on the line of its field in the
        file as the import left it: a field written, on its own line; an absent one, on the line of the field
        that would hold it, or the record's first line (as `dps validate` places a missing field). A record whose
        new file could not be written has no lines: its problems say so, at line 1."""
        records = {r.shown: r for r in self.records.values()}
        trees: dict[str, Node | None] = {}
        placed = []
        for problem in problems:
            record = records.get(problem.file)
            if problem.line != 0 or record is None:
                placed.append(problem)
                continue
            if record.text is None:
                message = f"{problem.message} (the record's new file was not written: see the import-write error)"
                placed.append(replace(problem, line=1, message=message))
                continue
            if problem.file not in trees:
                trees[problem.file] = parse(record.text, problem.file)[0]
            placed.append(replace(problem, line=field_line(trees[problem.file], problem.field)))
        return placed


def field_line(tree: Node | None, path: str) -> int:
    """The line of the field at `path` (`buyer.id`, `admissions[2].left`) in a record's tree: where it is written,
    else where the nearest field holding it is, else the record's first line.

    >>> tree = parse('id: "x"\\nbuyer:\\n  name: "B"\\nadmissions:\\n  - scheme: "s"\\n', "x.yaml")[0]
    >>> field_line(tree, "buyer.name"), field_line(tree, "buyer.id"), field_line(tree, "cpv")
    (3, 2, 1)
    >>> field_line(tree, "admissions[0].scheme"), field_line(tree, "admissions[3].left")
    (5, 4)
    """
    line = tree.line if tree is not None else 1
    node = tree
    for key, position in _STEP.findall(path):
        if isinstance(node, Map) and key in node.items:
            line, node = node.key_lines.get(key, node.items[key].line), node.items[key]
        elif isinstance(node, Seq) and position and int(position) < len(node.items):
            node = node.items[int(position)]
            line = node.line
        else:
            break
    return line


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all: a reader sees the old file or the new one, never half. A file
    that replaces one already there is flushed to disk first, so not even a power cut loses the old record; a new
    file is not (it replaces nothing, and a batch of thousands would wait on the disk for each)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.exists()
    mode = path.stat().st_mode & 0o7777 if existing else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, mode)  # mkstemp makes it private; the record keeps its own mode, a new one the usual
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if existing:
                out.flush()
                os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@cache
def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
