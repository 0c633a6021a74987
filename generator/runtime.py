"""Runtime: where the work runs. Worker processes, forks, priorities and the garbage collector, in one place.

The stages (load, check, export, render) are plain functions; when one is worth sharing between cores, it is
handed to `map_forked` or `in_fork` here. Forked processes inherit the parent's memory: the data and the
function they run are shared copy-on-write, never pickled; only the items and the results travel.

Nothing here changes its caller's state for good: `collection_paused` and `freezing` restore the collector as they
found it, the functions handed to workers are forgotten afterwards, and `workers=1` (or no fork, on Windows and
macOS' default) runs the same plan in this process, at this process' priority.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

FORK = "fork" in multiprocessing.get_all_start_methods()  # forked processes share the parent's data unpickled


def default_workers() -> int:
    """Worker processes to use: one per core this process may run on.

    >>> default_workers() >= 1
    True
    """
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cores)


# --- the garbage collector ------------------------------------------------------------------------------


_freezing = False  # inside freezing(): a pause's end freezes what it made


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection inside (nor in processes forked inside), as before after.

    Loading and checking make millions of objects and no reference cycles among them (any made are
    collected later): collections meanwhile, walking every object, only cost time (several seconds).

    >>> with collection_paused():
    ...     gc.isenabled()
    False
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if _freezing:  # what the pause made, out of sight before the collector could walk it (see freezing)
                gc.freeze()
            gc.enable()


@contextmanager
def freezing() -> Iterator[Callable[[], None]]:
    """Yields freeze(), which puts every object alive then out of the collector's sight (and again at each
    call); as before after.

    For a program that forks while a large dataset is alive (the CLI, around a build): a collection walks
    every object it sees and writes to each, so the pages a fork shares with its parent would part, and the
    dataset's memory would be copied. Nothing is collected less: the rows hold no reference cycles. A build
    freezes its model as soon as it is made, inside a pause of the collector (generator.build): the first
    collection after the pause then does not walk its millions of objects (0.8 s nationally). Meanwhile, what
    a pause of the collector (collection_paused) made is frozen as the pause ends: the loaded records were
    walked by the first collection after the load's pause (0.26 s nationally) before the build could freeze them.
    If something is frozen already (the caller's own gc.freeze), this leaves the collector alone."""
    global _freezing
    if gc.get_freeze_count() or _freezing:
        yield lambda: None
        return
    _freezing = True
    try:
        yield gc.freeze
    finally:
        _freezing = False
        gc.unfreeze()


def _forked(nice: int) -> None:
    """A forked process begins: what it inherited is out of its collector's sight (see `freezing`), and it runs
    at a lower priority when asked. Never called in the caller's own process."""
    gc.freeze()
    if nice:
        os.nice(nice)


# --- many items in forked workers -------------------------------------------------------------------------

# The functions forked workers run, by number: set before the workers start, so each inherits them (and the
# data they hold) instead of receiving a pickled copy; forgotten when the work is done.
_INHERITED: dict[int, Callable[[Any], Any]] = {}
_NUMBERS = itertools.count()


def _call_inherited(number: int, item: Any) -> Any:
    return _INHERITED[number](item)


@contextmanager
def map_forked(
    fn: Callable[[T], R], items: Iterable[T], workers: int, *, nice: int = 0, chunksize: int = 1
) -> Iterator[Iterator[R]]:
    """fn(item) for each item, in order, in up to `workers` forked processes; with workers=1 (or where there
    is no fork) here, one by one as the results are read, at this process' priority.

    The work starts at once: the caller may do other work inside before it reads the results. fn may be any
    callable (a closure, a partial holding the dataset): the workers inherit it. An exception fn raises is
    raised here, when its result is read. `nice` lowers the workers' priority; `chunksize` items go to a
    worker at a time (more: less overhead for cheap items).

    >>> with map_forked(abs, [-1, 2, -3], workers=1) as results:
    ...     list(results)
    [1, 2, 3]
    """
    if workers < 2 or not FORK:
        yield map(fn, items)
        return
    number = next(_NUMBERS)
    _INHERITED[number] = fn
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), initializer=_forked, initargs=(nice,))
    try:
        yield pool.map(partial(_call_inherited, number), items, chunksize=chunksize)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on an error here, what has not started never does
        del _INHERITED[number]


# --- one function in a forked process --------------------------------------------------------------------


class ForkLost(RuntimeError):
    """The forked process ended without handing back a result (killed, or out of memory)."""


class Pending(Generic[R]):
    """A function running in a forked process (see `in_fork`); its result, once it is done.

    `ended` is set when the function returns or raises, or its process ends some other way: an event that
    processes forked later can wait for too.
    """

    def __init__(self, fn: Callable[..., R], args: tuple[Any, ...], fork: bool) -> None:
        self.ended: Event = multiprocessing.get_context("fork" if fork else None).Event()
        self._outcome: tuple[bool, Any] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if not fork:
            try:
                self._outcome = (True, fn(*args))
            except Exception as exc:  # raised by result(), as from a forked process
                self._outcome = (False, exc)
            finally:
                self.ended.set()
            return
        self._receiver, sender = multiprocessing.Pipe(duplex=False)
        context = multiprocessing.get_context("fork")
        # not a daemon: the function may start processes of its own
        self._process = context.Process(target=self._child, args=(sender, fn, args), daemon=False)
        self._process.start()
        sender.close()
        # whichever way the process ends, whoever waits for `ended` goes on
        sentinel = self._process.sentinel  # ready when the process ends; waiting on it does not reap the process
        threading.Thread(target=self._watch, args=(sentinel,), daemon=True).start()

    def _watch(self, sentinel: int) -> None:
        wait_for([sentinel])
        self.ended.set()

    def _child(self, sender: Connection, fn: Callable[..., R], args: tuple[Any, ...]) -> None:
        _forked(nice=0)
        try:
            outcome: tuple[bool, Any] = (True, fn(*args))
        except BaseException as exc:  # handed to the parent, which raises it
            outcome = (False, exc)
        finally:
            self.ended.set()
        try:
            sender.send(outcome)
        except Exception:  # an error or result that cannot be pickled: its description instead
            sender.send((False, RuntimeError(f"the forked process' outcome cannot be handed back: {outcome[1]!r}")))

    def result(self) -> R:
        """The function's result, once it is done; or its exception raised here."""
        if self._outcome is None:
            assert self._process is not None
            try:
                self._outcome = self._receiver.recv()
            except EOFError:
                self._process.join()
                raise ForkLost(
                    f"the forked process ended without a result (exit code {self._process.exitcode})"
                ) from None
            self._process.join()
        ok, value = self._outcome
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """End the process now, if it still runs (after an error elsewhere)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()


def in_fork(fn: Callable[..., R], *args: Any, fork: bool = FORK) -> Pending[R]:
    """fn(*args) started in a forked process, which inherits fn and args; here at once where there is no fork
    (or fork=False).

    >>> pending = in_fork(sum, [1, 2, 3])
    >>> pending.result(), pending.ended.is_set()
    (6, True)
    """
    return Pending(fn, args, fork)


# --- removing what a build leaves behind ------------------------------------------------------------------

_REMOVE = "import os, shutil, sys; os.nice(19); shutil.rmtree(sys.argv[1], ignore_errors=True)"
_detached: list[subprocess.Popen[bytes]] = []  # kept, so that none is reported as still running when collected


def remove_detached(folder: Path) -> None:
    """Remove a folder in a process of its own, in a session of its own and at the lowest priority, which goes on
    after this one exits: nobody waits for it. A national site's previous version is 300,000 files, which take
    longer to unlink than the rest of a rebuild. A removal that did not finish leaves a folder the next build
    removes (generator.site.sources.remove_leftovers)."""
    _detach([sys.executable, "-c", _REMOVE, os.fspath(folder)])


def _detach(command: list[str]) -> None:
    quiet = subprocess.DEVNULL
    _detached.append(subprocess.Popen(command, start_new_session=True, stdin=quiet, stdout=quiet, stderr=quiet))


# --- leaving ----------------------------------------------------------------------------------------------


def exit_without_teardown(code: object) -> None:
    """End the program now, with sys.exit's code (None: 0; text: printed, 1), without tearing the interpreter
    down: after a national build that frees millions of objects one by one, 2.5 s that nobody waits for (mypy
    exits the same way). Output is flushed first; only for the program's own entry point (`generator.cli.run`),
    never inside a library call or a test, as nothing after it runs (atexit hooks, finally blocks above)."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed, or a broken pipe: nothing more can be said there
            status = status or 1
    os._exit(status)
