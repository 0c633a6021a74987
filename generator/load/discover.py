"""Discover: which files under data/ may hold records. Folder and file-name rules, hidden files, file counts.

Only names and file modes are looked at here; a file's content is read.py's.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from generator.limits import MAX_RECORD_FILES
from generator.load.yamltree import printable
from generator.problems import Problem, error

# record type -> (folder under data/, folder depth below it)
RECORD_FOLDERS = {"scheme": ("schemes", 0), "supplier": ("suppliers", 0), "award": ("awards", 1)}

_PLACES = "data/schemes/<id>.yaml, data/suppliers/<id>.yaml or data/awards/<scheme-id>/<id>.yaml"


def record_type(parts: tuple[str, ...]) -> str | None:
    """The record type a file's place under data/ implies, or None if it belongs nowhere."""
    for record, (folder, depth) in RECORD_FOLDERS.items():
        if len(parts) == depth + 2 and parts[0] == folder and parts[-1].endswith(".yaml"):
            return record
    return None


_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10))})


def _entry_problem(path: Path, shown: str, is_file: bool) -> Problem | None:
    """Why a file or folder under data/ cannot hold records, or None."""
    name = path.name
    try:
        mode = path.lstat().st_mode
    except OSError as exc:  # gone or barred since the folder was listed
        return error("unreadable", shown, 1, "", f"cannot read it: {exc.strerror}")
    if stat.S_ISLNK(mode):
        return error("symlink", shown, 1, "", "symbolic links are not allowed in data/; commit the file itself")
    if name.startswith("."):
        return error(
            "hidden-file", shown, 1, "", "a hidden file would not be published; a record file is named by its id"
        )
    if printable(name) != name:  # control characters, line breaks or bytes that are not UTF-8
        return error("file-name", shown, 1, "", "the name holds characters that cannot be shown; name it by the id")
    if name.split(".")[0].lower() in _RESERVED:
        return error(
            "reserved-name",
            shown,
            1,
            "",
            f"{name} is a reserved name on Windows, so it cannot be checked out there; choose another id",
        )
    if is_file and not stat.S_ISREG(mode):
        return error("not-a-file", shown, 1, "", "only regular files belong in data/")
    return None


def _case_clashes(here: Path, names: list[str]) -> list[Problem]:
    """Names in one folder that differ only in letter case: one file on Windows and macOS."""
    first: dict[str, str] = {}
    problems = []
    for name in names:
        key = unicodedata.normalize("NFC", name).casefold()
        if key in first:
            message = (
                f"differs only in letter case from {printable(first[key])}; on Windows and macOS they are one file"
            )
            problems.append(error("case-clash", printable((here / name).as_posix()), 1, "", message))
        else:
            first[key] = name
    return problems


# A file that may hold a record: its path (POSIX form, root included) and its parts under root.
Candidate = tuple[str, tuple[str, ...]]


def walk(root: Path, max_files: int = MAX_RECORD_FILES) -> list[Problem | Candidate]:
    """The folders under root in sorted order: their problems and the files that may hold records, in order.

    Only names are looked at here (and folders, to know where not to descend): each file is looked at
    in classify, which large datasets run in worker processes.
    """
    items: list[Problem | Candidate] = []
    files = 0

    def unreadable(exc: OSError) -> None:
        items.append(error("unreadable", printable(str(exc.filename)), 1, "", f"cannot read it: {exc.strerror}"))

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        here = Path(folder)
        below = here.parts[len(root.parts) :]  # the folder's place under root, once per folder, not per file
        dirnames.sort()
        filenames.sort()
        items += _case_clashes(here, sorted(dirnames + filenames))
        kept = []
        for name in dirnames:
            if name.startswith("."):
                continue  # a tool's folder (.git, .vscode): not read, as git's own folder is not
            path = here / name
            problem = _entry_problem(path, printable(path.as_posix()), is_file=False)
            items += [problem] if problem else []
            kept += [] if problem else [name]
        dirnames[:] = kept  # never descend into what was refused
        prefix = here.as_posix()
        prefix += "" if prefix.endswith("/") else "/"
        for name in filenames:
            files += 1
            if files > max_files:
                message = f"more than {max_files:,} files (national scale is about 221,000); nothing was read"
                return [error("file-count", printable(root.as_posix()), 1, "", message)]
            parts = (*below, name)
            if parts == ("README.md",) or (name.startswith(".") and not name.endswith(".yaml")):
                continue  # a hidden file is a tool's (.gitkeep, .DS_Store): a hidden record file is refused
            items.append(((prefix if prefix != "./" else "") + name, parts))  # as (here / name).as_posix()
    return items


def classify(path: Path, parts: tuple[str, ...], shown: str) -> tuple[str | None, Problem | None]:
    """A file's record type, or why it holds no record."""
    problem = _entry_problem(path, shown, is_file=True)
    record = record_type(parts)
    if problem is None and record is None:
        problem = error("wrong-folder", shown, 1, "", f"a record file belongs at {_PLACES}")
    return (None, problem) if problem is not None else (record, None)


def discover(root: Path) -> tuple[list[tuple[str, Path, str]], list[Problem]]:
    """Every record file under root as (record type, path, path shown in problems), sorted.

    Folders are walked in sorted order, so problems and rows come out the same on every machine.
    """
    found: list[tuple[str, Path, str]] = []
    problems: list[Problem] = []
    for item in walk(root):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        path, parts = item
        shown = printable(path)
        record, problem = classify(Path(path), parts, shown)
        if record is not None:
            found.append((record, Path(path), shown))
        elif problem is not None:
            problems.append(problem)
    return found, problems
