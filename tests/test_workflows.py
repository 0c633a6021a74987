"""The forge workflows, pre-commit hooks and CONTRIBUTING.md: every command they name exists and runs.

Run as a program (`python -m tests.test_workflows`) it rewrites CONTRIBUTING.md's rule tables from the registry of
problem kinds (generator/problem_kinds/).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.problem_kinds import GROUPS, KINDS

ROOT = Path(__file__).parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
# where a shell command ends: a pipe, a redirection, a list operator, a subshell's end or a comment
_END = re.compile(r"\s(?:\||>|<|&&|\|\||;|#)|\)|$")
_COMMAND = re.compile(r"(?:^|[\s;&|(])((?:\.venv/bin/)?dps|make)\s+(?=[a-z])")


def workflow(path: Path) -> dict[Any, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(path: Path) -> list[dict[str, Any]]:
    return [step for job in workflow(path)["jobs"].values() for step in job.get("steps", [])]


def shell_commands(script: str) -> list[list[str]]:
    """Each `dps ...` and `make ...` command of a shell script, as argv with expressions replaced by a word."""
    script = re.sub(r"\$\{\{[^}]*\}\}", "EXPR", script.replace("\\\n", " "))
    found = []
    for line in script.splitlines():
        for match in _COMMAND.finditer(line):
            rest = line[match.end() :]
            end = _END.search(rest)
            words = shlex.split(rest[: end.start() if end else len(rest)])
            found.append(["dps" if match.group(1).endswith("dps") else "make", *words])
    return found


def every_command() -> list[tuple[str, list[str]]]:
    """(where, argv) of every dps and make command in the workflows and the pre-commit hooks."""
    found = [(p.name, argv) for p in WORKFLOWS for s in steps(p) if "run" in s for argv in shell_commands(s["run"])]
    for name in (".pre-commit-hooks.yaml", ".pre-commit-config.yaml"):
        document = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
        hooks = document if isinstance(document, list) else [h for r in document["repos"] for h in r["hooks"]]
        found += [(name, argv) for hook in hooks for argv in shell_commands(hook["entry"])]
    return found


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))


def test_the_workflows_run_the_checks_the_site_and_the_release() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "publish.yml"} <= names
    pr, publish = workflow(ROOT / ".github/workflows/pr.yml"), workflow(ROOT / ".github/workflows/publish.yml")
    assert "pull_request" in pr[True]  # YAML 1.1 reads the key `on` as true
    assert publish[True]["push"]["branches"] == ["main"]
    runs = [s.get("run", "") for s in steps(ROOT / ".github/workflows/pr.yml")]
    assert any("dps validate --data data --format github" in r for r in runs)
    assert any("GITHUB_STEP_SUMMARY" in r and "dps changes" in r for r in runs)
    assert any(r.strip() == "make site" for r in runs)
    uses = [s.get("uses", "") for s in steps(ROOT / ".github/workflows/publish.yml")]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any("gh release create" in s.get("run", "") for s in steps(ROOT / ".github/workflows/publish.yml"))
    for path in WORKFLOWS:  # record history and `dps changes` need the whole history, not a shallow clone
        checkouts = [s for s in steps(path) if s.get("uses", "").startswith("actions/checkout@")]
        for job in workflow(path)["jobs"].values():
            if any("dps changes" in s.get("run", "") or "dps build" in s.get("run", "") for s in job["steps"]):
                assert all(s.get("with", {}).get("fetch-depth") == 0 for s in job["steps"] if s in checkouts)


@pytest.mark.parametrize(("where", "argv"), every_command(), ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_every_command_exists_with_its_options(where: str, argv: list[str]) -> None:
    program, name, *args = argv
    if program == "make":
        assert name in make_targets(), f"{where}: make {name} is not a Makefile target"
        return
    assert name in main.commands, f"{where}: dps {name} is not a command"
    command = main.commands[name]
    if where.startswith(".pre-commit"):  # pre-commit appends the changed files' names
        args = [*args, str(ROOT / "tests" / "fixtures" / "valid" / "schemes" / "tolk-fjordvik.yaml")]
    with command.make_context(name, args) as context:
        assert isinstance(context, click.Context)  # parsing raised no usage error: every option exists


def test_the_validate_and_changes_commands_succeed_on_the_shipped_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    ran = set()
    for _, (program, name, *args) in every_command():
        if program != "dps" or name not in ("validate", "changes"):
            continue
        if name == "changes":  # the base branch and earlier release tags are not in this checkout: compare HEAD
            args = [a for a in args if not a.startswith(("origin/", "$", "EXPR", "HEAD"))] + ["HEAD", "HEAD"]
        result = CliRunner().invoke(main, [name, *args])
        assert result.exit_code == 0, f"dps {name} {' '.join(args)}:\n{result.output}"
        ran.add(name)
    assert ran == {"validate", "changes"}


# --- CONTRIBUTING.md ---------------------------------------------------------------------

_SEVERITY = {"nb": {"error": "feil", "warning": "advarsel"}, "en": {"error": "error", "warning": "warning"}}
_HEADER = {
    "nb": ("regel", "alvor", "hva som sjekkes", "slik retter du det", "kilde"),
    "en": ("rule", "severity", "what is checked", "how to fix it", "source"),
}


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def kind_table(group: str, lang: str) -> str:
    """One group of problem kinds as a Markdown table, from the registry; with a source column if any has one."""
    kinds = GROUPS[group]
    sourced = any(kind.source for kind in kinds)
    header = _HEADER[lang] if sourced else _HEADER[lang][:-1]
    rows = []
    for kind in kinds:
        text, hint = (kind.nb, kind.hint_nb) if lang == "nb" else (kind.en, kind.hint_en)
        cells = [f"`{kind.id}`", _SEVERITY[lang][kind.severity], text, hint, *([kind.source] if sourced else [])]
        rows.append("| " + " | ".join(map(_cell, cells)) + " |")
    return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *rows])


def with_tables(text: str) -> str:
    """The text with each table between its markers made anew from the registry."""
    for group in GROUPS:
        for lang in ("nb", "en"):
            start, end = f"<!-- kinds:{group}:{lang}:start -->\n", f"\n<!-- kinds:{group}:{lang}:end -->"
            before, rest = text.split(start)
            _, after = rest.split(end)
            text = before + start + kind_table(group, lang) + end + after
    return text


def test_contributing_rule_tables_match_the_registry() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert text == with_tables(text), "run `.venv/bin/python -m tests.test_workflows` to rewrite the rule tables"


def test_contributing_explains_every_problem_kind_in_both_languages() -> None:
    norsk, english = CONTRIBUTING.read_text(encoding="utf-8").split("\n## English\n")
    for section in (norsk, english):
        assert set(re.findall(r"^\| `([a-z][a-z0-9-]*)` \|", section, re.MULTILINE)) == set(KINDS)


def test_contributing_names_only_commands_that_exist() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    named = set(re.findall(r"\.venv/bin/dps ([a-z-]+)", text)) | set(re.findall(r"`dps ([a-z-]+)", text))
    assert named and named <= set(main.commands)
    assert set(re.findall(r"^make ([a-z]+)", text, re.MULTILINE)) <= make_targets()


if __name__ == "__main__":
    CONTRIBUTING.write_text(with_tables(CONTRIBUTING.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
