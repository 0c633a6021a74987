"""Check: both layers, one sorted list of problems."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from generator.check.rules import domain_problems
from generator.check.schema import started
from generator.check.values import buyer_id_clashes
from generator.load import Dataset, load, without_dependents
from generator.load.yamltree import printable
from generator.problems import Problem, error, has_errors, sorted_problems
from generator.runtime import collection_paused, default_workers

T = TypeVar("T")


def check(
    dataset: Dataset,
    found_while_loading: list[Problem] | None = None,
    workers: int | None = None,
    today: date | None = None,
    cache: Path | None = None,
) -> list[Problem]:
    """Schema problems (frictionless) and domain problems of a loaded dataset, sorted.

    `today`: the day the check runs (default: the clock's); no event a record holds can be later.
    `cache`: a folder where what each record file's rows broke is kept, so that only changed files' rows are
    checked again (generator.check.remembered); the problems are the same.
    """
    return _check(dataset, found_while_loading or [], workers, None, today, cache)[0]


def _check(
    dataset: Dataset,
    found: list[Problem],
    workers: int | None,
    meanwhile: Callable[[Dataset, list[Problem]], T] | None,
    today: date | None = None,
    cache: Path | None = None,
) -> tuple[list[Problem], T | None]:
    if has_errors(found) and dataset.unread_schemes:
        # a scheme whose file could not be read is reported there, once: what refers to it is checked when it is
        dataset = without_dependents(dataset, dataset.unread_schemes)
    # frictionless runs in worker processes (for a large dataset); the domain rules meanwhile here
    with started(dataset, workers or default_workers(), today, cache) as schema:
        with collection_paused():  # here only: frictionless, in the workers, leaves reference cycles behind
            domain = [*domain_problems(dataset), *buyer_id_clashes(dataset)]
            # checked in this process (workers=1), the schema is checked first, and `meanwhile` runs last, only
            # if that found no error (it finds errors only): its result, a build's model, is then what the caller
            # waits for
            first = None if schema.elsewhere else schema.problems()
            # frictionless finds errors only, so every warning is known now
            extra = meanwhile(dataset, sorted_problems([*found, *domain])) if meanwhile and not first else None
        checked = _causes([*(schema.problems() if first is None else first), *domain], dataset)
        return sorted_problems([*found, *_nothing_to_publish(dataset, found), *checked]), extra


def _nothing_to_publish(dataset: Dataset, found: list[Problem]) -> list[Problem]:
    """No scheme at all: a site and downloads of nothing (whose search index would fail to build)."""
    if dataset.tables["schemes"] or dataset.unread_schemes or any(p.rule == "file-count" for p in found):
        return []  # the last says nothing was read
    message = "the folder holds no scheme (data/schemes/<id>.yaml): there is nothing to publish"
    return [error("no-records", printable(dataset.root.as_posix()), 1, "", message)]


_BUYER_FIELDS = frozenset({"buyer.id", "buyer.name"})


def _causes(problems: list[Problem], dataset: Dataset) -> list[Problem]:
    """The problems the checks of rows found, without their echoes: an award that names no buyer takes its
    scheme's, so a problem with that buyer is reported on the scheme alone, not again at line 1 of each of its
    awards. (What the loader found in a file is its own: a buyer id it refused is why the award names none.)"""
    inherited = dataset.buyer_from_scheme
    return [p for p in problems if not (p.field in _BUYER_FIELDS and p.file in inherited)]


def validate(root: Path, cache: Path | None = None, workers: int | None = None) -> tuple[Dataset, list[Problem]]:
    """Load and check every record under root; with a cache folder, reading and checking again only the files
    changed since.

    `workers`: processes to share the work between (default: one per core); the result is the same.

    >>> dataset, problems = validate(Path("data"))
    >>> [p for p in problems if p.is_error]
    []
    """
    dataset, problems = load(root, cache, workers)
    return dataset, check(dataset, problems, workers, cache=cache)


def validate_then(
    root: Path,
    then: Callable[[Dataset, list[Problem]], T],
    cache: Path | None = None,
    workers: int | None = None,
    loaded: Callable[[Dataset], object] | None = None,
) -> tuple[Dataset, list[Problem], T]:
    """validate(), and then(dataset, problems) computed while frictionless still checks in its worker processes.

    `then` sees every problem but the schema errors (frictionless finds no warnings): work worth doing only when
    there are no errors, such as a build's, gets a core that would otherwise wait. With few rows to check (a
    rebuild's) the schema is checked first, and `then` is not called (None) if it found errors.
    `loaded(dataset)` is called once the records are read, before they are checked: for work that needs no more
    (a build's copies of the record files).
    """
    dataset, found = load(root, cache, workers)
    if loaded is not None:
        loaded(dataset)
    problems, extra = _check(dataset, found, workers, then, cache=cache)
    return dataset, problems, extra  # type: ignore[return-value]
