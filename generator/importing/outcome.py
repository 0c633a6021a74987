"""What importing one file did, as both importers (notices: apply.py, OCDS: ocds_apply.py) keep it: its status,
the records it created and changed, and the warnings about scheme fields it left for people to write.

Problems about a record file are made at line 0 while the batch runs, because later files of the batch may still
change that record; the batch places them on their field's line once the files are written (Store.place).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator.importing.store import Record, Store
from generator.problems import Problem, warning

Status = Literal["created", "updated", "unchanged", "skipped", "failed"]
# what `dps validate` requires of a scheme that is not known only from call-offs, less what a person can know
_REQUIRED = ("title", "buyer.id", "buyer.name", "type", "cpv", "published")


@dataclass
class Outcome:
    """What importing one notice file (or one OCDS release) did."""

    file: str
    status: Status = "unchanged"
    notice: str | None = None  # its id as `sources` writes it
    kind: str | None = None  # setup, award, other
    created: list[str] = field(default_factory=list)  # record files
    updated: list[str] = field(default_factory=list)
    reason: str | None = None  # why it was skipped or left unchanged
    stub: str | None = None  # the DPS notice to import next, when linked to a scheme known only from call-offs
    problems: list[Problem] = field(default_factory=list)


def same_source(old: Any, new: dict[str, Any]) -> bool:
    """One `sources` entry per notice (the tables' key): the same notice read again, from another format (TED XML
    and its eForms conversion) or as another release of an OCDS process, is that entry."""
    return isinstance(old, dict) and old.get("notice") == new["notice"]


class Touched:
    """Which records one file's import touched, and their values before it: what it created or changed."""

    def __init__(self, store: Store):
        self.store = store
        self.before: dict[Path, Any] = {}

    def open(self, kind: str, path: Path, outcome: Outcome) -> tuple[Record | None, bool]:
        """The record at `path` (None: no file yet) and whether it may be written: a file that cannot be read may
        not, and its problems go to the outcome."""
        record = self.store.get(kind, path)
        if path in self.store.broken:
            outcome.problems += self.store.broken[path]
            return None, False
        if path not in self.before:
            self.before[path] = record.values if record is not None else None
        return record, True

    def finish(self, outcome: Outcome) -> Outcome:
        """The outcome with the records created and updated, its status set from them; ready for the next file."""
        for path, before in self.before.items():
            record = self.store.records.get(path)
            if record is None:
                continue
            if before is None:
                outcome.created.append(record.shown)
            elif record.values != before:
                outcome.updated.append(record.shown)
        self.before = {}
        if outcome.status not in ("skipped", "failed"):
            outcome.status = "created" if outcome.created else "updated" if outcome.updated else "unchanged"
        return outcome


def unfilled(record: Record, why: Callable[[str], str]) -> list[Problem]:
    """A warning for each field a scheme needs that is still empty after the import (`why` says why the notice
    or release did not fill it), placed on the record's lines when the batch is written."""
    found = []
    for path in _REQUIRED:
        value: Any = record.values
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            found.append(warning("import-gap", record.shown, 0, path, f"{why(path)}; write it in by hand"))
    return found
