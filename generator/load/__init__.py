"""Load: the record files under `data/` become typed table rows that remember their place.

Each record type fills the resources whose table schema names it (`x-record`); each
column's `x-yaml` path says where its value sits in the record. Values are cast by the
column's type here, and the text as written is kept for the schema check.

The package, in the order the work goes: discover.py (which files), yamltree.py with
plain.py and nodes.py (a file's text as a tree), shapes.py (its fields against the
schemas), plan.py, cast.py and rows.py (the tree as rows), read.py (one file, start
to end), dataset.py (the rows together) and cache.py (what earlier runs read). This
module holds `load()`, which runs them over every file.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from generator.limits import MAX_RECORD_FILES
from generator.load.cache import LoadCache, file_key
from generator.load.cast import cast
from generator.load.dataset import IMPLICIT_CATEGORY, Dataset, Row, apply_defaults, without_dependents
from generator.load.discover import RECORD_FOLDERS, discover, record_type, walk
from generator.load.read import pack, read_record, unpack
from generator.load.rows import Shared
from generator.load.yamltree import printable
from generator.problems import Problem
from generator.runtime import collection_paused, default_workers, map_forked

__all__ = [
    "IMPLICIT_CATEGORY",
    "RECORD_FOLDERS",
    "Dataset",
    "Row",
    "cast",
    "discover",
    "load",
    "read_record",
    "record_type",
    "without_dependents",
]

PARALLEL_FROM_FILES = 2_000  # fewer files load faster here than worker processes take to start
_CHUNK = 500  # files per task: large enough to keep the workers' overhead low, small to share the work evenly


def load(root: Path, cache: Path | None = None, workers: int | None = None) -> tuple[Dataset, list[Problem]]:
    """Read every record under root; with a cache folder, only the files changed since the last run.

    Many files are read in `workers` forked processes (default: one per core; 1: here). The dataset and
    the problems are the same whichever way the files were read.

    >>> dataset, problems = load(Path("data"))  # doctest: +SKIP
    >>> len(dataset.tables["schemes"])  # doctest: +SKIP
    10
    """
    with collection_paused():
        # the limit and the reader are this module's, looked up now: tests set them here
        return _load(root, cache, workers or default_workers(), MAX_RECORD_FILES, partial(pack, read_record))


def _load(
    root: Path, cache: Path | None, workers: int, max_files: int, pack_file: partial[bytes]
) -> tuple[Dataset, list[Problem]]:
    dataset = Dataset(root)
    items = walk(root, max_files)
    files = [(path, parts, printable(path)) for path, parts in (i for i in items if not isinstance(i, Problem))]
    store = LoadCache(cache) if cache is not None else None
    names = ["/".join(parts) for _, parts, _ in files] if store else []
    keys = [file_key(path) for path, _, _ in files] if store else []
    cached = [store.get(name, key) for name, key in zip(names, keys, strict=True)] if store else [None] * len(files)
    unread = [f for f, hit in zip(files, cached, strict=True) if hit is None]
    found: list[Problem] = []  # as discover() gives them: the folders' and the files' own, in order
    problems: list[Problem] = []  # then each record's
    records = 0
    position = 0
    shared = Shared()
    in_workers = workers if len(unread) >= PARALLEL_FROM_FILES else 1
    with map_forked(lambda entry: pack_file(*entry), unread, in_workers, chunksize=_CHUNK) as fresh:
        for item in items:
            if isinstance(item, Problem):
                found.append(item)
                continue
            shown = files[position][2]
            packed = cached[position] or next(fresh)
            is_record, here = unpack(packed, shown, dataset, shared)
            # kept by its path under root, so a message naming the file itself would be wrong under another root
            if store and cached[position] is None and not any(shown in p.message for p in here):
                store.put(names[position], keys[position], packed)
            records += is_record
            (problems if is_record else found).extend(here)
            position += 1
    if store:
        store.save()
        dataset.file_keys = store.kept_keys(zip(names, (shown for _, _, shown in files), strict=True))
    dataset.files = records
    scheme_files = {  # the folder looked at first: record_type() for each of 221,000 files costs a tenth of a second
        parts[1][: -len(".yaml")] for _, parts, _ in files if parts[0] == "schemes" and record_type(parts) == "scheme"
    }
    dataset.unread_schemes = frozenset(scheme_files - {row.values["scheme_id"] for row in dataset.tables["schemes"]})
    apply_defaults(dataset)
    return dataset, found + problems
