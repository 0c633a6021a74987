"""A cache of loaded record files, so a second run reads only the files that changed.

One file in the cache folder holds, for each record file (by its path under data/), its size, its
modification time and what loading it gave (problems and rows, packed). An entry is used only while
the file's size and modification time are the same, and only by the same code: a change to the loader,
the table schemas or the YAML library makes the whole cache stale.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import schemas

CACHE_FILE = "records.pickle"
# A file changed within this long before it was read may change again within the same clock tick,
# with its size and time unchanged (the "racy git" problem): it is read again next time, not cached.
RACY_NS = 2_000_000_000
_CODE = ("load.py", "yamltree.py", "limits.py", "problems.py", "cache.py")

Key = tuple[int, int, int]  # modification time in nanoseconds, size in bytes, type and permissions


def fingerprint() -> str:
    """What the cached results depend on besides the files: the loader's code, the schemas, Python and PyYAML."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in [*(here / name for name in _CODE), *sorted(schemas.SCHEMA_DIR.glob("*.json"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"{sys.version}\0{yaml.__version__}\0{yaml.__with_libyaml__}".encode())
    return digest.hexdigest()


def file_key(path: str) -> Key | None:
    """A file's modification time, size and mode (not followed if it is a link), or None if it cannot be read."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_mode


class LoadCache:
    """Packed results of loading record files, by path under data/ (POSIX form).

    >>> cache = LoadCache(Path("build/.cache"))  # doctest: +SKIP
    >>> cache.get("schemes/x.yaml", (1700000000000000000, 812, 0o100644))  # doctest: +SKIP
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started_ns = time.time_ns()
        self.fingerprint = fingerprint()
        self.entries: dict[str, tuple[Key, bytes]] = self._read()
        self.used: dict[str, tuple[Key, bytes]] = {}  # what this run saw: the next cache holds nothing else

    def _read(self) -> dict[str, tuple[Key, bytes]]:
        try:
            with (self.folder / CACHE_FILE).open("rb") as stream:
                stamp, entries = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            return {}  # no cache yet, or an unreadable one: read every file
        return entries if stamp == self.fingerprint and isinstance(entries, dict) else {}

    def get(self, name: str, key: Key | None) -> bytes | None:
        """The packed result for a file as it is now, or None."""
        found = self.entries.get(name)
        if key is None or found is None or found[0] != key:
            return None
        self.used[name] = found
        return found[1]

    def put(self, name: str, key: Key | None, packed: bytes) -> None:
        """Keep a fresh result, unless the file changed too recently to trust its time."""
        if key is not None and key[0] < self.started_ns - RACY_NS:
            self.used[name] = (key, packed)

    def save(self) -> None:
        """Write the entries of this run, replacing the cache file whole (never half-written)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".records.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((self.fingerprint, self.used), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / CACHE_FILE)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
