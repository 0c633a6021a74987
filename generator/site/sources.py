"""The record files published beside the pages, and where the data folder sits in its repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path


def copy_sources(data_dir: Path, files: Iterable[str], target: Path) -> None:
    """The record files (paths below data_dir, as routes names them), so every page's "source file" link works
    offline and shows the published version; nothing else of the data folder."""
    made: set[Path] = set()  # a national site has 220,000 record files in 1,000 folders: each folder made once
    for relative in sorted(files):
        folder = (target / relative).parent
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        _link_or_copy(str(data_dir / relative), str(target / relative))


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def remove_leftovers(out: Path) -> None:
    """Temporary folders of builds that were killed before they could clean up."""
    for leftover in out.parent.glob(f".{out.name}-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


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
