"""The files made of the model alone, written beside the rest of a build: the search documents, the name index,
the awards explorer's files, the feeds and the record files' copies. None needs the indicators, the downloads or
the pages, so a build starts them in a forked process as soon as the model is made (generator.build); the record
files' copies need only the loaded records, so they are started before the check, in a process of their own, on a
core the check leaves idle on a rebuild.

A rebuild links the awards explorer's files and the schemes' feeds whose inputs are unchanged from the published
site (`Kept`), as the pages are (generator.site.previous): a one-award change touches four of the explorer's 1,700
files at national scale, and one or two of the 2,000 feeds. The search documents are not published: a build keeps
copies of them beside its store in the build cache (`Kept.copies_of`), and the next links those whose inputs are
unchanged (one or two of 6,600). The name index's id buckets are linked too, keyed by the explorer's digests of
the awards (a key of the records themselves costs as much as writing them: each is a few short texts), and its
4,096 word shards are made (a fifth of its bytes, their keys would cost what they do).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any

from generator import routes, runtime
from generator.load import Dataset
from generator.model import Model
from generator.render import explorer, names, search
from generator.render.feeds import write_feeds
from generator.render.keys import code_digest
from generator.site.sources import copy_sources, record_file_paths
from generator.stored import save_json


class ModelFiles:
    """The files made of the model alone (see above), written in a forked process into a folder of their own
    beside the output (removed with a killed build's leftovers, generator.build.start_workspace) while the
    check, the indicators and the pages go on. Moved into the site when it is published; a build that publishes
    nothing discards them."""

    def __init__(self, out: Path, root_url: str, *, fork: bool, store: Path | None = None) -> None:
        """`store`: where the inputs' keys of the files are kept between builds (generator.stored.beside), None:
        kept nowhere, every file is made."""
        self.out, self.root_url, self.fork, self.store = out, root_url, fork, store
        self.folder: Path | None = None
        self.pending: runtime.Pending[dict[str, float]] | None = None
        self.sources: runtime.Pending[float] | None = None

    def start_sources(self, dataset: Dataset, after: runtime.Pending[Any] | None = None) -> None:
        """Start copying the record files (as below the site root) as soon as they are loaded, and `after` has
        ended (the file system's other big task of the build: both make folders and links, and slowed each other)."""
        folder = self._folder()
        copy = partial(copy_sources, dataset.root, record_file_paths(dataset), folder / "site" / routes.DATA)
        self.sources = runtime.in_fork(_timed, copy, after, fork=self.fork)

    def start(self, model: Model) -> None:
        if self.sources is None:
            self.start_sources(model.dataset)
        kept = Kept(self.out, self.store) if self.store is not None else None
        self.pending = runtime.in_fork(write_model_files, model, self._folder(), self.root_url, kept, fork=self.fork)

    def _folder(self) -> Path:
        if self.folder is None:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-", dir=self.out.parent))
        return self.folder

    def finish(self) -> tuple[Path, dict[str, float]]:
        """Wait for the files: the folder that holds them (search/ for Pagefind, site/ as below the site root),
        and the seconds each kind took."""
        assert self.pending is not None and self.sources is not None and self.folder is not None, "start() first"
        return self.folder, {**self.pending.result(), "record files": self.sources.result()}

    def discard(self) -> None:
        for pending in (self.pending, self.sources):
            if pending is not None:
                pending.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.pending = self.sources = self.folder = None


def write_model_files(model: Model, folder: Path, root_url: str, kept: Kept | None = None) -> dict[str, float]:
    """The search documents into folder/search, the rest into folder/site (as below the site root); the seconds
    each took. `kept`: the published site's files that may be linked rather than made, and where to keep the keys
    of those made now."""
    took: dict[str, float] = {}
    site = folder / "site"
    documents = kept.copies_of("search") if kept is not None else None
    # the awards' rows, each with its digest where files are kept: made once (by the first to ask, the name index)
    # for the explorer's shards and the keys of the name index's id buckets
    rows = cache(partial(explorer.award_rows, model, kept is not None))
    steps: dict[str, Callable[[], object]] = {
        "search documents": partial(search.write_documents, model, folder / "search", None, documents),
        "name index": partial(names.write_index, model, site, kept, lambda: explorer.award_digests(rows())),
        "awards explorer": lambda: explorer.write_files(model, site, kept, rows()),
        "feeds": partial(write_feeds, model, site, root_url, kept),
    }
    for name, step in steps.items():
        started = time.perf_counter()
        step()
        took[name] = time.perf_counter() - started
    for each in (kept, documents):
        if each is not None:
            each.save()
    return took


def _timed(step: Callable[[], object], after: runtime.Pending[Any] | None = None) -> float:
    if after is not None:
        after.ended.wait()
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


class Kept:
    """The published site's files, each with the key of the inputs it was made of (a digest of the model's rows
    it holds, made by its writer), kept in a store in the build cache.

    A file is linked from the published site when its key is unchanged and the published file is the very one the
    key was saved with: the same device, inode, size and modification time. A link or a rename keeps those, so a
    file made or linked by a build that was then published still matches; a file a build made but never
    published (a failed build), or one replaced in any other way, does not. Keys of another version of the code
    are never used. The store is written at the end of each build's files, whether that build is published or not:
    an entry is true of the file it names whenever that file is there.
    """

    def __init__(self, out: Path, store: Path, *, copies: bool = False) -> None:
        """`copies`: out is a folder of this Kept's own, which keeps a copy (a hard link) of each file made, for
        files that are not published (`copies_of`)."""
        self.out, self.store, self.code, self.copies = out, store, code_digest(), copies
        try:
            saved = json.loads(store.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        files = saved.get("files") if isinstance(saved, dict) and saved.get("code") == self.code else None
        self.saved: dict[str, list[object]] = files if isinstance(files, dict) else {}
        self.now: dict[str, list[object]] = {}  # the entries of the files this build placed
        self.linked = 0

    def link(self, site: Path, path: str, key: str) -> int | None:
        """The published file at path linked to site/path if it was made of inputs with this key: its size;
        None if it must be made (then `made` records it)."""
        entry = self.saved.get(path)
        if entry is None or entry[0] != key:
            return None
        source = self.out / path
        try:
            stat = os.stat(source)
            if _identity(stat) != entry[1:]:
                return None
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            os.link(source, site / path)
        except OSError:
            return None
        self.now[path] = entry
        self.linked += 1
        return stat.st_size

    def made(self, site: Path, path: str, key: str) -> None:
        """site/path was just made of inputs with this key."""
        self.now[path] = [key, *_identity(os.stat(site / path))]
        if self.copies:  # kept as the very file (a link: the same identity), in place of an older copy
            copy = self.out / path
            try:
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.unlink(missing_ok=True)
                os.link(site / path, copy)
            except OSError:  # another file system: nothing kept, made again next time
                del self.now[path]

    def write(self, site: Path, path: str, key: str, make: Callable[[], bytes]) -> int:
        """site/path linked from the published site if it was made of inputs with this key, else written of
        make() (called only then); its size in bytes."""
        size = self.link(site, path, key)
        if size is None:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            content = make()
            target.write_bytes(content)
            self.made(site, path, key)
            size = len(content)
        return size

    def save(self) -> None:
        """Keep the entries of the files placed now (and, of copies, only the files placed now)."""
        save_json(self.store, {"code": self.code, "files": self.now})
        if self.copies:
            for folder, _, names in os.walk(self.out):
                for name in names:
                    path = os.path.join(folder, name)
                    if Path(path).relative_to(self.out).as_posix() not in self.now:
                        os.unlink(path)

    def copies_of(self, name: str) -> Kept:
        """A Kept of files a build makes but does not publish (the search documents), which keeps copies of them
        in a folder beside its store, named by name."""
        stem = self.store.with_name(f"{self.store.stem}.{name}")
        return Kept(stem, stem.with_name(stem.name + ".json"), copies=True)


def _identity(stat: os.stat_result) -> list[object]:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def move_tree(source: Path, target: Path) -> None:
    """Everything below source moved to the same place below target: a folder target lacks moves whole, one
    it has already gets what source holds."""
    for entry in os.scandir(source):
        into = target / entry.name
        if entry.is_dir() and into.is_dir():
            move_tree(Path(entry.path), into)
        else:
            os.rename(entry.path, into)
