"""The load cache's store of record files' results (CACHE_FILE and its JOURNAL_FILE; see generator.load.cache,
which says what is kept, where, and why it can be trusted)."""

from __future__ import annotations

import marshal
import operator
import threading
import time
from itertools import compress, repeat
from pathlib import Path
from typing import TypeGuard

from generator.load import cache
from generator.load.cache import CACHE_FILE, JOURNAL_FILE, RACY_NS, Key, Sealed
from generator.load.read import Unpacked, shared_form, unpack

COMPACT_FROM = 8  # CACHE_FILE is written again once the journal holds changes for one of this many of its files

Change = tuple[Key, bytes] | None  # a file's key and packed result since CACHE_FILE; None: its result is not kept
Changes = dict[str, Change]


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


class LoadCache:
    """Results of loading record files, by path under data/ (POSIX form), in CACHE_FILE and JOURNAL_FILE.

    A folder that may not be trusted (see refusal()) is neither read nor written: the cache is absent.
    The files are read and their MACs checked in a thread from the moment the cache is made (both let other
    threads run): the caller walks the data folder meanwhile. A run asks for every file's result at once
    (`lookup`), hands over those it read (`put`), and then every file's result (`save`).

    >>> store = LoadCache(cache.default_folder(Path("data")))  # doctest: +SKIP
    >>> store.lookup(["schemes/x.yaml"], [(1700000000000000000, 812, 0o100644)])  # doctest: +SKIP
    [None]
    """

    def __init__(self, folder: Path) -> None:
        self.started_ns = time.time_ns()
        stamp = cache.fingerprint()  # looked up when used: a test stands in for other code
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
