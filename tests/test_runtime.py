"""Runtime: work in forked processes gives what it gives here, and leaves the caller's process as it found it."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator

import pytest

from generator import runtime
from generator.runtime import ForkLost, collection_paused, freezing, in_fork, map_forked

needs_fork = pytest.mark.skipif(not runtime.FORK, reason="no fork here")


@pytest.fixture(autouse=True)
def collector_left_as_found() -> Iterator[None]:
    before = (gc.isenabled(), gc.get_freeze_count())
    yield
    assert (gc.isenabled(), gc.get_freeze_count()) == before
    assert runtime._INHERITED == {}  # the functions handed to workers are forgotten


def fails(item: int) -> int:
    if item == 3:
        raise ValueError(f"no {item}")
    return item


@needs_fork
@pytest.mark.parametrize("workers", [1, 2])
def test_map_forked_gives_the_results_in_order(workers: int) -> None:
    bulky = {"offset": 100}  # a closure over data: the workers inherit it, nothing is pickled but the items
    with map_forked(lambda item: item + bulky["offset"], range(10), workers, chunksize=3) as results:
        assert list(results) == list(range(100, 110))


@needs_fork
def test_workers_1_runs_here_and_more_in_other_processes() -> None:
    with map_forked(lambda _: os.getpid(), range(4), workers=1) as here:
        assert set(here) == {os.getpid()}
    with map_forked(lambda _: os.getpid(), range(4), workers=2) as there:
        assert os.getpid() not in set(there)


@needs_fork
@pytest.mark.parametrize("workers", [1, 2])
def test_an_error_in_a_worker_is_raised_here(workers: int) -> None:
    with pytest.raises(ValueError, match="no 3"), map_forked(fails, range(6), workers) as results:
        list(results)


@needs_fork
def test_the_work_starts_before_the_results_are_read() -> None:
    def started_at(_: int) -> float:
        return time.time()

    with map_forked(started_at, [1, 2], workers=2) as results:
        time.sleep(1.0)  # the caller's own work meanwhile
        reading = time.time()
        starts = list(results)
    assert max(starts) < reading  # the workers ran while the caller worked, not once it read their results


@needs_fork
def test_nice_lowers_the_workers_priority_not_the_callers() -> None:
    mine = os.nice(0)
    with map_forked(lambda _: os.nice(0), range(2), workers=2, nice=5) as theirs:
        assert set(theirs) == {min(mine + 5, 19)}
    with map_forked(lambda _: os.nice(0), range(2), workers=1, nice=5) as here:
        assert set(here) == {mine}
    assert os.nice(0) == mine


@needs_fork
def test_workers_do_not_collect_what_they_inherited() -> None:
    with map_forked(lambda _: gc.get_freeze_count() > 0, range(2), workers=2) as frozen_there:
        assert all(frozen_there)


@needs_fork
@pytest.mark.parametrize("fork", [True, False])
def test_in_fork_hands_back_the_result(fork: bool) -> None:
    pending = in_fork(lambda a, b: (a + b, os.getpid()), 2, 3, fork=fork)
    total, pid = pending.result()
    assert total == 5 and (pid != os.getpid()) == fork
    assert pending.ended.wait(5)


@needs_fork
@pytest.mark.parametrize("fork", [True, False])
def test_in_fork_raises_the_functions_error_here(fork: bool) -> None:
    pending = in_fork(fails, 3, fork=fork)
    assert pending.ended.wait(5)
    with pytest.raises(ValueError, match="no 3"):
        pending.result()


@needs_fork
def test_a_fork_that_dies_without_a_result_is_an_error_and_ends() -> None:
    pending = in_fork(os._exit, 3)
    assert pending.ended.wait(5)  # whoever waits for it goes on
    with pytest.raises(ForkLost, match="exit code 3"):
        pending.result()


@needs_fork
def test_stop_ends_a_running_fork() -> None:
    pending = in_fork(time.sleep, 60)
    pending.stop()
    assert pending.ended.wait(5)
    with pytest.raises(ForkLost):
        pending.result()


def test_collection_paused_restores_the_callers_state() -> None:
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # paused before: paused after
    finally:
        gc.enable()


def test_freezing_freezes_when_asked_and_restores_the_callers_state() -> None:
    with freezing() as freeze:
        assert gc.get_freeze_count() == 0  # nothing yet
        made = [object() for _ in range(3)]
        freeze()
        assert gc.get_freeze_count() >= len(made)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with freezing() as freeze:
            freeze()
        assert gc.get_freeze_count() == count  # the caller's own freeze is left alone
    finally:
        gc.unfreeze()


def test_a_pause_inside_freezing_freezes_what_it_made_before_the_collector_returns() -> None:
    with collection_paused():
        [object() for _ in range(3)]
    assert gc.get_freeze_count() == 0  # outside freezing(): a pause leaves the collector as it was
    with freezing():
        with collection_paused():
            made = [[n] for n in range(1000)]
            assert gc.get_freeze_count() == 0
        assert gc.get_freeze_count() >= len(made)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def wait_gone(folder: object, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while os.path.exists(folder) and time.monotonic() < deadline:  # type: ignore[arg-type]
        time.sleep(0.05)
    return not os.path.exists(folder)  # type: ignore[arg-type]


def test_a_folder_removed_detached_is_removed_by_a_process_of_its_own(tmp_path) -> None:
    folder = tmp_path / "previous-site"
    for n in range(50):
        (folder / f"page-{n}").mkdir(parents=True)
        (folder / f"page-{n}" / "index.html").write_text("<p>old</p>")
    runtime.remove_detached(folder)
    remover = runtime._detached[-1]
    assert remover.pid != os.getpid() and os.getsid(remover.pid) == remover.pid  # a session of its own
    assert wait_gone(folder)
    assert remover.wait(timeout=20) == 0
