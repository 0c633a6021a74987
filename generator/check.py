"""Check: both layers, one sorted list of problems."""

from __future__ import annotations

from pathlib import Path

from .load import Dataset, collection_paused, default_workers, load
from .problems import Problem, sorted_problems
from .rules import domain_problems
from .schema_check import started


def check(
    dataset: Dataset, found_while_loading: list[Problem] | None = None, workers: int | None = None
) -> list[Problem]:
    """Schema problems (frictionless) and domain problems of a loaded dataset, sorted."""
    # frictionless runs in worker processes (for a large dataset); the domain rules meanwhile here
    with started(dataset, workers or default_workers()) as schema_problems:
        with collection_paused():  # here only: frictionless, in the workers, leaves reference cycles behind
            domain = list(domain_problems(dataset))
        return sorted_problems([*(found_while_loading or []), *schema_problems(), *domain])


def validate(root: Path, cache: Path | None = None, workers: int | None = None) -> tuple[Dataset, list[Problem]]:
    """Load and check every record under root; with a cache folder, reading only the files changed since.

    `workers`: processes to share the work between (default: one per core); the result is the same.

    >>> dataset, problems = validate(Path("data"))
    >>> [p for p in problems if p.is_error]
    []
    """
    dataset, problems = load(root, cache, workers)
    return dataset, check(dataset, problems, workers)
