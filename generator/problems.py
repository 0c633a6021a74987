"""Problems are data: every check yields them, only the CLI prints them.

Each problem is of a kind registered in `generator.problem_kinds`; error() and warning() refuse any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from generator.problem_kinds import KINDS, Severity


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
    """A problem of a kind registered as an error.

    >>> error("encoding", "data/schemes/x.yaml", 1, "", "save it as UTF-8").severity
    'error'
    """
    return Problem(rule, registered(rule, "error"), file, line, field, message)


def warning(rule: str, file: str, line: int, field: str, message: str) -> Problem:
    """A problem of a kind registered as a warning."""
    return Problem(rule, registered(rule, "warning"), file, line, field, message)


def of_kind(rule: str, file: str, line: int, field: str, message: str) -> Problem:
    """A problem with the severity its kind is registered with."""
    return Problem(rule, registered(rule, None), file, line, field, message)


def registered(rule: str, severity: Severity | None) -> Severity:
    """The severity a problem kind is registered with; a ValueError if it is not registered, or not so.

    Loud on purpose: a problem nobody explained (CONTRIBUTING.md, the site) must not reach a contributor.

    >>> registered("orgnr", None), registered("buyer-name", "warning")
    ('error', 'warning')
    """
    kind = KINDS.get(rule)
    if kind is None:
        raise ValueError(f"problem kind {rule!r} is not registered in generator/problem_kinds/")
    if severity is not None and kind.severity != severity:
        raise ValueError(f"problem kind {rule!r} is registered as {kind.severity}, not {severity}")
    return kind.severity


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
    """Sorted, without exact repeats and with repeats along one list told once, so reports are stable and short."""
    return collapse_repeats(sorted(set(problems), key=sort_key))


_POSITION = re.compile(r"\[[0-9]+\]")


def collapse_repeats(problems: list[Problem]) -> list[Problem]:
    """The same problem at many positions of one list on one line, once, saying how often: a winner named
    a thousand times is one problem to fix, not a thousand lines to read. Keeps the order of the first of each.

    >>> found = [error("unique", "a.yaml", 3, f"suppliers[{i}]", "used twice") for i in (1, 2, 3)]
    >>> [(p.field, p.message) for p in collapse_repeats(found)]
    [('suppliers[1]', 'used twice (and at 2 more places in this list)')]
    """
    groups: dict[tuple[str, str, str, int, str, str], list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.rule, p.severity, p.file, p.line, _POSITION.sub("[]", p.field), p.message), []).append(p)
    return [
        same[0]
        if len(same) == 1
        else replace(same[0], message=f"{same[0].message} (and at {len(same) - 1:,} more places in this list)")
        for same in groups.values()
    ]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)
