"""`dps changes`: record file names are data, so no name can add a line, a heading or a table cell to the
pull request's job summary (--format markdown) or to release notes (--format text)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.test_history import Repo

# file names a contributor could add in a pull request, each trying to write its own Markdown
HOSTILE = {
    "schemes/a\n===\nb.yaml": "id: a\n",
    "suppliers/\n# All checks passed\n.yaml": "id: x\n",
    "awards/tolk/x|y|z.yaml": "id: x\n",
    "awards/tolk/back\\|slash\\.yaml": "id: x\n",
    "schemes/`tick`.yaml": "id: x\n",
    "schemes/<script>alert(1)<\\script>.yaml": "id: x\n",
    "schemes/*bold* [link](https:\\\\evil) ![i](x) &amp; _em_ ~s~ {t}.yaml": "id: x\n",
    "schemes/cr\rreturn\u2028sep\x85nel\x0bvt.yaml": "id: x\n",
    "suppliers/\t<b>tab.yaml": "id: x\n",
    os.fsdecode(b"suppliers/not-utf8-\xff\n===.yaml"): "id: x\n",
    "notes\n===\n## Checks\nAll checks passed\n.txt": "outside the records\n",
}
OURS = ("### Changes to the data from ", "| records |", "|---|", "| Schemes |", "| Suppliers |", "| Awards |")


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Repo, str]:
    repo = Repo(tmp_path / "repo")
    base = repo.commit("2024-01-10", {"schemes/tolk.yaml": "id: tolk\n"})
    repo.commit("2024-02-01", HOSTILE)
    return repo, base


def changes(repo: Repo, base: str, output_format: str) -> list[str]:
    result = CliRunner().invoke(main, ["changes", "--data", str(repo.data), "--format", output_format, base])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def columns(row: str) -> tuple[int, int]:
    """The table row's cells, as CommonMark reads escapes (a backslash escapes the next character) and as
    GitHub's table extension splits a row (a pipe right after a backslash never ends a cell)."""
    as_commonmark, escaped = 0, False
    for char in row:
        as_commonmark += char == "|" and not escaped
        escaped = char == "\\" and not escaped
    as_gfm = len(re.findall(r"(?<!\\)\|", row))
    return as_commonmark - 1, as_gfm - 1


def test_no_file_name_adds_a_line_heading_or_cell_to_the_markdown(hostile: tuple[Repo, str]) -> None:
    repo, base = hostile
    lines = changes(repo, base, "markdown")
    assert lines[0] == f"### Changes to the data from {base} to HEAD: {len(HOSTILE)} added, 0 changed, 0 removed"
    assert lines[1:4] == ["", "| records | added | changed | removed |", "|---|---|---|---|"]
    rows = lines[4:]
    assert [row.split(" | ")[0] for row in rows] == ["| Schemes", "| Suppliers", "| Awards", "| Other files"]
    for row in rows:
        assert columns(row) == (4, 4), row
        assert row.endswith(" | – | – |"), row
    for line in lines:
        assert line == "" or line.startswith((*OURS, "| Other files |")), line
        assert "<" not in line, line  # no HTML tag
    # no Markdown metacharacter of a name is left unescaped (ours are the table's pipes and the heading)
    for row in rows:
        cells = row.split(" | ")[2]
        unescaped = re.findall(r"(?<!\\)(?:\\\\)*[*_\[\]()!#~{}|`]", cells)
        assert unescaped == [], row


def test_the_names_stay_recognisable_in_the_markdown(hostile: tuple[Repo, str]) -> None:
    repo, base = hostile
    text = "\n".join(changes(repo, base, "markdown"))
    for shown in (
        "a\\\\x0a\\=\\=\\=\\\\x0ab",
        "\\\\x0a\\# All checks passed\\\\x0a",
        "tolk\\/x\\|y\\|z",
        "\\`tick\\`",
        "&lt;script&gt;alert\\(1\\)&lt;\\\\script&gt;",
        "&amp;amp\\;",
        "cr\\\\x0dreturn\\\\u2028sep\\\\x85nel\\\\x0bvt",
        "not\\-utf8\\-\\\\xff\\\\x0a\\=\\=\\=",
    ):
        assert shown in text, shown


def test_no_file_name_adds_a_line_to_the_text_summary(hostile: tuple[Repo, str]) -> None:
    repo, base = hostile
    lines = changes(repo, base, "text")
    assert lines[0] == f"Changes to the data from {base} to HEAD: {len(HOSTILE)} added, 0 changed, 0 removed"
    assert [line.split(": ")[0] for line in lines[1:]] == ["Schemes", "Suppliers", "Awards", "Other files"]
    assert "Schemes: 5 added: " in lines[1] and "a\\x0a===\\x0ab" in lines[1]
    assert "\\x0a# All checks passed\\x0a" in lines[2] and "not-utf8-\\xff\\x0a===" in lines[2]
