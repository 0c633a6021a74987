"""History: when each record was added and last changed, and what changed between revisions, from git.

One `git log` pass reads the whole history of the data folder (no call per file: the
national dataset has 220,000 files). Dates are commit dates on the main line
(`--first-parent`): a merged pull request counts from when it was merged. A renamed
file is a removed record and an added one, as the file name is the record's id.
"""

from __future__ import annotations

import string
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple

from generator.load import record_type
from generator.load.yamltree import printable

Kind = Literal["added", "modified", "deleted"]
_KINDS: dict[str, Kind] = {"A": "added", "M": "modified", "T": "modified", "D": "deleted"}
_HEADER = "\x01"
_RECORD_TYPES = ("scheme", "supplier", "award")


class HistoryError(Exception):
    """git could not answer (not a repository, an unknown revision); the message says why."""


class FileHistory(NamedTuple):
    """When a record file came to be at its path, and when it last changed (commit dates)."""

    added: date
    changed: date
    added_commit: str
    changed_commit: str


class Change(NamedTuple):
    """One file added, modified or deleted; date and commit are None for a diff between two revisions."""

    date: date | None
    commit: str | None
    path: str  # relative to the data folder, e.g. "awards/tolk-fjordvik/2024-001.yaml"
    kind: Kind
    record: str | None  # scheme, supplier, award; None for a file that is not a record
    id: str  # the record's id (the file name without .yaml)
    scheme: str | None  # an award's scheme


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except OSError as exc:  # git is not installed
        raise HistoryError(f"git could not run: {exc}") from exc
    if done.returncode != 0:
        raise HistoryError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout.decode("utf-8", "surrogateescape")


def _pathspec(repo_root: Path, data_dir: Path, whole_history: bool = True) -> tuple[Path, str]:
    """The work tree's top and the data folder relative to it."""
    top, shallow = _git(repo_root, "rev-parse", "--show-toplevel", "--is-shallow-repository").splitlines()
    if shallow == "true" and whole_history:  # the oldest commit there would look like every file's addition
        raise HistoryError("the clone is shallow; fetch the whole history (actions/checkout: fetch-depth: 0)")
    try:
        relative = data_dir.resolve().relative_to(Path(top).resolve())
    except ValueError as exc:
        raise HistoryError(f"{data_dir} is not inside the git work tree at {top}") from exc
    return Path(top), relative.as_posix()


def _describe(path: str) -> tuple[str | None, str, str | None]:
    """(record type, id, scheme) of a path relative to the data folder."""
    parts = tuple(path.split("/"))
    record = record_type(parts)
    stem = parts[-1].removesuffix(".yaml")
    return record, stem, parts[1] if record == "award" else None


def _entries(out: str, prefix: str, with_headers: bool) -> Iterator[tuple[str | None, date | None, str, Kind]]:
    """(commit, date, path relative to the data folder, kind) from `git log/diff -z --name-status` output."""
    commit: str | None = None
    day: date | None = None
    tokens = iter(out.split("\0"))
    strip = len(prefix) + 1 if prefix not in ("", ".") else 0
    for token in tokens:
        if with_headers and token.startswith(_HEADER):
            commit, stamp = token[1:].split(" ")
            day = date.fromisoformat(stamp)
        elif token.strip("\n"):
            path = next(tokens)
            yield commit, day, path[strip:], _KINDS.get(token.strip("\n")[0], "modified")


def _log(repo_root: Path, data_dir: Path) -> Iterator[tuple[str | None, date | None, str, Kind]]:
    """Every change to the data folder on the main line, newest first."""
    top, rel = _pathspec(repo_root, data_dir)
    out = _git(
        top,
        "log",
        "-z",
        "--no-renames",
        "--name-status",
        "--first-parent",
        "--diff-merges=first-parent",
        f"--format={_HEADER}%H %cs",
        "--",
        rel,
    )
    return _entries(out, rel, with_headers=True)


def record_history(repo_root: Path, data_dir: Path) -> dict[str, FileHistory]:
    """When each file now in the data folder was added and last changed, keyed by its path relative to data_dir.

    Empty when the data folder is not in git (or git is missing). A file that was deleted and
    added again counts from its last addition. Uncommitted files have no entry.

    >>> history = record_history(Path("."), Path("data"))  # doctest: +SKIP
    >>> history["schemes/tolk-fjordvik.yaml"].added  # doctest: +SKIP
    datetime.date(2024, 5, 2)
    """
    try:
        entries = _log(repo_root, data_dir)
    except HistoryError:
        return {}
    found: dict[str, list[Any]] = {}
    closed: set[str] = set()  # deleted later: older entries belong to an earlier life of the file
    for commit, day, path, kind in entries:  # newest first
        if path in closed:
            continue
        if kind == "deleted":
            closed.add(path)
        elif path not in found:
            found[path] = [day, day, commit, commit]
        else:
            found[path][0], found[path][2] = day, commit
    return {path: FileHistory(*values) for path, values in sorted(found.items())}


def recent_changes(repo_root: Path, data_dir: Path, limit: int = 200) -> list[Change]:
    """The newest `limit` changes to files in the data folder, newest first, for a "what changed" page.

    Empty when the data folder is not in git. Within a commit, changes are in path order.
    """
    try:
        entries = _log(repo_root, data_dir)
    except HistoryError:
        return []
    changes: list[Change] = []
    for commit, day, path, kind in entries:
        if len(changes) == limit:
            break
        changes.append(Change(day, commit, path, kind, *_describe(path)))
    return changes


def changes_between(repo_root: Path, data_dir: Path, base: str, head: str = "HEAD") -> list[Change]:
    """What `head` changed in the data folder since it parted from `base` (git's `base...head`), by path.

    Raises HistoryError for an unknown revision or a folder outside git. A shallow clone will do when it holds both.
    """
    top, rel = _pathspec(repo_root, data_dir, whole_history=False)
    out = _git(top, "diff", "-z", "--no-renames", "--name-status", f"{base}...{head}", "--", rel)
    return sorted(
        (Change(None, None, path, kind, *_describe(path)) for _, _, path, kind in _entries(out, rel, False)),
        key=lambda c: c.path,
    )


# --- a summary for release notes and pull requests ---------------------------------------

_HEADINGS = {"scheme": "Schemes", "supplier": "Suppliers", "award": "Awards", None: "Other files"}
_VERBS: dict[Kind, str] = {"added": "added", "modified": "changed", "deleted": "removed"}
MARKDOWN_IDS = 50  # ids listed per table cell: a job summary may hold at most 1 MiB
# Every ASCII punctuation character backslash-escaped (CommonMark allows it for each, GitHub's tables for
# the pipe), so no name opens a heading, list, link, emphasis, code span or table cell; & < > as entities,
# which also hold inside an HTML block. Line breaks never get here: printable() has written them as \x0a.
_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in string.punctuation} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _markdown_text(text: str) -> str:
    """Text from a file name or a revision as inert Markdown on one line.

    >>> print(_markdown_text("a\\n# b|<c>"))
    a\\\\x0a\\# b\\|&lt;c&gt;
    """
    return printable(text).translate(_MARKDOWN_SPECIAL)


def _grouped(changes: list[Change]) -> dict[str | None, dict[Kind, list[str]]]:
    """Per record type and kind, the ids (scheme/id for awards, the path for other files) on one line each."""
    groups: dict[str | None, dict[Kind, list[str]]] = defaultdict(lambda: defaultdict(list))
    for change in changes:
        name = change.path if change.record is None else change.id
        # a file name may hold line breaks and control characters: shown escaped, it cannot add a line
        groups[change.record][change.kind].append(printable(f"{change.scheme}/{name}" if change.scheme else name))
    return groups


def summary(changes: list[Change], base: str, head: str, markdown: bool = False) -> str:
    """Records added, changed and removed, by type, with their ids.

    Text from file names and revisions is printable() (no line break or control character survives);
    in Markdown every punctuation character of it is escaped too, so it can only ever read as text.

    >>> print(summary([Change(None, None, "schemes/x.yaml", "added", "scheme", "x", None)], "v1", "HEAD"), end="")
    Changes to the data from v1 to HEAD: 1 added, 0 changed, 0 removed
    Schemes: 1 added: x
    """
    counts = {kind: sum(c.kind == kind for c in changes) for kind in _VERBS}
    base, head = (_markdown_text(r) for r in (base, head)) if markdown else (printable(base), printable(head))
    title = f"Changes to the data from {base} to {head}: " + ", ".join(
        f"{counts[kind]} {verb}" for kind, verb in _VERBS.items()
    )
    groups = _grouped(changes)
    lines = [f"### {title}" if markdown else title]
    if markdown and changes:
        lines += ["", "| records | added | changed | removed |", "|---|---|---|---|"]
    for record in (*_RECORD_TYPES, None):
        if record not in groups:
            continue
        kinds = groups[record]
        if markdown:
            cells = [_cell(kinds.get(kind, [])) for kind in _VERBS]
            lines.append(f"| {_HEADINGS[record]} | " + " | ".join(cells) + " |")
        else:
            parts = [
                f"{len(kinds[kind])} {verb}: {', '.join(kinds[kind])}" for kind, verb in _VERBS.items() if kinds[kind]
            ]
            lines.append(f"{_HEADINGS[record]}: " + "; ".join(parts))
    return "\n".join(lines) + "\n"


def _cell(ids: list[str]) -> str:
    """Ids (printable already) as escaped Markdown text, the first MARKDOWN_IDS of them and a count."""
    if not ids:
        return "–"
    shown = ", ".join(i.translate(_MARKDOWN_SPECIAL) for i in ids[:MARKDOWN_IDS])
    more = len(ids) - MARKDOWN_IDS
    return f"{len(ids)}: {shown}" + (
        f" and {more:,} more (see `dps changes` without --format markdown)" if more > 0 else ""
    )
