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

import hashlib
import marshal
import operator
from functools import partial
from pathlib import Path

from generator.limits import MAX_RECORD_FILES
from generator.load.cache import CACHE_FILE, Key, LoadCache, file_key
from generator.load.cast import cast
from generator.load.dataset import IMPLICIT_CATEGORY, Dataset, Row, apply_defaults, without_dependents
from generator.load.discover import RECORD_FOLDERS, discover, record_type, walk
from generator.load.read import Unpacked, add, pack, read_record, unpack
from generator.load.rows import Shared
from generator.load.yamltree import printable
from generator.problems import Problem
from generator.runtime import FORK, Pending, collection_paused, default_workers, in_fork, map_forked

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
# A cache file this large (about 3,500 files' results) and larger: the files' keys are looked up in a forked process
# while this one walks the folders and restores the cache (a national dataset's 221,000 lstat calls, 0.65 s).
KEYS_BESIDE_FROM_BYTES = 1_000_000
_CHUNK = 500  # files per task: large enough to keep the workers' overhead low, small to share the work evenly


def load(root: Path, cache: Path | None = None, workers: int | None = None) -> tuple[Dataset, list[Problem]]:
    """Read every record under root; with a cache folder, only the files changed since the last run.

    Many files are read in `workers` forked processes (default: one per core; 1: here); with a large cache and
    workers to spare, the files' keys are looked up in one while this process walks the folders and restores
    the cache. The dataset and the problems are the same whichever way the files were read.

    >>> dataset, problems = load(Path("data"))  # doctest: +SKIP
    >>> len(dataset.tables["schemes"])  # doctest: +SKIP
    10
    """
    with collection_paused():
        # the limit and the reader are this module's, looked up now: tests set them here
        return _load(root, cache, workers or default_workers(), MAX_RECORD_FILES, partial(pack, read_record))


def _keys_beside(cache: Path, workers: int) -> bool:
    """Whether to look up the files' keys in a forked process: with workers to spare, for a large cache."""
    try:
        return workers > 1 and FORK and (cache / CACHE_FILE).stat().st_size >= KEYS_BESIDE_FROM_BYTES
    except OSError:  # no cache yet: every file is read, which takes far longer than their keys
        return False


def _walked_keys(root: Path, max_files: int) -> bytes:
    """The digest of the names under root of the files walk() finds, and each one's key (see file_key), in
    marshal's form."""
    files = [item for item in walk(root, max_files) if not isinstance(item, Problem)]
    return marshal.dumps((_digest(["/".join(parts) for _, parts in files]), [file_key(path) for path, _ in files]))


def _digest(names: list[str]) -> bytes:
    """One digest of the files' names, in order (a name holds no NUL): cheaper to hand over than the names."""
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).digest()


def _keys(
    files: list[tuple[str, tuple[str, ...], str]], names: list[str], beside: Pending[bytes] | None
) -> list[Key | None]:
    """The key of each file: from the forked process if it found the same files (none was added or removed
    between its walk and this one), else looked up here."""
    if beside is not None:
        try:
            found, keys = marshal.loads(beside.result())  # our own process' bytes
        except Exception:  # the process failed or was lost (killed, out of memory): only time is lost
            found, keys = None, []
        if found == _digest(names):
            return keys  # type: ignore[no-any-return]
    return [file_key(path) for path, _, _ in files]


def _load(
    root: Path, cache: Path | None, workers: int, max_files: int, pack_file: partial[bytes]
) -> tuple[Dataset, list[Problem]]:
    dataset = Dataset(root)
    # forked before the cache's thread starts: a process forked beside a running thread may inherit its locks held
    beside = in_fork(_walked_keys, root, max_files) if cache is not None and _keys_beside(cache, workers) else None
    store = LoadCache(cache) if cache is not None else None  # reads its files while the folders are walked
    items = walk(root, max_files)
    files = [(path, parts, printable(path)) for path, parts in (i for i in items if not isinstance(i, Problem))]
    cached: list[Unpacked | None] = [None] * len(files)
    if store:
        names = ["/".join(parts) for _, parts, _ in files]
        store.restore()  # while the forked process looks up the keys
        cached = store.lookup(names, _keys(files, names, beside))
    unread = [f for f, hit in zip(files, cached, strict=True) if hit is None]
    found: list[Problem] = []  # as discover() gives them: the folders' and the files' own, in order
    problems: list[Problem] = []  # then each record's
    results: list[Unpacked] = []  # each file's, for the cache
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
            loaded = cached[position]
            packed = None if loaded is not None else next(fresh)
            if packed is not None:
                loaded = unpack(packed)
            assert loaded is not None  # from the cache, or read just now
            is_record, here = add(loaded, shown, dataset, shared)
            # kept by its path under root, so a message naming the file itself would be wrong under another root
            if store:
                results.append(loaded)
                if packed is not None and not any(shown in p.message for p in here):
                    store.put(position, packed)
            records += is_record
            (problems if is_record else found).extend(here)
            position += 1
    if store:
        store.save(results)
        places = [place for _, _, place in files]
        # printable() gives a path it need not escape as it is, and no two paths are alike: nor are they shown alike
        distinct = all(map(operator.is_, places, (path for path, _, _ in files)))
        dataset.file_keys = store.kept_keys(places, distinct)
    dataset.files = records
    scheme_files = {  # the folder looked at first: record_type() for each of 221,000 files costs a tenth of a second
        parts[1][: -len(".yaml")] for _, parts, _ in files if parts[0] == "schemes" and record_type(parts) == "scheme"
    }
    dataset.unread_schemes = frozenset(scheme_files - {row.values["scheme_id"] for row in dataset.tables["schemes"]})
    apply_defaults(dataset)
    return dataset, found + problems
