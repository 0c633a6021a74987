"""Every download in one folder, with its manifest; and the folder swap that keeps a previous export whole."""

from __future__ import annotations

import json
import shutil
import tempfile
from json.encoder import encode_basestring  # json.dumps(text, ensure_ascii=False)
from pathlib import Path
from typing import Any, NamedTuple

from generator.check import validate
from generator.export.files import MANIFEST, Entry
from generator.export.parts import Part, write_ocds_files, write_tables
from generator.export.reuse import Previous, Shared, State
from generator.indicators import model_and_indicators
from generator.load import Dataset
from generator.ocds import OcdsSettings
from generator.problems import Problem
from generator.site.swap import swap_in

__all__ = ["MANIFEST", "Part", "Written", "export_folder", "replaceable", "with_manifest", "write_downloads"]
__all__ += ["write_ocds_files", "write_tables"]


class Written(NamedTuple):
    """What an export wrote: the manifest (one entry per file, as in downloads.json) and the whole package's
    datapackage.json, handed to the pages that show them."""

    entries: list[Entry]
    package: dict[str, Any]
    seconds: tuple[tuple[str, float], ...] = ()  # (part, seconds) of the export: "tables" (every other format), "ocds"
    states: dict[str, State] = {}  # noqa: RUF012 (never changed) each part's state, for the next export (reuse)


def _json_text(value: Any, sort_keys: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"


def _scalar_json(value: Any) -> str | None:
    """A text, whole number or None as json.dumps writes it (ensure_ascii=False); None for any other value."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    return "null" if value is None else None


def manifest_text(entries: list[Entry]) -> str:
    """_json_text(entries, sort_keys=True), the same text: json.dumps indents in Python (its C encoder does
    not indent), a third of a second for a national manifest; entries of text, whole numbers and None are
    written here, anything else by json.dumps."""
    parts = []
    for found in entries:
        if type(found) is not dict or not found or not all(type(key) is str for key in found):
            return _json_text(entries, sort_keys=True)
        fields = []
        for key in sorted(found):
            value = _scalar_json(found[key])
            if value is None:
                return _json_text(entries, sort_keys=True)
            fields.append(f"    {encode_basestring(key)}: {value}")
        parts.append("  {\n" + ",\n".join(fields) + "\n  }")
    return "[\n" + ",\n".join(parts) + "\n]\n" if parts else "[]\n"


def write_downloads(
    dataset: Dataset,
    out_dir: Path,
    indicators: list[dict[str, Any]] | None = None,
    ocds: OcdsSettings = OcdsSettings(),  # noqa: B008 (frozen: a shared default is safe)
    previous: Previous | None = None,
) -> Written:
    """Write every download of a checked dataset into out_dir (a new, empty folder); return the manifest and
    the package's descriptor.

    With indicators (the rows of generator.indicators), the package gets an `indicators` resource too, in every
    format, and each scheme's cut gets the scheme's and its categories' rows. With a previous export (see
    generator.export.reuse), what is unchanged since is taken from it: the same bytes, less work.

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
    shared = Shared(previous)
    parts = [
        write_tables(dataset, out_dir, indicators, shared),
        write_ocds_files(dataset, out_dir, shared=shared, ocds=ocds),
    ]
    return with_manifest(out_dir, parts)


def with_manifest(out_dir: Path, parts: list[Part]) -> Written:
    """The parts' files as one manifest, written to out_dir/downloads.json."""
    entries = sorted((entry for part in parts for entry in part.entries), key=lambda e: e["path"])
    (out_dir / MANIFEST).write_text(manifest_text(entries), encoding="utf-8")
    package = next(part.package for part in parts if part.package is not None)
    seconds = tuple(timing for part in parts for timing in part.seconds)
    return Written(entries, package, seconds, {name: state for part in parts for name, state in part.states.items()})


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
