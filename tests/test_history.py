"""History from git: added and changed dates, recent changes, and `dps changes` between revisions."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.history import (
    Change,
    FileHistory,
    HistoryError,
    changes_between,
    recent_changes,
    record_history,
    summary,
)
from generator.cli import main


class Repo:
    """A git repository in a temporary folder whose commits carry fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.data.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: str = "2024-01-01") -> str:
        stamp = f"{when}T12:00:00+01:00"
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_CONFIG_GLOBAL": os.devnull,
        }
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    def commit(self, when: str, write: dict[str, str] = {}, delete: tuple[str, ...] = ()) -> str:  # noqa: B006
        for path, text in write.items():
            (self.data / path).parent.mkdir(parents=True, exist_ok=True)
            (self.data / path).write_text(text, encoding="utf-8")
        for path in delete:
            (self.data / path).unlink()
        self.git("add", "-A")
        self.git("commit", "-q", "-m", f"on {when}", when=when)
        return self.git("rev-parse", "HEAD")


SCHEME, SUPPLIER, AWARD = "schemes/tolk.yaml", "suppliers/NO-BRC-312345692.yaml", "awards/tolk/2024-001.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Repo, list[str]]:
    repo = Repo(tmp_path / "repo")
    (repo.root / "README.md").write_text("outside the data folder\n", encoding="utf-8")
    commits = [
        repo.commit("2024-01-10", {SCHEME: "id: tolk\n", SUPPLIER: "id: NO-BRC-312345692\n"}),
        repo.commit("2024-02-01", {SCHEME: "id: tolk\ntitle: T\n", AWARD: "id: 2024-001\n"}),
        repo.commit("2024-03-01", {"README.md": "about the data\n"}, delete=(SUPPLIER,)),
        repo.commit("2024-04-01", {SUPPLIER: "id: NO-BRC-312345692\nname: N\n"}),
    ]
    return repo, commits


def test_added_and_changed_per_record(repo: tuple[Repo, list[str]]) -> None:
    r, c = repo
    assert record_history(r.root, r.data) == {
        "README.md": FileHistory(date(2024, 3, 1), date(2024, 3, 1), c[2], c[2]),
        AWARD: FileHistory(date(2024, 2, 1), date(2024, 2, 1), c[1], c[1]),
        SCHEME: FileHistory(date(2024, 1, 10), date(2024, 2, 1), c[0], c[1]),
        # deleted on 1 March and added again: it counts from its return
        SUPPLIER: FileHistory(date(2024, 4, 1), date(2024, 4, 1), c[3], c[3]),
    }


def test_a_merged_branch_counts_from_the_merge(repo: tuple[Repo, list[str]]) -> None:
    r, _ = repo
    r.git("checkout", "-q", "-b", "pr")
    r.commit("2024-05-02", {"schemes/new.yaml": "id: new\n"})
    r.git("checkout", "-q", "main")
    r.commit("2024-05-03", {SCHEME: "id: tolk\ntitle: T2\n"})
    r.git("merge", "-q", "--no-ff", "-m", "merge", "pr", when="2024-05-20")
    merge = r.git("rev-parse", "HEAD")
    assert record_history(r.root, r.data)["schemes/new.yaml"] == FileHistory(
        date(2024, 5, 20), date(2024, 5, 20), merge, merge
    )
    assert [(x.date, x.path) for x in recent_changes(r.root, r.data, limit=2)] == [
        (date(2024, 5, 20), "schemes/new.yaml"),
        (date(2024, 5, 3), SCHEME),
    ]


def test_recent_changes_newest_first_with_record_type_and_id(repo: tuple[Repo, list[str]]) -> None:
    r, c = repo
    assert recent_changes(r.root, r.data, limit=4) == [
        Change(date(2024, 4, 1), c[3], SUPPLIER, "added", "supplier", "NO-BRC-312345692", None),
        Change(date(2024, 3, 1), c[2], "README.md", "added", None, "README.md", None),
        Change(date(2024, 3, 1), c[2], SUPPLIER, "deleted", "supplier", "NO-BRC-312345692", None),
        Change(date(2024, 2, 1), c[1], AWARD, "added", "award", "2024-001", "tolk"),
    ]


def test_changes_between_two_revisions(repo: tuple[Repo, list[str]]) -> None:
    r, c = repo
    assert [(x.path, x.kind) for x in changes_between(r.root, r.data, c[0], c[2])] == [
        ("README.md", "added"),
        (AWARD, "added"),
        (SCHEME, "modified"),
        (SUPPLIER, "deleted"),
    ]
    assert changes_between(r.root, r.data, c[1], c[1]) == []


def test_a_folder_outside_git_or_a_shallow_clone_has_no_history(tmp_path: Path, repo: tuple[Repo, list[str]]) -> None:
    (tmp_path / "loose" / "schemes").mkdir(parents=True)
    assert record_history(tmp_path / "loose", tmp_path / "loose") == {}
    assert recent_changes(tmp_path / "loose", tmp_path / "loose") == []
    with pytest.raises(HistoryError):
        changes_between(tmp_path / "loose", tmp_path / "loose", "HEAD")
    r, _ = repo
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", r.root.as_uri(), str(shallow)], check=True)
    assert record_history(shallow, shallow / "data") == {}


def test_summary_by_type_for_release_notes(repo: tuple[Repo, list[str]]) -> None:
    r, c = repo
    found = changes_between(r.root, r.data, c[0], c[3])
    assert summary(found, "v1", "v2") == (
        "Changes to the data from v1 to v2: 2 added, 2 changed, 0 removed\n"
        "Schemes: 1 changed: tolk\n"
        "Suppliers: 1 changed: NO-BRC-312345692\n"
        "Awards: 1 added: tolk/2024-001\n"
        "Other files: 1 added: README.md\n"
    )


def test_markdown_summary_escapes_ids_and_counts_what_it_leaves_out() -> None:
    many = [Change(None, None, f"schemes/s{i:03d}.yaml", "added", "scheme", f"s{i:03d}", None) for i in range(60)]
    odd = Change(None, None, "schemes/<b>|x.yaml", "deleted", "scheme", "<b>|x", None)
    text = summary([*many, odd], "origin/main", "HEAD", markdown=True)
    row = next(line for line in text.splitlines() if line.startswith("| Schemes"))
    assert "60: s000, s001" in row and "s049" in row and "s050" not in row and "and 10 more" in row
    assert row.endswith("| – | 1: &lt;b&gt;\\|x |")


def test_cli_prints_a_summary_and_rejects_an_unknown_revision(repo: tuple[Repo, list[str]]) -> None:
    r, c = repo
    result = CliRunner().invoke(main, ["changes", "--data", str(r.data), c[2]])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == f"Changes to the data from {c[2]} to HEAD: 1 added, 0 changed, 0 removed"
    result = CliRunner().invoke(main, ["changes", "--data", str(r.data), "--format", "json", c[2], c[3]])
    assert json.loads(result.output) == [
        {"path": SUPPLIER, "kind": "added", "record": "supplier", "id": "NO-BRC-312345692", "scheme": None}
    ]
    result = CliRunner().invoke(main, ["changes", "--data", str(r.data), "no-such-tag"])
    assert result.exit_code == 2 and "no-such-tag" in result.output
