"""Check: both layers, one sorted list of problems."""

from __future__ import annotations

from pathlib import Path

from .load import Dataset, load
from .problems import Problem, sorted_problems
from .rules import domain_problems
from .schema_check import schema_problems


def check(dataset: Dataset, found_while_loading: list[Problem] | None = None) -> list[Problem]:
    """Schema problems (frictionless) and domain problems of a loaded dataset, sorted."""
    return sorted_problems([*(found_while_loading or []), *schema_problems(dataset), *domain_problems(dataset)])


def validate(root: Path) -> tuple[Dataset, list[Problem]]:
    """Load and check every record under root.

    >>> dataset, problems = validate(Path("data"))
    >>> [p for p in problems if p.is_error]
    []
    """
    dataset, problems = load(root)
    return dataset, check(dataset, problems)
