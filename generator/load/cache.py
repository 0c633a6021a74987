"""A cache of loaded record files, so a second run reads only the files that changed.

The cache holds, for each record file (by its path under data/), its size, its modification time and what
loading it gave (problems and rows as generator.load.read.pack gives them: the text of each row, not its
values, which loading casts again once per distinct text). An entry is used only while the file's size and
modification time are the same, and only by the same code: a change to the loader, the table schemas or the
YAML library makes the whole cache stale.

It is kept in two files, so that a run after a few changes neither restores nor writes a record per file:

- `CACHE_FILE` holds every file's results in one marshal blob, whose texts and tuples that are equal are one
  object each (restored by one call, for a national dataset in a fraction of the time 221,000 calls take);
- `JOURNAL_FILE` holds what changed since: each changed file's packed result, or that its result is no
  longer kept (removed, or changed too recently to trust its time). It names the CACHE_FILE it applies to
  (by its MAC) and is rewritten whole, small, by each run that changed something; once it holds changes for
  more than one file in `COMPACT_FROM`, the run writes CACHE_FILE again instead, and removes it.

Both files are pickles, and unpickling runs whatever code a pickle names: whoever can write the cache runs
code in the build (issue 15; beside `--out /tmp/site` it was /tmp/.cache, anyone's to write). So:

- `dps build` keeps them in the user's own cache folder, `$XDG_CACHE_HOME/dps/<digest of the data folder>`
  (`~/.cache/dps/…` without XDG_CACHE_HOME), one folder per checkout, made readable by its owner alone;
- a cache folder, its files and the key are used only if they belong to this user, are no links and no one
  else may write to them (nor read the key);
- each file starts with an HMAC-SHA256 of the pickle under a random key kept in `<cache root>/dps/key`, and
  nothing is unpickled before it is checked.

The results inside are marshal's, as unsafe as a pickle's for bytes from anyone else: the MAC covers them
too. Anything wrong (no key, a wrong MAC, a short or garbled file, an unexpected shape) and that file is
absent: every file it would have given is read again, and the run writes a good cache.

The schema check keeps what it found in each file's rows beside it (`CHECK_FILE`, generator.check.remembered),
sealed the same way (`Sealed`), by the keys this cache holds files' results under (`kept_keys`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import operator
import os
import pickle
import secrets
import stat
import sys
import tempfile
import threading
import time
from itertools import compress, repeat
from pathlib import Path
from typing import TypeGuard

import yaml

from generator import schemas
from generator.load.read import Unpacked, shared_form, unpack

CACHE_FILE = "records.pickle"
JOURNAL_FILE = "records.journal"  # what changed since CACHE_FILE was written
COMPACT_FROM = 8  # CACHE_FILE is written again once the journal holds changes for one of this many of its files
CHECK_FILE = "checked.pickle"  # what the schema check found in each record file (generator.check.remembered)
KEY_FILE = "key"
KEY_BYTES = 32
MAC_BYTES = 32  # HMAC-SHA256, written before the pickle
# A file changed within this long before it was read may change again within the same clock tick,
# with its size and time unchanged (the "racy git" problem): it is read again next time, not cached.
RACY_NS = 2_000_000_000
# the code whose results are cached: the load package, and the limits and problem type it uses

Key = tuple[int, int, int]  # modification time in nanoseconds, size in bytes, type and permissions
Change = tuple[Key, bytes] | None  # a file's key and packed result since CACHE_FILE; None: its result is not kept
Changes = dict[str, Change]


def fingerprint() -> str:
    """What the cached results depend on besides the files: the loader's code, the schemas, Python and PyYAML."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    code = [*sorted(package.glob("*.py")), package.parent / "limits.py", package.parent / "problems.py"]
    for path in [*code, *sorted(schemas.SCHEMA_DIR.glob("*.json"))]:
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


# --- where the cache lives, and whose it is -----------------------------------------------------------


def cache_root() -> Path:
    """The user's cache folder: $XDG_CACHE_HOME, or ~/.cache (the XDG spec ignores a relative XDG_CACHE_HOME)."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    return Path(configured) if os.path.isabs(configured) else Path.home() / ".cache"


def key_path() -> Path:
    """Where this user's key for the cache files is kept: one for every cache folder, given or default."""
    return cache_root() / "dps" / KEY_FILE


def default_folder(data: Path) -> Path:
    """Where `dps build` keeps the cache for a data folder: the user's own, one per checkout.

    >>> default_folder(Path("data"))  # doctest: +SKIP
    PosixPath('/home/kari/.cache/dps/5d41402abc4b2a76')
    """
    return cache_root() / "dps" / hashlib.sha256(os.fsencode(data.resolve())).hexdigest()[:16]


def _unsafe(info: os.stat_result, what: str, path: Path, secret: bool = False) -> str | None:
    """Why a folder or file of the cache may not be trusted, or None."""
    if stat.S_ISLNK(info.st_mode):
        return f"{what} {path} is a symbolic link"
    if info.st_uid != os.geteuid():
        return f"{what} {path} belongs to another user"
    if info.st_mode & stat.S_IWOTH:
        return f"{what} {path} is writable by others"
    if info.st_mode & stat.S_IWGRP:
        return f"{what} {path} is writable by its group"
    if secret and info.st_mode & (stat.S_IRGRP | stat.S_IROTH):
        return f"{what} {path} is readable by others"
    return None


def refusal(folder: Path) -> str | None:
    """Why the cache in this folder may not be used, or None (also when nothing is there yet).

    >>> refusal(Path("/tmp"))  # doctest: +SKIP
    'cache folder /tmp is writable by others'
    """
    parts = [
        (folder, "cache folder", False),
        (folder / CACHE_FILE, "cache file", False),
        (folder / JOURNAL_FILE, "cache file", False),
        (folder / CHECK_FILE, "cache file", False),
        (key_path().parent, "cache key folder", False),
        (key_path(), "cache key", True),
    ]
    for path, what, secret in parts:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as error:
            return f"{what} {path} cannot be looked at ({error.strerror})"
        reason = _unsafe(info, what, path, secret)
        if reason:
            return reason
    return None


def _own_folder(folder: Path) -> None:
    """Make the folder if need be, readable by this user alone; raise OSError if it may not be trusted."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    reason = _unsafe(os.lstat(folder), "cache folder", folder)
    if reason:
        raise PermissionError(reason)


def _read_own(path: Path, secret: bool = False) -> bytes:
    """A file's bytes if it is a plain file of this user's that no one else may write; else OSError.

    Checked on the open file (not its name), so the file read is the file checked; a FIFO does not block."""
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as stream:
        info = os.fstat(stream.fileno())
        reason = "not a plain file" if not stat.S_ISREG(info.st_mode) else _unsafe(info, "cache file", path, secret)
        if reason:
            raise PermissionError(reason)
        return stream.read()


def _key() -> bytes | None:
    """This user's key for the cache files, made on first use; None if there is no trustworthy one."""
    path = key_path()
    try:
        _own_folder(path.parent)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as stream:
                stream.write(secrets.token_bytes(KEY_BYTES))
        key = _read_own(path, secret=True)
    except OSError:
        return None
    return key if len(key) == KEY_BYTES else None  # short: another run is writing it just now


def _mac(key: bytes, body: bytes | memoryview) -> bytes:
    return hmac.new(key, body, hashlib.sha256).digest()


def _kinds(items: list[object]) -> set[type]:
    return set(map(type, items))  # one C-level pass: a national cache holds 221,000 of each


def _base_shape(value: object) -> tuple[list[str], list[Key], list[Unpacked]] | None:
    """CACHE_FILE's names, keys and results if its blob has the shape the loader relies on, else None."""
    if type(value) is not bytes:
        return None
    try:
        kept = marshal.loads(value)  # our own bytes: the MAC said this user's dps wrote them
    except Exception:
        return None
    if type(kept) is not tuple or len(kept) != 3 or any(type(part) is not list for part in kept):
        return None
    names, keys, results = kept
    if not len(names) == len(keys) == len(results):
        return None
    if not (_kinds(names) <= {str} and _kinds(keys) <= {tuple} and _kinds(results) <= {tuple}):
        return None
    return names, keys, results


def _well_formed(changes: object) -> TypeGuard[Changes]:
    """Whether a journal's changes have the shape the loader relies on: {name: ((time, size, mode), bytes) or None}."""
    return isinstance(changes, dict) and all(
        type(name) is str
        and (change is None or (type(change) is tuple and len(change) == 2 and type(change[1]) is bytes))
        for name, change in changes.items()
    )


def _positions(kept: list[str], names: list[str]) -> list[int]:
    """Where each name is in `kept`, or len(kept) where it is not there.

    Both are in the order walk() gives, and differ by the files added or removed since: their common start and
    end are matched by comparing the lists (C-level), only the rest by name (hashing 221,000 names to look them
    up costs a seventh of a second).
    """
    start = _common(kept, names)
    end = _common(kept[start:][::-1], names[start:][::-1])
    middle = {name: start + i for i, name in enumerate(kept[start : len(kept) - end])}
    rest = [middle.get(name, len(kept)) for name in names[start : len(names) - end]]
    return [*range(start), *rest, *range(len(kept) - end, len(kept))]


def _common(one: list[str], other: list[str]) -> int:
    """How many entries the two lists have alike before their first difference."""
    differ = list(map(operator.ne, one, other))
    return differ.index(True) if True in differ else len(differ)


class Sealed:
    """One file of a cache folder: a value pickled with a stamp of what it depends on, behind an HMAC under this
    user's key. The load cache is one; the schema check's findings (generator.check.remembered) another.

    A folder that may not be trusted (see refusal()) is neither read nor written: the file is absent.

    >>> Sealed(default_folder(Path("data")), CACHE_FILE, fingerprint()).read()  # doctest: +SKIP
    """

    def __init__(self, folder: Path, name: str, stamp: str) -> None:
        self.folder = folder
        self.name = name
        self.stamp = stamp
        self.key = _key() if refusal(folder) is None else None
        self.seal: bytes | None = None  # the MAC of the value last read or written: which one it was

    def read(self) -> object | None:
        """The value kept under this stamp, or None (nothing kept, another stamp, planted or damaged)."""
        if self.key is None:
            return None
        try:
            blob = memoryview(_read_own(self.folder / self.name))
            body = blob[MAC_BYTES:]
            if not hmac.compare_digest(blob[:MAC_BYTES], _mac(self.key, body)):
                return None  # not written with this user's key: planted, or damaged
            stamp, value = pickle.loads(body)  # our own bytes: the MAC says this user's dps wrote them
            if stamp != self.stamp:
                return None
            self.seal = bytes(blob[:MAC_BYTES])
            return value  # type: ignore[no-any-return]
        except Exception:  # nothing kept yet, or unreadable: as if nothing were kept
            return None

    def write(self, value: object) -> None:
        """Keep the value, replacing the file whole (never half-written).

        Nothing is written where the cache may not be trusted, nor when its folder cannot be made: the
        cache only saves time, and a build does not fail for want of one (in a read-only home, say)."""
        if self.key is None:
            return
        try:
            _own_folder(self.folder)
        except OSError:
            return
        body = pickle.dumps((self.stamp, value), protocol=pickle.HIGHEST_PROTOCOL)
        seal = _mac(self.key, body)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{Path(self.name).stem}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(seal)
                stream.write(body)
            os.replace(temporary, self.folder / self.name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.seal = seal

    def remove(self) -> None:
        """Remove the file, where the cache may be trusted (elsewhere nothing here is touched)."""
        if self.key is not None:
            with contextlib.suppress(OSError):  # as a file that cannot be written: the cache only saves time
                (self.folder / self.name).unlink(missing_ok=True)


class LoadCache:
    """Results of loading record files, by path under data/ (POSIX form), in CACHE_FILE and JOURNAL_FILE.

    A folder that may not be trusted (see refusal()) is neither read nor written: the cache is absent.
    The files are read and their MACs checked in a thread from the moment the cache is made (both let other
    threads run): the caller walks the data folder meanwhile. A run asks for every file's result at once
    (`lookup`), hands over those it read (`put`), and then every file's result (`save`).

    >>> cache = LoadCache(default_folder(Path("data")))  # doctest: +SKIP
    >>> cache.lookup(["schemes/x.yaml"], [(1700000000000000000, 812, 0o100644)])  # doctest: +SKIP
    [None]
    """

    def __init__(self, folder: Path) -> None:
        self.started_ns = time.time_ns()
        stamp = fingerprint()
        self.base = Sealed(folder, CACHE_FILE, stamp)
        self.journal = Sealed(folder, JOURNAL_FILE, stamp)
        self._read: tuple[object, object] = (None, None)
        self._restored = False
        self._reading = threading.Thread(target=self._read_files, name="load-cache", daemon=True)
        self._reading.start()
        # CACHE_FILE's files, their keys and results (none where it is absent); the journal's changes to it, and
        # the positions in CACHE_FILE of the changed files it holds
        self.names: list[str] = []
        self.keys: list[Key] = []
        self.results: list[Unpacked] = []
        self.changes: Changes = {}
        self.places: set[int] = set()
        # this run's files, their keys, each one's position in CACHE_FILE (len(self.names): not there), whether
        # the cache gave its result, the results read to keep, and the files the journal named
        self._names: list[str] = []
        self._keys: list[Key | None] = []
        self._at: list[int] = []
        self._hits: list[bool] = []
        self._fresh: dict[int, bytes] = {}
        self._journalled: dict[int, str] = {}

    def _read_files(self) -> None:
        base = self.base.read()
        self._read = (base, self.journal.read() if base is not None else None)

    def restore(self) -> None:
        """What the files hold, once read: shapes checked, the journal only if it is CACHE_FILE's (lookup does
        this first, unless done)."""
        if self._restored:
            return
        self._restored = True
        self._reading.join()
        base, journal = self._read
        self._read = (None, None)  # the blob is restored below: not kept beside it
        kept = _base_shape(base)
        if kept is None:
            return
        self.names, self.keys, self.results = kept
        if type(journal) is tuple and len(journal) == 3 and journal[0] == self.base.seal:
            _, changes, places = journal
            if _well_formed(changes) and type(places) is list and _kinds(places) <= {int}:
                self.changes, self.places = changes, set(places)

    def lookup(self, names: list[str], keys: list[Key | None]) -> list[Unpacked | None]:
        """The result for each file (name, key as it is now) the cache holds, or None: read it.

        In C-level passes over the files, not a Python step per file (a national dataset has 221,000), and
        without looking a name up (hashing 221,000 names costs a tenth of a second): the files are matched by
        their order (see _positions), the journal's by their positions in CACHE_FILE.
        """
        self.restore()
        absent = len(self.names)
        # in the same order (no file added or removed since CACHE_FILE was written), or mostly
        at = list(range(absent)) if self.names == names else _positions(self.names, names)
        self._names, self._keys, self._at = names, keys, at
        stored_keys: list[Key | None] = list(map([*self.keys, None].__getitem__, at))
        stored: list[Unpacked | None] = list(map([*self.results, None].__getitem__, at))
        found = stored
        for i in compress(range(len(at)), map(operator.ne, stored_keys, keys)):  # the few files changed since
            found[i] = None
        if self.changes:  # the journal's result (or none) for the files changed since CACHE_FILE was written
            suspects = {*self.places, absent}
            for i in compress(range(len(at)), map(suspects.__contains__, at)):
                if names[i] in self.changes:
                    change = self.changes[names[i]]
                    self._journalled[i] = names[i]
                    found[i] = unpack(change[1]) if change is not None and change[0] == keys[i] else None
        self._hits = list(map(operator.is_not, found, repeat(None)))
        return found

    def put(self, position: int, packed: bytes) -> None:
        """Keep a fresh result (file `position` of the lookup), unless the file changed too recently to trust its
        time."""
        key = self._keys[position]
        if key is not None and key[0] < self.started_ns - RACY_NS:
            self._fresh[position] = packed

    def _kept(self) -> list[bool]:
        """Whether the next cache holds each file's result: it does if this run took it from the cache or put it."""
        kept = list(self._hits)
        for position in self._fresh:
            kept[position] = True
        return kept

    def save(self, results: list[Unpacked]) -> None:
        """Keep the results of this run (every file's, in the lookup's order) and nothing else: in the journal
        when CACHE_FILE is there and changes for few of its files, else in CACHE_FILE (see Sealed.write)."""
        kept = self._kept()
        journal = self._changes(kept)
        if journal is not None and len(journal[0]) * COMPACT_FROM <= len(self.names):
            changes, places = journal
            if changes != self.changes:
                self.journal.write((self.base.seal, changes, places))
            return
        files = list(compress(range(len(kept)), kept))
        names = [self._names[i] for i in files]
        keys = [self._keys[i] for i in files]
        self.base.write(marshal.dumps((names, keys, shared_form([results[i] for i in files]))))
        self.journal.remove()

    def _changes(self, kept: list[bool]) -> tuple[Changes, list[int]] | None:
        """What the journal holds after this run: each file whose result differs from CACHE_FILE's (None: not
        kept), and the positions in CACHE_FILE of those it holds; None where there is no CACHE_FILE to change."""
        if self.base.seal is None or not self.names:
            return None
        absent = len(self.names)
        changes: Changes = {}
        places: list[int] = []
        for position, name in self._journalled.items():
            if kept[position] and position not in self._fresh:  # taken from the journal: kept there
                changes[name] = self.changes[name]
                places += [self._at[position]] if self._at[position] != absent else []
        for position, packed in self._fresh.items():
            key = self._keys[position]
            assert key is not None  # put() keeps none without one
            changes[self._names[position]] = (key, packed)
            places += [self._at[position]] if self._at[position] != absent else []
        gone = sorted(set(range(absent)).difference(compress(self._at, kept)))  # removed, or changed just now
        changes.update((self.names[at], None) for at in gone)
        return changes, sorted(places + gone)

    def kept_keys(self, shown: list[str], distinct: bool = False) -> dict[str, Key]:
        """The key of each file (shown as, in the lookup's order) whose result this run keeps, by the name it is
        shown as (unless two files are shown alike): the rows shown under that name are what loading a file with
        that key gives. `distinct`: the caller knows no two are shown alike."""
        kept = self._kept()
        if distinct:  # as nearly always
            return {name: key for name, key, keep in zip(shown, self._keys, kept, strict=True) if keep and key}
        keys: dict[str, Key | None] = {}
        for name, key, keep in zip(shown, self._keys, kept, strict=True):
            keys[name] = key if keep and name not in keys else None
        return {name: key for name, key in keys.items() if key is not None}
