"""Shared fixtures: a small valid dataset copied to a temporary folder, ways to break it, and the valid fixture's
site, built once for every test that reads it."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import load as load_module
from generator.check import validate
from generator.cli import main
from generator.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


MEMORY = Path("/dev/shm")  # Linux's file system in memory
MEMORY_FREE = 2 << 30  # bytes; a run holds about 600 MB at most (passed tests' folders go: pyproject's retention)


def pytest_configure(config: pytest.Config) -> None:
    """The tests' temporary folders in memory, unless TMPDIR says where or there is too little of it (a container's
    /dev/shm is 64 MB): a build writes thousands of small files (the name index alone 5,120), and on the disk of a
    virtual machine they took half a build's time. Set before the xdist workers start, so that they and every
    process a test starts inherit it."""
    if "TMPDIR" in os.environ or not os.access(MEMORY, os.W_OK | os.X_OK):
        return
    free = os.statvfs(MEMORY)
    if free.f_bavail * free.f_frsize >= MEMORY_FREE:
        os.environ["TMPDIR"] = str(MEMORY)
        tempfile.tempdir = None  # gettempdir() asks the environment again


@pytest.fixture(autouse=True, scope="session")
def user_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds keep their load cache in the user's cache folder: a temporary one in tests, never the real one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/valid: 2 schemes, 3 suppliers, 3 awards, no problems."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """A folder `make` fills once in this run of pytest, by whichever xdist worker asks first (the others wait for
    it): a site build costs seconds, and the modules that read one are spread over the workers. Read it only; to
    build over it, copy it (`linked_copy`)."""
    base = tmp_path_factory.getbasetemp()
    # a worker's temporary folder is inside the run's, which all of this run's workers share (and no other run)
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "made-once"
    root.mkdir(exist_ok=True)
    folder, done = root / name, root / f"{name}.done"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when make fails
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def valid_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dps build` of tests/fixtures/valid where it lies: in the repository, so its pages show each record's history
    (tests/test_golden.py builds a copy, whose pages show none)."""

    def build(folder: Path) -> None:
        result = CliRunner().invoke(main, ["build", "--data", str(FIXTURES / "valid"), "--out", str(folder / "site")])
        assert result.exit_code == 0, result.output

    return made_once(tmp_path_factory, "valid-site", build) / "site"


def linked_copy(site: Path, target: Path) -> Path:
    """A copy of a built site whose files are hard links to its files, where the file system has them: a build never
    writes into a published site (it links its unchanged pages, and swaps a new folder in), and a real copy of 5,000
    files took seconds on a disk here."""

    def link(source: str, copy: str) -> None:
        try:
            os.link(source, copy)
        except OSError:
            shutil.copy2(source, copy)

    shutil.copytree(site, target, copy_function=link)
    return target


Edit = Callable[[str, str, str], None]


@pytest.fixture
def edit(data: Path) -> Edit:
    """Replace one exact piece of text in a record file (it must be there exactly once)."""

    def apply(relative: str, old: str, new: str) -> None:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not in {relative} exactly once"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return apply


def flat(problems: list[Problem], root: Path) -> list[tuple[str, str, int]]:
    """(rule, file relative to the data folder, line) for each problem: a report in one line."""
    return [(p.rule, Path(p.file).relative_to(root).as_posix(), p.line) for p in problems]


def problems_of(root: Path, severity: str | None = None) -> list[tuple[str, str, int]]:
    _, problems = validate(root)
    return flat([p for p in problems if severity is None or p.severity == severity], root)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files read from disk, in this process (a small dataset loads without workers)."""
    read: list[str] = []
    original = load_module.read_record

    def counted(record: str, path: Path, shown: str) -> Any:
        read.append(path.name)
        return original(record, path, shown)

    monkeypatch.setattr(load_module, "read_record", counted)
    return read


def shared_folder() -> Path:
    """../shared beside the project; from a git worktree, beside the main checkout the worktree belongs to."""
    candidates = [ROOT.parent / "shared"]
    git = ROOT / ".git"
    if git.is_file():  # a worktree: ".git" names <main>/.git/worktrees/<name>
        gitdir = Path(git.read_text(encoding="utf-8").removeprefix("gitdir:").strip())
        candidates.append(gitdir.parents[2].parent / "shared")
    return next((c for c in candidates if c.is_dir()), candidates[0])
