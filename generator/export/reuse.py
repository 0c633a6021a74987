"""What an export takes from the previous one instead of making it again, and what it keeps for the next.

A build keeps, in its cache beside the page keys, the state of the export it published: the digest of that
export's downloads.json, and each part's version and digests of its rows (per resource, the segments of
generator.export.segments; per scheme, its cut). The next build trusts the published downloads only when their
downloads.json is the one the state names, and a part's state only when its version is this export's: the
generator's code, the libraries that write the bytes, the settings. Then an unchanged segment's rows are taken
from the previous JSON, Excel and SQLite files, and an unchanged scheme's files are hard-linked, instead of made
again. Anything else (no state, another folder, another version) and the export is made whole, as the first.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from generator.export.files import MANIFEST, Entry
from generator.export.tables import Tables, export_tables
from generator.load import Dataset
from generator.render.keys import code_digest
from generator.stored import save_json

State = dict[str, Any]  # a part's state: its version and what it digested


def version(*settings: object) -> str:
    """The version of what writes an export's bytes: the generator's code, Python and the libraries that write
    the files (SQLite, zlib, openpyxl), and a part's own settings."""
    writers = (sys.version, sqlite3.sqlite_version, zlib.ZLIB_RUNTIME_VERSION, openpyxl.__version__)
    return hashlib.blake2b(repr((code_digest(), writers, settings)).encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Previous:
    """A trusted previous export: its folder, its manifest's entries by path, and each part's state."""

    folder: Path
    entries: dict[str, Entry]
    states: dict[str, State]

    def state(self, part: str, part_version: str) -> State | None:
        """The part's state, if it was written by this version."""
        found = self.states.get(part)
        return found if isinstance(found, dict) and found.get("version") == part_version else None


@dataclass
class Shared:
    """What the parts of one export share, written in turn in one process: the previous export to take files
    from, the data's today if the caller knows it (its model's: found again, it costs a pass over every row),
    the tables sorted once, and each scheme's digest (the tables part makes them, the OCDS part reads them)."""

    previous: Previous | None = None
    today: date | None = None  # generator.model.facts.as_of_date of the dataset exported
    scheme_digests: dict[str, str] = field(default_factory=dict)
    _sorted: tuple[Dataset, Tables] | None = None

    def tables(self, dataset: Dataset) -> Tables:
        if self._sorted is None or self._sorted[0] is not dataset:
            self._sorted = (dataset, export_tables(dataset))
        return dict(self._sorted[1])


def _manifest_digest(folder: Path) -> tuple[str, bytes] | None:
    try:
        data = (folder / MANIFEST).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest(), data


def previous_export(folder: Path, store: Path) -> Previous | None:
    """The export in folder, with the parts' states the store keeps for it; None unless the store names this
    very export (its downloads.json's digest)."""
    try:
        saved = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = _manifest_digest(folder)
    if found is None or not isinstance(saved, dict) or saved.get("manifest") != found[0]:
        return None
    try:
        entries = {entry["path"]: entry for entry in json.loads(found[1])}
    except (ValueError, TypeError, KeyError):
        return None
    states = saved.get("parts")
    return Previous(folder, entries, states) if isinstance(states, dict) else None


def save_state(store: Path, folder: Path, states: dict[str, State]) -> None:
    """Keep the parts' states of the export now in folder."""
    found = _manifest_digest(folder)
    if found is not None:
        save_json(store, {"manifest": found[0], "parts": states})


def link(source: Path, target: Path) -> bool:
    """target becomes the previous export's file: hard-linked (nothing writes into a download after it is made),
    or copied where hard links cannot be made. False if there is no such file (then the caller makes it)."""
    if not target.parent.is_dir():
        target.parent.mkdir(parents=True)
    try:
        os.link(source, target)
    except FileNotFoundError:
        return False
    except OSError:  # no hard links here
        shutil.copyfile(source, target)
    return True
