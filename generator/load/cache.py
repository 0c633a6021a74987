"""A cache of loaded record files, so a second run reads only the files that changed.

One file in the cache folder holds, for each record file (by its path under data/), its size, its
modification time and what loading it gave (problems and rows, packed by generator.load.read.pack: the text
of each row, not its values, which loading casts again once per distinct text). An entry is used only while
the file's size and modification time are the same, and only by the same code: a change to the loader,
the table schemas or the YAML library makes the whole cache stale.

The file is a pickle, and unpickling runs whatever code a pickle names: whoever can write the cache runs
code in the build (issue 15; beside `--out /tmp/site` it was /tmp/.cache, anyone's to write). So:

- `dps build` keeps it in the user's own cache folder, `$XDG_CACHE_HOME/dps/<digest of the data folder>`
  (`~/.cache/dps/…` without XDG_CACHE_HOME), one folder per checkout, made readable by its owner alone;
- a cache folder, its file and the key are used only if they belong to this user, are no links and no one
  else may write to them (nor read the key);
- the file starts with an HMAC-SHA256 of the pickle under a random key kept in `<cache root>/dps/key`, and
  nothing is unpickled before it is checked.

The packed results inside are marshal's, as unsafe as a pickle's for bytes from anyone else: the MAC covers
them too. Anything wrong (no key, a wrong MAC, a short or garbled file, an unexpected shape) and the cache is
absent: every file is read again, and the run writes a good cache.

The schema check keeps what it found in each file's rows beside it (`CHECK_FILE`, generator.check.remembered),
sealed the same way (`Sealed`), by the keys this cache holds files' results under (`kept_keys`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TypeGuard

import yaml

from generator import schemas

CACHE_FILE = "records.pickle"
# the entries changed since CACHE_FILE was written, while they are few (see LoadCache.save)
DELTA_FILE = "records.delta.pickle"
DELTA_MOST = 2_000
CHECK_FILE = "checked.pickle"  # what the schema check found in each record file (generator.check.remembered)
KEY_FILE = "key"
KEY_BYTES = 32
MAC_BYTES = 32  # HMAC-SHA256, written before the pickle
# A file changed within this long before it was read may change again within the same clock tick,
# with its size and time unchanged (the "racy git" problem): it is read again next time, not cached.
RACY_NS = 2_000_000_000
# the code whose results are cached: the load package, and the limits and problem type it uses

Key = tuple[int, int, int]  # modification time in nanoseconds, size in bytes, type and permissions
Entries = dict[str, tuple[Key, bytes]]


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
        (folder / DELTA_FILE, "cache file", False),
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


def _well_formed(entries: object, gone: bool = False) -> TypeGuard[Entries]:
    """Whether entries have the shape get() and the loader rely on: {name: ((time, size, mode), bytes)}; with
    `gone`, an entry may be None (a delta's: the file is gone)."""
    return isinstance(entries, dict) and all(
        type(name) is str
        and ((type(entry) is tuple and len(entry) == 2 and type(entry[1]) is bytes) or (gone and entry is None))
        for name, entry in entries.items()
    )


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
        self.mac: bytes | None = None  # of the file read(), if it held the value

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
            self.mac = bytes(blob[:MAC_BYTES])
            kept: object = value
            return kept
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
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{Path(self.name).stem}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_mac(self.key, body))
                stream.write(body)
            os.replace(temporary, self.folder / self.name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class LoadCache:
    """Packed results of loading record files, by path under data/ (POSIX form).

    Kept in two files: every entry (CACHE_FILE), and the entries changed since it was written (DELTA_FILE), sealed
    with the other's MAC in its stamp, so that it is taken only with the file it was made against. A run that
    changed few entries writes the small file alone: writing the whole cache again took a national rebuild a
    second, for one record changed.

    A folder that may not be trusted (see refusal()) is neither read nor written: the cache is absent.

    >>> cache = LoadCache(default_folder(Path("data")))  # doctest: +SKIP
    >>> cache.get("schemes/x.yaml", (1700000000000000000, 812, 0o100644))  # doctest: +SKIP
    """

    def __init__(self, folder: Path) -> None:
        self.started_ns = time.time_ns()
        stamp = fingerprint()
        self.file = Sealed(folder, CACHE_FILE, stamp)
        kept = self.file.read()
        self.whole: Entries = kept if _well_formed(kept) else {}  # as CACHE_FILE holds them
        self.entries: Entries = self.whole
        # the entries changed since CACHE_FILE (as read) was written: none without it
        mac = self.file.mac
        self.delta = Sealed(folder, DELTA_FILE, f"{stamp} {mac.hex()}") if mac is not None else None
        delta = self.delta.read() if self.delta is not None else None
        if _well_formed(delta, gone=True) and delta:
            self.entries = dict(self.whole)
            for name, entry in delta.items():
                if entry is None:
                    self.entries.pop(name, None)
                else:
                    self.entries[name] = entry
        self.used: Entries = {}  # what this run saw: the next cache holds nothing else

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
        """Keep the entries of this run (see Sealed.write): those that differ from CACHE_FILE's in DELTA_FILE, if
        they are few, else all in CACHE_FILE."""
        # an entry got from CACHE_FILE is the very tuple it holds: compared by identity, a national one takes 0.02 s
        changed: dict[str, tuple[Key, bytes] | None] = {
            name: entry for name, entry in self.used.items() if self.whole.get(name) is not entry
        }
        changed.update(dict.fromkeys(self.whole.keys() - self.used.keys()))
        if self.delta is not None and len(changed) <= DELTA_MOST:
            self.delta.write(changed)
        else:
            self.file.write(self.used)

    def kept_keys(self, files: Iterable[tuple[str, str]]) -> dict[str, Key]:
        """The key of each file (name, shown as) whose result this run keeps, by the name it is shown as (unless
        two files are shown alike): the rows shown under that name are what loading a file with that key gives."""
        keys: dict[str, Key | None] = {}
        for name, shown in files:
            entry = self.used.get(name)
            keys[shown] = entry[0] if entry is not None and shown not in keys else None
        return {shown: key for shown, key in keys.items() if key is not None}
