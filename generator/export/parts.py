"""The export's two parts: the data package in every format but OCDS (the tables), and OCDS.

A build writes them in turn in one forked process; they share a generator.export.reuse.Shared, through which they
take what is unchanged from the previous export: per resource, the segments of rows whose CSV text is the same
(their JSON, Excel and SQLite), and per scheme, the files of a cut whose CSV files are the same (its
datapackage.json, its OCDS files, its releases in the whole data's OCDS files).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from generator import routes
from generator.export.files import Entry, Hashed, entry, write, written
from generator.export.package import LICENCE, CsvStats, descriptor_text, main_descriptor, scheme_descriptor
from generator.export.reuse import Previous, Shared, State, link, version
from generator.export.segments import Segment, Segments, all_text_told, digest, rows_in, segments
from generator.export.sqlite import Earlier as EarlierDatabase
from generator.export.sqlite import write_database
from generator.export.tables import (
    BLOCK,
    Blocks,
    Cuts,
    ExportError,
    Record,
    Tables,
    all_blocks,
    blocks,
    check_numbers,
    field_types,
    row_count,
    scheme_cuts,
)
from generator.export.text import csv_header, csv_rows, json_rows
from generator.export.xlsx import Earlier as EarlierWorkbook
from generator.export.xlsx import Placed, check_cell_values, check_sheet_size, write_workbook
from generator.load import Dataset
from generator.model.facts import as_of_date
from generator.ocds import OcdsSettings, write_ocds
from generator.ocds.package import COMPILED, PACKAGE
from generator.ocds.package import Earlier as EarlierOcds
from generator.ocds.package import Written as OcdsWritten
from generator.runtime import collection_paused

TABLES, OCDS = "tables", "ocds"


class Part(NamedTuple):
    """What one part of the export wrote: its manifest entries, the package descriptor (the tables' part), its
    time, and its state for the next export (generator.export.reuse)."""

    entries: list[Entry]
    package: dict[str, Any] | None
    seconds: tuple[tuple[str, float], ...]
    states: dict[str, State]


def write_tables(
    dataset: Dataset, out_dir: Path, indicators: list[dict[str, Any]] | None = None, shared: Shared | None = None
) -> Part:
    """The data package in every format but OCDS: CSV (whole and per scheme), datapackage.json, JSON, Excel and
    SQLite."""
    # the export makes millions of short-lived tuples and strings (no cycles), and each full collection they
    # would trigger walks every object of the loaded dataset (national: seconds in all)
    with collection_paused():
        started = time.perf_counter()
        entries, package, state = _write_tables(dataset, out_dir, indicators, shared or Shared())
        return Part(entries, package, ((TABLES, time.perf_counter() - started),), {TABLES: state})


def write_ocds_files(
    dataset: Dataset,
    out_dir: Path,
    indicators: list[dict[str, Any]] | None = None,
    shared: Shared | None = None,
    *,
    ocds: OcdsSettings = OcdsSettings(),  # noqa: B008 (frozen: a shared default is safe)
) -> Part:
    """The OCDS files (generator.ocds), whole and per scheme. `indicators` are not in OCDS: taken only so that
    every part is called alike. A scheme whose cut's CSV files (the tables part's, written before) are the
    previous export's keeps its OCDS files."""
    shared = shared or Shared()
    with collection_paused():
        started = time.perf_counter()
        today = shared.today or as_of_date(dataset)
        part_version = version(OCDS, ocds, today, LICENCE["path"])
        earlier = _earlier_ocds(shared, part_version)
        files, taken = write_ocds(shared.tables(dataset), out_dir, ocds, today, LICENCE["path"], earlier)
        if earlier is not None:
            for file in taken:  # read just before by write_ocds: there
                if not link(earlier.folder / file.path, out_dir / file.path):
                    raise FileNotFoundError(earlier.folder / file.path)
        entries = [entry(w.path, w.format, None, w.scheme, w.releases, w.bytes, w.sha256) for w in files]
        state = {"version": part_version, "schemes": dict(shared.scheme_digests)}
        return Part(entries, None, ((OCDS, time.perf_counter() - started),), {OCDS: state})


def _earlier_ocds(shared: Shared, part_version: str) -> EarlierOcds | None:
    """The schemes whose OCDS files the previous export wrote from the same rows, with the same settings."""
    previous = shared.previous
    state = previous.state(OCDS, part_version) if previous is not None else None
    if previous is None or state is None or not isinstance(state.get("schemes"), dict):
        return None
    schemes = {}
    for scheme_id, scheme_digest in shared.scheme_digests.items():
        if state["schemes"].get(scheme_id) != scheme_digest:
            continue
        package, lines = (previous.entries.get(routes.scheme_cut(scheme_id, name)) for name in (PACKAGE, COMPILED))
        if package is not None and lines is not None:
            schemes[scheme_id] = (_ocds_written(package), _ocds_written(lines))
    return EarlierOcds(previous.folder, schemes)


def _ocds_written(found: Entry) -> OcdsWritten:
    return OcdsWritten(found["path"], found["format"], found["scheme"], found["rows"], found["bytes"], found["sha256"])


# --- the tables ----------------------------------------------------------------------------------------------


class _Earlier(NamedTuple):
    """What the tables part takes from the previous export: its folder and manifest, and per resource where each
    unchanged segment's rows are in its JSON and Excel files and which segments its database holds."""

    previous: Previous
    json: dict[str, dict[str, tuple[int, int]]]  # resource -> segment digest -> (offset, length) in the JSON file
    workbook: EarlierWorkbook
    database: EarlierDatabase
    descriptors: dict[str, str]  # scheme -> digest of its cut's CSV files, as its datapackage.json describes them


def _earlier_tables(previous: Previous | None, part_version: str) -> _Earlier | None:
    """The previous export's state of the tables part, if this version wrote it; None if it is not as written."""
    state = previous.state(TABLES, part_version) if previous is not None else None
    if previous is None or state is None:
        return None
    try:
        json_at: dict[str, dict[str, tuple[int, int]]] = {}
        placed: dict[str, dict[str, Placed]] = {}
        held: dict[str, Segments] = {}
        for resource, found in state["segments"].items():
            spans = [Segment(*_typed(span, (int, int, str))) for span in found["spans"]]
            held[resource] = Segments(spans, bool(found["reusable"]))
            if not found["reusable"]:
                continue
            json_at[resource], placed[resource] = {}, {}
            for span, at, where in zip(spans, state["json"][resource], state["xlsx"][resource], strict=True):
                offset, length = _typed(at, (int, int))
                json_at[resource][span.digest] = (offset, length)
                placed[resource][span.digest] = Placed(*_typed(where, (int,) * 5))
        return _Earlier(
            previous,
            json_at,
            EarlierWorkbook(previous.folder / "dps.xlsx", placed),
            EarlierDatabase(previous.folder / "dps.sqlite", held),
            dict(state["descriptors"]),
        )
    except (KeyError, TypeError, ValueError):  # a state of another shape: nothing is taken
        return None


def _typed(values: list[Any], kinds: tuple[type, ...]) -> list[Any]:
    """values, if they are of these kinds (a state is read from a file)."""
    if len(values) != len(kinds) or not all(type(v) is kind for v, kind in zip(values, kinds, strict=True)):
        raise TypeError(f"{values!r} is not of the kinds {kinds}")
    return values


def _write_tables(
    dataset: Dataset, out_dir: Path, indicators: list[dict[str, Any]] | None, shared: Shared
) -> tuple[list[Entry], dict[str, Any], State]:
    tables = shared.tables(dataset)
    if indicators is not None:
        tables["indicators"] = indicators
    part_version = version(TABLES, list(tables))
    earlier = _earlier_tables(shared.previous, part_version)
    columns = all_blocks(tables)
    rows = row_count(tables)
    cuts = scheme_cuts(tables)
    longest: dict[str, list[int]] = {}
    entries: list[Entry] = []
    held = earlier.database.segments if earlier is not None else {}
    try:
        stats, cut = _csvs(out_dir, tables, columns, cuts, longest, shared.previous, held, entries)
    except ExportError:  # nothing of a refused export stays written
        _remove_written(out_dir, entries, cuts)
        raise
    package = main_descriptor(stats[None])
    entries.append(_descriptor(out_dir, None, package))
    titles = {s["scheme_id"]: s["title"] for s in tables["schemes"]}
    described = {}
    for scheme_id in cuts:
        described[scheme_id] = digest(repr(stats[scheme_id]))
        # OCDS holds the rows of every resource but the indicators
        shared.scheme_digests[scheme_id] = digest(
            repr({r: s for r, s in stats[scheme_id].items() if r != "indicators"})
        )
        entries.append(_scheme_descriptor(out_dir, scheme_id, titles[scheme_id], stats[scheme_id], described, earlier))
    json_at = {}
    with contextlib.ExitStack() as stack:
        for resource in columns:
            source = _open(stack, earlier.previous.folder / _json_path(resource)) if earlier is not None else None
            known = earlier.json.get(resource, {}) if earlier is not None and cut[resource].reusable else {}
            found, json_at[resource] = _json_file(out_dir, resource, columns[resource], cut[resource], known, source)
            entries.append(found)
    placed = write_workbook(
        out_dir / "dps.xlsx", tables, columns, cut, longest, earlier.workbook if earlier is not None else None
    )
    database = earlier.database if earlier is not None and earlier.database.path.is_file() else None
    write_database(columns, out_dir / "dps.sqlite", cut, database)
    entries += [written(out_dir, "dps.xlsx", "xlsx", rows), written(out_dir, "dps.sqlite", "sqlite", rows)]
    state = {
        "version": part_version,
        "segments": {r: {"reusable": s.reusable, "spans": [list(span) for span in s.spans]} for r, s in cut.items()},
        "json": json_at,
        "xlsx": {resource: [list(p) for p in at] for resource, at in placed.items()},
        "descriptors": described,
    }
    return entries, package, state


def _open(stack: contextlib.ExitStack, path: Path) -> BinaryIO | None:
    try:
        return stack.enter_context(path.open("rb"))
    except OSError:
        return None


def _csvs(
    out_dir: Path,
    tables: Tables,
    columns: dict[str, Blocks],
    cuts: Cuts,
    longest: dict[str, list[int]],
    previous: Previous | None,
    held: dict[str, Segments],
    entries: list[Entry],
) -> tuple[dict[str | None, CsvStats], dict[str, Segments]]:
    """`<resource>.csv` for each resource, at the top and in each scheme's folder (their entries added to
    `entries`); their stats per folder; and each resource's rows in segments (generator.export.segments), from
    the same lines.

    Each row's CSV line is made once, for the whole package, and the cuts take theirs from it. A resource's
    values are checked (_check) before its files are written: ExportError if a format cannot hold one (the
    caller removes what the resources before wrote). Sets each resource's longest first lines
    (xlsx.longest_lines) in `longest` on the way. A cut whose bytes are the previous export's file is hard-linked
    to it (making thousands of small files costs more than linking them).
    """
    stats: dict[str | None, CsvStats] = {scheme: {} for scheme in [None, *cuts]}
    cut: dict[str, Segments] = {}
    for resource, rows in columns.items():
        longest[resource] = [0] * len(field_types(resource))
        header, lines = csv_header(resource), csv_rows(resource, rows, longest[resource])
        cut[resource] = segments(lines, all_text_told(resource, rows))
        _check(resource, tables[resource], rows, cut[resource], held.get(resource))
        if not entries:  # the first files: their folders
            for scheme_id in cuts:
                (out_dir / routes.scheme_cut(scheme_id, "")).mkdir(parents=True, exist_ok=True)
        stats[None][resource] = write(out_dir, f"{resource}.csv", _in_blocks(header, lines))
        entries.append(entry(f"{resource}.csv", "csv", resource, None, len(lines), *stats[None][resource]))
        for scheme_id, scheme_cut in cuts.items():
            relative, picked = routes.scheme_cut(scheme_id, f"{resource}.csv"), scheme_cut[resource]
            data = (header + "".join(map(lines.__getitem__, picked))).encode("utf-8")
            stats[scheme_id][resource] = _same_or_written(out_dir, relative, data, previous)
            entries.append(entry(relative, "csv", resource, scheme_id, len(picked), *stats[scheme_id][resource]))
    return stats, cut


def _check(resource: str, records: list[Record], rows: Blocks, now: Segments, before: Segments | None) -> None:
    """Raise ExportError if a format could not hold one of the resource's values exactly (a float-based one a
    number, Excel a text or a date). The rows of a segment the previous export held were checked by it: the same
    CSV text, so the same values (Segments.reusable); only the others are checked again."""
    check_sheet_size(resource, len(records))
    if before is not None and now.reusable and before.reusable:
        known = {span.digest for span in before.spans}
        spans = [(span.start, span.end) for span in now.spans if span.digest not in known]
        records = [record for start, end in spans for record in records[start:end]]
        rows = blocks(resource, records)
    check_numbers(resource, records, rows)
    check_cell_values(resource, records, rows)


def _remove_written(out_dir: Path, entries: list[Entry], cuts: Cuts) -> None:
    """Remove the files of these entries and the cuts' folders (then empty) from out_dir."""
    for found in entries:
        (out_dir / found["path"]).unlink(missing_ok=True)
    folders = [out_dir / routes.scheme_cut(scheme_id, "") for scheme_id in cuts]
    for folder in [*folders, *{folder.parent for folder in folders}]:  # each cut's, then the one holding them
        with contextlib.suppress(OSError):  # not empty: not only ours
            folder.rmdir()


def _same_or_written(out_dir: Path, relative: str, data: bytes, previous: Previous | None) -> tuple[int, str]:
    """Write data to the file (its folder made), or hard-link the previous export's if it holds the same bytes;
    return its bytes and sha256."""
    sha256 = hashlib.sha256(data).hexdigest()
    if previous is not None:
        before = previous.entries.get(relative)
        same = before is not None and (before["bytes"], before["sha256"]) == (len(data), sha256)
        if same and link(previous.folder / relative, out_dir / relative):
            return len(data), sha256
    (out_dir / relative).write_bytes(data)
    return len(data), sha256


def _in_blocks(header: str, lines: list[str]) -> Iterator[str]:
    """A CSV's text in chunks of BLOCK lines: a national CSV never sits whole in memory a second time."""
    yield header
    for start in range(0, len(lines), BLOCK):
        yield "".join(lines[start : start + BLOCK])


def _descriptor(out_dir: Path, scheme: tuple[str, str] | None, descriptor: dict[str, Any]) -> Entry:
    """The folder's datapackage.json, describing its CSVs."""
    relative = routes.scheme_cut(scheme[0], "datapackage.json") if scheme else "datapackage.json"
    size, sha256 = write(out_dir, relative, [descriptor_text(descriptor)])
    return entry(relative, "datapackage", None, scheme[0] if scheme else None, None, size, sha256)


def _scheme_descriptor(
    out_dir: Path, scheme_id: str, title: str, stats: CsvStats, described: dict[str, str], earlier: _Earlier | None
) -> Entry:
    """A scheme's datapackage.json: the previous export's when it described the same CSV files (its title is in
    them), else written."""
    relative = routes.scheme_cut(scheme_id, "datapackage.json")
    if earlier is not None and earlier.descriptors.get(scheme_id) == described[scheme_id]:
        before = earlier.previous.entries.get(relative)
        if before is not None and link(earlier.previous.folder / relative, out_dir / relative):
            # made as a new entry is, not the previous manifest's (its fields sorted): the pages digest entries
            return entry(relative, "datapackage", None, scheme_id, None, before["bytes"], before["sha256"])
    return _descriptor(out_dir, (scheme_id, title), scheme_descriptor(scheme_id, title, stats))


def _json_file(
    out_dir: Path,
    resource: str,
    rows: Blocks,
    cut: Segments,
    known: dict[str, tuple[int, int]],
    source: BinaryIO | None,
) -> tuple[Entry, list[tuple[int, int]]]:
    """json/<resource>.json (text.json_rows), a segment at a time: a segment whose rows the previous file holds
    (`known`: where, in `source`) is copied from it. Returns its entry and where each segment's rows are in it."""
    relative = _json_path(resource)
    file, at = Hashed(out_dir / relative), []
    try:
        file.put(b"[\n" if cut.spans else b"[]\n")
        for number, segment in enumerate(cut.spans):
            if number:
                file.put(b",\n")
            data = _copied(source, known.get(segment.digest))
            if data is None:
                data = json_rows(resource, rows_in(rows, segment.start, segment.end)).encode("utf-8")
            at.append((file.put(data), len(data)))
        if cut.spans:
            file.put(b"\n]\n")
    finally:
        size, sha256 = file.close()
    count = cut.spans[-1].end if cut.spans else 0
    return entry(relative, "json", resource, None, count, size, sha256), at


def _json_path(resource: str) -> str:
    return f"json/{resource}.json"


def _copied(source: BinaryIO | None, place: tuple[int, int] | None) -> bytes | None:
    if source is None or place is None:
        return None
    source.seek(place[0])
    data = source.read(place[1])
    return data if len(data) == place[1] else None
