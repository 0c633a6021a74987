"""The record files an import reads and writes: each read once, edited in memory, written at the end of the
batch atomically (a temporary file beside it, then os.replace) and only when one of its values changed.

A file is rewritten in `dps fmt`'s canonical layout (its comments kept), so `dps fmt --check` passes after an
import. A file that cannot be read is never written: the notices that would change it are reported instead.
A write that fails leaves that file as it was and the others are still written.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.authoring.fmt import read_items
from generator.authoring.yamlwrite import Block, dump
from generator.importing.blocks import merge, plain
from generator.load.yamltree import decode
from generator.problems import Problem, error

FOLDERS = {"scheme": "schemes", "supplier": "suppliers", "award": "awards"}


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
        except OSError as exc:
            self.broken[path] = [error("import-record", shown, 0, "", f"cannot be read: {exc.strerror or exc}")]
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
        record = Record(kind, path, shown, block, plain(block), header, tail)
        self.records[path] = record
        return record

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
                problems.append(
                    error("import-write", record.shown, 0, "", f"not written ({exc.strerror or exc}); left as it was")
                )
        return problems


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
