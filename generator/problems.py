"""Problems are data: every check yields them, only the CLI prints them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about one place in one record file.

    >>> Problem("dates", "error", "data/schemes/x.yaml", 12, "valid_to", "…").is_error
    True
    """

    rule: str
    severity: Severity
    file: str
    line: int
    field: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)


def error(rule: str, file: str, line: int, field: str, message: str) -> Problem:
    return Problem(rule, "error", file, line, field, message)


def warning(rule: str, file: str, line: int, field: str, message: str) -> Problem:
    return Problem(rule, "warning", file, line, field, message)


def sort_key(problem: Problem) -> tuple[str, int, int, str, str, str]:
    """Grouped by file, errors before warnings, then by line."""
    return (
        problem.file,
        0 if problem.is_error else 1,
        problem.line,
        problem.field,
        problem.rule,
        problem.message,
    )


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted and without exact repeats, so reports are stable."""
    return sorted(set(problems), key=sort_key)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)
