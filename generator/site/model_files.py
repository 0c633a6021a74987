"""The files made of the model alone, written beside the rest of a build: the search documents, the name index,
the awards explorer's files, the feeds and the record files' copies. None needs the indicators, the downloads or
the pages, so a build starts them in a forked process as soon as the model is made (generator.build)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator import routes, runtime
from generator.model import Model
from generator.render import explorer, names, search
from generator.render.feeds import all_feeds
from generator.site.sources import copy_sources, record_file_paths, remove_leftovers


class ModelFiles:
    """The files made of the model alone (see above), written in a forked process into a folder of their own
    beside the output (removed with a killed build's leftovers) while the check, the indicators and the pages go
    on. Moved into the site when it is published; a build that publishes nothing discards them."""

    def __init__(self, out: Path, root_url: str, *, fork: bool) -> None:
        self.out, self.root_url, self.fork = out, root_url, fork
        self.folder: Path | None = None
        self.pending: runtime.Pending[dict[str, float]] | None = None

    def start(self, model: Model) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.out)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-", dir=self.out.parent))
        self.pending = runtime.in_fork(write_model_files, model, self.folder, self.root_url, fork=self.fork)

    def finish(self) -> tuple[Path, dict[str, float]]:
        """Wait for the files: the folder that holds them (search/ for Pagefind, site/ as below the site root),
        and the seconds each kind took."""
        assert self.pending is not None and self.folder is not None, "ModelFiles.start(model) comes first"
        return self.folder, self.pending.result()

    def discard(self) -> None:
        if self.pending is not None:
            self.pending.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.pending = self.folder = None


def write_model_files(model: Model, folder: Path, root_url: str) -> dict[str, float]:
    """The search documents into folder/search, the rest into folder/site (as below the site root); the seconds
    each took."""
    took: dict[str, float] = {}
    site = folder / "site"
    steps: dict[str, Callable[[], object]] = {
        "search documents": partial(search.write_documents, model, folder / "search"),
        "name index": partial(names.write_index, model, site),
        "awards explorer": partial(explorer.write_files, model, site),
        "feeds": partial(_write_feeds, model, site, root_url),
        "record files": partial(copy_sources, model.dataset.root, record_file_paths(model), site / routes.DATA),
    }
    for name, step in steps.items():
        started = time.perf_counter()
        step()
        took[name] = time.perf_counter() - started
    return took


def _write_feeds(model: Model, site: Path, root_url: str) -> None:
    for path, feed in all_feeds(model, root_url).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(feed)


def move_tree(source: Path, target: Path) -> None:
    """Everything below source moved to the same place below target: a folder target lacks moves whole, one
    it has already gets what source holds."""
    for entry in os.scandir(source):
        into = target / entry.name
        if entry.is_dir() and into.is_dir():
            move_tree(Path(entry.path), into)
        else:
            os.rename(entry.path, into)
