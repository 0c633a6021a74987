"""The folders of the site a build replaced, kept as a spare for the next build's pages.

A national site's generated pages are 54,000 folders (a page is <path>/index.html). Making them anew cost a
rebuild 3.5 s of the kernel's time, more than everything else its page writers do. So the site a build replaces
keeps its page sections (schemes/, buyers/, suppliers/, awards/ in each language) as a spare beside the output,
`.{out.name}.spare`; the next build moves them into its new tree (`take_sections`), removes what is not one of its
pages (`prune`), and its page writers then replace each page file that is not already the right one.

Safety. The spare's files are hard links of the published site's (or of the one before): nothing may write into
one in place. A page is replaced by unlinking it and writing a new file (generator.site.stamp), or by linking the
published file in its place. A build claims the spare by renaming it into its work folder, so a build that fails
or is killed never leaves a half-changed spare behind (its work folder is removed, the spare with it, and the next
build makes a spare of the published site while it loads the records, as after a first build). What the spare
holds is never trusted: anything that is not a folder or a page file of the new site is removed before a page is
written (`prune`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Set
from pathlib import Path

from generator import routes
from generator.render.writer import SHELL_FOLDER

# the sections holding nearly all the pages (the others are a few pages each, and downloads/ holds the downloads)
SECTIONS = (routes.SCHEMES, routes.BUYERS, routes.SUPPLIERS, routes.AWARDS)


def spare_of(out: Path) -> Path:
    """Where the spare of the site at out is kept: beside it, hidden, and not a leftover of a killed build's
    (generator.site.sources.remove_leftovers removes `.{out.name}-*`)."""
    return out.parent / f".{out.name}.spare"


def _section_roots() -> list[str]:
    """Each recycled section's folder below the site root, in every language ("schemes", "en/schemes", …)."""
    return [root + section.rstrip("/") for root in routes.LANGUAGE_ROOTS.values() for section in SECTIONS]


def claim(out: Path, work: Path) -> Path | None:
    """The spare of out moved into work (where it is removed with the work folder if the build fails), or None."""
    claimed = work / "spare"
    try:
        os.rename(spare_of(out), claimed)
    except FileNotFoundError:
        return None
    return claimed if claimed.is_dir() and not claimed.is_symlink() else None


def take_sections(spare: Path, site: Path) -> bool:
    """Move the spare's page sections into the built site, in place of the sections mkdocs built (whose shells are
    moved into them); return whether any was taken."""
    taken = False
    for section in _section_roots():
        old, new = spare / section, site / section
        if old.is_symlink() or not old.is_dir() or new.is_symlink() or not new.is_dir():
            continue
        for entry in os.scandir(new):
            _remove(old / entry.name)
            os.rename(entry.path, old / entry.name)
        os.rmdir(new)
        os.rename(old, new)
        taken = True
    return taken


def prune(language_root: Path, pages: Set[str]) -> int:
    """Remove from the taken sections below a language's root everything that is not a page of the site
    (`pages`: paths such as "schemes/x/"): files other than a page's, links, pages that are gone, and the folders
    left empty. mkdocs' shells are left alone. Returns how many entries were removed."""
    removed = 0
    for section in SECTIONS:
        folder = language_root / section
        if folder.is_dir() and not folder.is_symlink():
            removed += _prune_folder(os.fspath(folder), section, pages)
    return removed


def _prune_folder(folder: str, path: str, wanted: Set[str]) -> int:
    """Prune the folder at a page path (see prune); returns how many entries were removed."""
    removed = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name == SHELL_FOLDER and path.count("/") == 1:
                    continue
                below = f"{path}{entry.name}/"
                removed += _prune_folder(entry.path, below, wanted)
                if not os.listdir(entry.path):
                    os.rmdir(entry.path)
                    removed += 1
            elif entry.name != routes.PAGE_FILE or path not in wanted or not entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
    return removed


def keep(replaced: Path, out: Path, work: Path) -> None:
    """After the swap: the page sections of the replaced site (at `replaced`, inside the work folder) become the
    spare of the site now at out. What else it held is removed with the work folder."""
    staging = work / "spare-next"
    staging.mkdir()
    for section in _section_roots():
        old = replaced / section
        if old.is_dir() and not old.is_symlink():
            (staging / section).parent.mkdir(parents=True, exist_ok=True)
            os.rename(old, staging / section)
    spare = spare_of(out)
    if spare.exists() or spare.is_symlink():  # not claimed by this build (made meanwhile?): removed with work
        os.rename(spare, work / "spare-unclaimed")
    os.rename(staging, spare)


def wanting(out: Path, store: Path | None) -> bool:
    """Whether the site at out wants a spare made (make_spare): it is published, a build that keeps its keys
    (`store`) may take its spare, and it has none."""
    return store is not None and out.is_dir() and not os.path.lexists(spare_of(out))


def make_spare(out: str | Path) -> None:
    """A spare for the site at out when it has none (it replaced no site, or a build failed): its page sections'
    folders made anew, each page file a hard link of the published one's. The next build makes it while it loads
    the records (generator.build). Made in a folder of its own and put in place whole, or not at all: if a build
    kept a spare meanwhile, or removed this one's folder as a killed build's leftover, or anything else fails,
    nothing is left (a spare only saves time; correctness never depends on it)."""
    out = Path(out)
    _remove_old_staging(out)
    # not named as a build's leftover (generator.site.sources.remove_leftovers): a build may start meanwhile
    staging = tempfile.mkdtemp(prefix=f"{spare_of(out).name}-", dir=out.parent)
    try:
        for section in _section_roots():
            if (out / section).is_dir():
                _mirror(os.fspath(out / section), os.path.join(staging, section))
        os.rename(staging, spare_of(out))
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_old_staging(out: Path) -> None:
    """What makers of a spare killed an hour ago or more left behind (one takes seconds)."""
    stale = time.time() - 3600
    for folder in out.parent.glob(f"{spare_of(out).name}-*"):
        if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < stale:
            shutil.rmtree(folder, ignore_errors=True)


def _mirror(source: str, target: str) -> None:
    """The folders below source and their page files (hard links), mkdocs' shells left out, made at target."""
    os.makedirs(target)
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != SHELL_FOLDER:
                    _mirror(entry.path, os.path.join(target, entry.name))
            elif entry.name == routes.PAGE_FILE and entry.is_file(follow_symlinks=False):
                os.link(entry.path, os.path.join(target, entry.name))


def _remove(path: Path) -> None:
    """Whatever is at path (nothing, a file, a link or a folder) removed."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
