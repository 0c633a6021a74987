"""The record files: which there are, their labels and pages, their copies published beside the pages, and where
the data folder sits in its repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from generator import routes, runtime
from generator.load import Dataset
from generator.model.facts import award_year


def copy_sources(data_dir: Path, files: Iterable[str], target: Path) -> None:
    """The record files (paths below data_dir, as routes names them), so every page's "source file" link works
    offline and shows the published version; nothing else of the data folder."""
    # a national site has 220,000 record files in 1,000 folders: each folder made and opened once, and each file
    # linked by its name in the two open folders (linkat), so the kernel does not walk both paths for every file
    by_folder: dict[str, list[str]] = defaultdict(list)
    for relative in files:
        folder, _, name = relative.rpartition("/")
        by_folder[folder].append(name)
    for folder, names in sorted(by_folder.items()):
        source, into = os.path.join(data_dir, folder), os.path.join(target, folder)
        os.makedirs(into, exist_ok=True)
        source_fd = os.open(source, os.O_RDONLY | os.O_DIRECTORY)
        try:
            into_fd = os.open(into, os.O_RDONLY | os.O_DIRECTORY)
            try:
                for name in sorted(names):
                    try:
                        os.link(name, name, src_dir_fd=source_fd, dst_dir_fd=into_fd)
                    except OSError:  # another file system, or one without hard links
                        shutil.copy2(os.path.join(source, name), os.path.join(into, name))
            finally:
                os.close(into_fd)
        finally:
            os.close(source_fd)


def remove_leftovers(out: Path) -> None:
    """Temporary folders of builds that were killed before they could clean up, removed in the background: one may
    be a national site's 300,000 files, which the build before may still be removing (runtime.remove_detached);
    removed here, they cost a rebuild up to 18 s."""
    for leftover in out.parent.glob(f".{out.name}-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            runtime.remove_detached(leftover)


def repository_path(data_dir: Path) -> str:
    """The data folder's path inside its git repository ("data/"), for links to its history on the forge."""
    try:
        top = subprocess.run(
            ["git", "-C", str(data_dir), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
        ).stdout.strip()
        relative = data_dir.resolve().relative_to(Path(top).resolve()).as_posix()
    except (OSError, subprocess.CalledProcessError, ValueError):
        return "data/"
    return "" if relative == "." else relative + "/"


def record_file_paths(dataset: Dataset) -> set[str]:
    """Every record file below the data folder, as the routes name it (a record's file is named by its id): known
    once the records are loaded, before they are checked. A row without its id (an error the check reports, so
    nothing is published) names no file."""
    tables = dataset.tables
    schemes = (row.values["scheme_id"] for row in tables["schemes"])
    suppliers = (row.values["supplier_id"] for row in tables["suppliers"])
    awards = ((row.values["scheme_id"], row.values["award_id"]) for row in tables["awards"])
    return {
        *(routes.scheme_file(scheme_id) for scheme_id in schemes if scheme_id is not None),
        *(routes.supplier_file(supplier_id) for supplier_id in suppliers if supplier_id is not None),
        *(routes.award_file(*key) for key in awards if None not in key),
    }


def record_files(dataset: Dataset) -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
    """Each record file's (label, page path), and per scheme the files that concern it (its own, its awards',
    its admitted suppliers'), so warnings can be counted and linked per scheme and buyer."""
    links: dict[str, tuple[str, str]] = {}
    concern: dict[str, set[str]] = {}
    for row in dataset.tables["schemes"]:
        v = row.values
        links[row.file] = (v["title"] or v["scheme_id"], routes.scheme(v["scheme_id"]))
        concern.setdefault(v["scheme_id"], set()).add(row.file)
    for row in dataset.tables["suppliers"]:
        v = row.values
        links[row.file] = (v["name"] or v["supplier_id"], routes.supplier(v["supplier_id"]))
    for row in dataset.tables["admissions"]:
        concern.setdefault(row.values["scheme_id"], set()).add(row.file)
    for row in dataset.tables["awards"]:
        v = row.values
        year = award_year(v)
        if year is not None:
            page = routes.award(v["scheme_id"], v["award_id"], year)
            links[row.file] = (v["title"] or v["award_id"], page)
        concern.setdefault(v["scheme_id"], set()).add(row.file)
    return links, concern
