"""Check, layer 1: the rows against their table schemas.

Each row on its own: frictionless (generator.check.rows) and what a schema cannot say about a value
(generator.check.values); then the keys, over whole tables (generator.check.keys). With a cache folder, what
the rows of each record file broke is kept (generator.check.remembered), and a later run checks again only the
rows of the files that changed. Many rows to check are checked in forked worker processes, a resource each, side
by side (generator.runtime.map_forked).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import compress
from operator import attrgetter, not_
from pathlib import Path

from generator import schemas
from generator.check.keys import key_problems
from generator.check.remembered import Found, Remembered
from generator.check.rows import row_problems
from generator.check.values import value_problems
from generator.load import Dataset, Row
from generator.problems import Problem
from generator.runtime import collection_paused, in_fork, map_forked

PARALLEL_FROM_ROWS = 50_000  # fewer rows check faster in this process than a worker takes to start
Tables = dict[str, list[Row]]
_file = attrgetter("file")


def _of_rows(unchecked: Tables, unvalued: Tables, today: date, resource: str) -> tuple[list[Problem], list[Problem]]:
    """What the rows of one resource break on their own: by frictionless and the casts; by the values' checks."""
    return row_problems(resource, unchecked[resource]), list(value_problems(resource, unvalued[resource], today))


def _unknown(rows: list[Row], known: dict[str, tuple[Found, Found]]) -> list[Row]:
    """The rows of files not known, picked at C speed: a national dataset has over half a million rows."""
    return list(compress(rows, map(not_, map(known.__contains__, map(_file, rows)))))


def _by_cost(tables: Tables) -> list[str]:
    """The resources, the most cells first, so the last to start are short."""
    sizes = {r: len(tables[r]) * len(schemas.columns(r)) for r in schemas.RESOURCES}
    return sorted(schemas.RESOURCES, key=lambda r: -sizes[r])


@dataclass(frozen=True)
class Underway:
    """Schema checking under way (see `started`)."""

    problems: Callable[[], list[Problem]]  # every schema problem, once the check is done
    elsewhere: bool  # True: checked in other processes meanwhile; False: here, when problems() is called


@contextmanager
def started(
    dataset: Dataset, workers: int = 2, today: date | None = None, cache: Path | None = None
) -> Iterator[Underway]:
    """Schema checking under way: in up to `workers` forked processes for many rows, in one for few (with
    `workers` > 1), else here when asked.

    Yields the function that returns every schema problem (waiting for the workers), so the caller can do other
    work in the meantime. `cache`: a folder where what each record file's rows broke is kept (see
    generator.check.remembered); the problems are the same with it or without.

    >>> with started(dataset) as schema:  # doctest: +SKIP
    ...     other = domain_problems(dataset)
    ...     problems = schema.problems()
    """
    day = today or date.today()
    with collection_paused():  # what was kept is many small objects, and no reference cycle
        kept = Remembered(cache, day) if cache is not None else None
        known = kept.known(dataset) if kept is not None else {}
        unchecked = {r: _unknown(t, known) for r, t in dataset.tables.items()} if known else dataset.tables
    same_day = kept is not None and kept.same_day
    unvalued = unchecked if same_day else dataset.tables
    order = _by_cost(unchecked)
    rows = sum(len(unchecked[r]) for r in order)
    check = partial(_of_rows, unchecked, unvalued, day)
    gather = partial(_gathered, dataset, known, same_day, kept)
    if workers > 1 and rows < PARALLEL_FROM_ROWS:
        # few rows (a rebuild): their check, the keys' and keeping what was found (1.2 s nationally) in one
        # forked process, beside the domain rules here, on a core the rebuild leaves idle then
        pending = in_fork(lambda: gather(map(check, order)))
        try:
            yield Underway(pending.result, elsewhere=True)
        finally:
            pending.stop()
        return
    with map_forked(check, order, workers if rows >= PARALLEL_FROM_ROWS else 1) as found:
        yield Underway(partial(gather, found), elsewhere=workers > 1)


def _gathered(
    dataset: Dataset,
    known: dict[str, tuple[Found, Found]],
    same_day: bool,
    kept: Remembered | None,
    found: Iterable[tuple[list[Problem], list[Problem]]],
) -> list[Problem]:
    """Every schema problem: those `found` in the rows checked, those kept of the others' (the values' only if
    found on the same day), and the keys'; what was found kept for the next run."""
    schema: list[Problem] = []
    values: list[Problem] = []
    for of_schema, of_values in found:
        schema += of_schema
        values += of_values
    for kept_schema, kept_values in known.values():
        schema += kept_schema
        values += kept_values if same_day else ()
    # the keys make a million small tuples at national scale, and no reference cycle: no collection
    with collection_paused():
        if kept is not None:
            kept.save(dataset, schema, values)
        return [*schema, *values, *key_problems(dataset)]


def schema_problems(
    dataset: Dataset, workers: int = 2, today: date | None = None, cache: Path | None = None
) -> list[Problem]:
    """Every problem of the rows against their table schemas, at its record's file and line."""
    with started(dataset, workers, today, cache) as schema:
        return schema.problems()
