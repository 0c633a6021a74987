"""Shared fixtures: a small valid dataset copied to a temporary folder, and ways to break it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import load as load_module
from generator.check import validate
from generator.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


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
