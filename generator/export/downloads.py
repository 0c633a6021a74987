"""Every download in one folder, with its manifest; and the folder swap that keeps a previous export whole."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from generator import routes
from generator.check import validate
from generator.export.package import LICENCE, CsvStats, descriptor_text, main_descriptor, scheme_descriptor
from generator.export.sqlite import write_database
from generator.export.tables import (
    BLOCK,
    Blocks,
    Cuts,
    all_blocks,
    check_exact_numbers,
    export_tables,
    field_types,
    row_count,
    scheme_cuts,
)
from generator.export.text import csv_header, csv_rows, json_chunks
from generator.export.xlsx import check_cells, workbook_bytes
from generator.indicators import model_and_indicators
from generator.load import Dataset
from generator.model.facts import as_of_date
from generator.ocds import OcdsSettings, write_ocds
from generator.problems import Problem
from generator.runtime import collection_paused
from generator.site.swap import swap_in

MANIFEST = "downloads.json"
Entry = dict[str, Any]


class Written(NamedTuple):
    """What an export wrote: the manifest (one entry per file, as in downloads.json) and the whole package's
    datapackage.json, handed to the pages that show them."""

    entries: list[Entry]
    package: dict[str, Any]
    seconds: tuple[tuple[str, float], ...] = ()  # (part, seconds) of the export: "tables" (every other format), "ocds"


def _json_text(value: Any, sort_keys: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"


def _entry(
    relative: str, fmt: str, resource: str | None, scheme: str | None, rows: int | None, size: int, sha256: str
) -> Entry:
    return {
        "path": relative,
        "format": fmt,
        "resource": resource,
        "scheme": scheme,
        "rows": rows,
        "bytes": size,
        "sha256": sha256,
    }


def _write(out_dir: Path, relative: str, chunks: Iterable[str]) -> tuple[int, str]:
    """Write text as UTF-8 a chunk at a time, hashing on the way; return its bytes and sha256 (hex)."""
    path = out_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with path.open("wb") as f:
        for chunk in chunks:
            data = chunk.encode("utf-8")
            digest.update(data)
            size += len(data)
            f.write(data)
    return size, digest.hexdigest()


def _written(out_dir: Path, relative: str, fmt: str, rows: int) -> Entry:
    with (out_dir / relative).open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return _entry(relative, fmt, None, None, rows, (out_dir / relative).stat().st_size, digest)


def _in_blocks(header: str, lines: list[str]) -> Iterator[str]:
    """A CSV's text in chunks of BLOCK lines: a national CSV never sits whole in memory a second time."""
    yield header
    for start in range(0, len(lines), BLOCK):
        yield "".join(lines[start : start + BLOCK])


def _csvs(
    out_dir: Path, columns: dict[str, Blocks], cuts: Cuts, longest: dict[str, list[int]]
) -> tuple[list[Entry], dict[str | None, CsvStats]]:
    """`<resource>.csv` for each resource, at the top and in each scheme's folder; and their stats per folder.

    Each row's CSV line is made once, for the whole package, and the cuts take theirs from it. Sets each
    resource's longest first lines (xlsx.longest_lines) in `longest` on the way.
    """
    entries: list[Entry] = []
    stats: dict[str | None, CsvStats] = {scheme: {} for scheme in [None, *cuts]}
    for resource, rows in columns.items():
        longest[resource] = [0] * len(field_types(resource))
        header, lines = csv_header(resource), csv_rows(resource, rows, longest[resource])
        stats[None][resource] = _write(out_dir, f"{resource}.csv", _in_blocks(header, lines))
        entries.append(_entry(f"{resource}.csv", "csv", resource, None, len(lines), *stats[None][resource]))
        for scheme_id, cut in cuts.items():
            relative, picked = f"schemes/{scheme_id}/{resource}.csv", cut[resource]
            stats[scheme_id][resource] = _write(out_dir, relative, [header + "".join(map(lines.__getitem__, picked))])
            entries.append(_entry(relative, "csv", resource, scheme_id, len(picked), *stats[scheme_id][resource]))
    return entries, stats


def _descriptor(out_dir: Path, scheme: tuple[str, str] | None, descriptor: dict[str, Any]) -> Entry:
    """The folder's datapackage.json, describing its CSVs."""
    relative = routes.scheme_cut(scheme[0], "datapackage.json") if scheme else "datapackage.json"
    size, digest = _write(out_dir, relative, [descriptor_text(descriptor)])
    return _entry(relative, "datapackage", None, scheme[0] if scheme else None, None, size, digest)


class Part(NamedTuple):
    """What one part of the export wrote: its manifest entries, the package descriptor (the tables' part), and
    its time. The parts are independent, so a build writes them in processes of their own."""

    entries: list[Entry]
    package: dict[str, Any] | None
    seconds: tuple[tuple[str, float], ...]


def write_downloads(
    dataset: Dataset,
    out_dir: Path,
    indicators: list[dict[str, Any]] | None = None,
    ocds: OcdsSettings = OcdsSettings(),  # noqa: B008 (frozen: a shared default is safe)
) -> Written:
    """Write every download of a checked dataset into out_dir (a new, empty folder); return the manifest and
    the package's descriptor.

    With indicators (the rows of generator.indicators), the package gets an `indicators` resource too, in every
    format, and each scheme's cut gets the scheme's and its categories' rows.

    The manifest lists each file: path (relative, POSIX), format (csv, json, xlsx, sqlite, datapackage,
    ocds-json: an OCDS release package, ocds-jsonl: OCDS compiled releases one per line), resource and scheme
    (or None), rows (data rows; all sheets or tables together for xlsx and sqlite; releases for OCDS; None for a
    datapackage.json), bytes and sha256. It is also written to out_dir/downloads.json.
    Raises ExportError, before writing anything, if a format could not hold a value exactly.

    >>> from generator.load import load
    >>> dataset, _ = load(Path("tests/fixtures/valid"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_downloads(dataset, Path(folder))
    >>> [(e["path"], e["rows"]) for e in written.entries][:3]
    [('admissions.csv', 4), ('award_sources.csv', 0), ('award_suppliers.csv', 3)]
    """
    parts = [write_tables(dataset, out_dir, indicators), write_ocds_files(dataset, out_dir, indicators, ocds=ocds)]
    return with_manifest(out_dir, parts)


def with_manifest(out_dir: Path, parts: list[Part]) -> Written:
    """The parts' files as one manifest, written to out_dir/downloads.json."""
    entries = sorted((entry for part in parts for entry in part.entries), key=lambda e: e["path"])
    (out_dir / MANIFEST).write_text(_json_text(entries, sort_keys=True), encoding="utf-8")
    package = next(part.package for part in parts if part.package is not None)
    return Written(entries, package, tuple(timing for part in parts for timing in part.seconds))


def write_tables(dataset: Dataset, out_dir: Path, indicators: list[dict[str, Any]] | None = None) -> Part:
    """The data package in every format but OCDS: CSV (whole and per scheme), datapackage.json, JSON, Excel and
    SQLite."""
    # the export makes millions of short-lived tuples and strings (no cycles), and each full collection they
    # would trigger walks every object of the loaded dataset (national: seconds in all)
    with collection_paused():
        started = time.perf_counter()
        entries, package = _write_tables(dataset, out_dir, indicators)
        return Part(entries, package, (("tables", time.perf_counter() - started),))


def write_ocds_files(
    dataset: Dataset,
    out_dir: Path,
    indicators: list[dict[str, Any]] | None = None,
    *,
    ocds: OcdsSettings = OcdsSettings(),  # noqa: B008 (frozen: a shared default is safe)
) -> Part:
    """The OCDS files (generator.ocds), whole and per scheme. `indicators` are not in OCDS: taken only so that
    every part is called alike."""
    with collection_paused():
        started = time.perf_counter()
        written = write_ocds(export_tables(dataset), out_dir, ocds, as_of_date(dataset), LICENCE["path"])
        entries = [_entry(w.path, w.format, None, w.scheme, w.releases, w.bytes, w.sha256) for w in written]
        return Part(entries, None, (("ocds", time.perf_counter() - started),))


def _write_tables(
    dataset: Dataset, out_dir: Path, indicators: list[dict[str, Any]] | None
) -> tuple[list[Entry], dict[str, Any]]:
    tables = export_tables(dataset)
    if indicators is not None:
        tables["indicators"] = indicators
    columns = all_blocks(tables)
    check_exact_numbers(tables)
    check_cells(tables, columns)
    rows = row_count(tables)
    cuts = scheme_cuts(tables)
    longest: dict[str, list[int]] = {}
    entries, stats = _csvs(out_dir, columns, cuts, longest)
    package = main_descriptor(stats[None])
    entries.append(_descriptor(out_dir, None, package))
    titles = {s["scheme_id"]: s["title"] for s in tables["schemes"]}
    entries += [
        _descriptor(
            out_dir, (scheme_id, titles[scheme_id]), scheme_descriptor(scheme_id, titles[scheme_id], stats[scheme_id])
        )
        for scheme_id in cuts
    ]
    for resource, records in tables.items():
        relative = f"json/{resource}.json"
        size, digest = _write(out_dir, relative, json_chunks(resource, columns[resource]))
        entries.append(_entry(relative, "json", resource, None, len(records), size, digest))
    (out_dir / "dps.xlsx").write_bytes(workbook_bytes(tables, columns, longest))
    write_database(columns, out_dir / "dps.sqlite")
    entries += [_written(out_dir, "dps.xlsx", "xlsx", rows), _written(out_dir, "dps.sqlite", "sqlite", rows)]
    return entries, package


def replaceable(out_dir: Path) -> bool:
    """Whether export may replace out_dir: it is missing, empty, or an earlier export (it has downloads.json)."""
    if not out_dir.exists():
        return True
    return out_dir.is_dir() and (not any(out_dir.iterdir()) or (out_dir / MANIFEST).is_file())


def export_folder(
    data_dir: Path,
    out_dir: Path,
    ocds: OcdsSettings = OcdsSettings(),  # noqa: B008 (frozen: a shared default is safe)
    seconds: dict[str, float] | None = None,
) -> tuple[Dataset, list[Problem], list[Entry] | None]:
    """Check the records and, if they have no errors, replace out_dir with a fresh export.

    `seconds`, if given, gets the time each part of the export took (see Written.seconds).

    Returns the dataset, every problem (warnings included) and the manifest, which is None when
    the records have errors (then nothing is written). The downloads are written to a new folder
    next to out_dir and swapped in at the end, so a failure leaves the previous export whole.
    """
    if not replaceable(out_dir):
        raise FileExistsError(f"{out_dir} is not an earlier export (it has no {MANIFEST}); give a new or empty folder")
    dataset, problems = validate(data_dir)
    # the model and the indicators only once frictionless' workers are gone: with them alive the peak memory
    # grows by the model's size (160 MB at national scale), for a few seconds saved
    computed = model_and_indicators(dataset, problems)  # None when the problems have errors
    if computed is None:
        return dataset, problems, None
    _, indicators = computed
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in out_dir.parent.glob(f".{out_dir.name}.*"):  # from an export that was killed midway
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; the downloads are for everyone
        written = write_downloads(dataset, staging, indicators.rows, ocds)
        entries = written.entries
        if seconds is not None:
            seconds.update(written.seconds)
        swap_in(staging, out_dir)  # staging then holds the previous export
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(staging.with_name(staging.name + "-old"), ignore_errors=True)
    return dataset, problems, entries
