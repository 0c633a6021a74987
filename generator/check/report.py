"""Reports: the same problems as text for people, annotations for GitHub, JSON for programs."""

from __future__ import annotations

import json
from itertools import groupby

from generator.load.yamltree import printable
from generator.problems import Problem, sorted_problems


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    with_problems = len({p.file for p in problems})
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {with_problems} of {files} file{'s' * (files != 1)}"
    )


def as_text(problems: list[Problem], files: int) -> str:
    """`path:line: field: message [rule]`, grouped by file, errors first, then a summary line."""
    blocks = []
    for _, group in groupby(sorted_problems(problems), key=lambda p: p.file):
        blocks.append("\n".join(_text_line(p) for p in group))
    return "\n\n".join([*blocks, summary(problems, files)]) + "\n"


def _text_line(p: Problem) -> str:
    return f"{printable(p.file)}:{p.line}: {printable(p.field) or '-'}: {p.severity}: {_one_line(p.message)} [{p.rule}]"


def _one_line(text: str) -> str:
    # a terminal must not take record text for commands: no line breaks, no escape sequences
    return printable(" ".join(text.split()))


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: the message may not break out of its command
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem], files: int) -> str:
    """GitHub Actions annotations, so a pull request shows each problem on its line."""
    lines = [
        f"::{p.severity} file={_escape_property(p.file)},line={p.line},"
        f"title={_escape_property(f'{p.rule}: {p.field}' if p.field else p.rule)}::{_escape_data(p.message)}"
        for p in sorted_problems(problems)
    ]
    return "\n".join([*lines, summary(problems, files)]) + "\n"


def as_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in sorted_problems(problems)], ensure_ascii=False, indent=2) + "\n"
