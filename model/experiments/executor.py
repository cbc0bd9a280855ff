"""Where runs execute: this process, this machine's worker processes, or a dask cluster.

One interface for every place, after EMA Workbench's evaluators: an
:class:`Executor` (:class:`Serial` here, :class:`.processes.Processes`,
:class:`.cluster.Dask`) is entered as a context manager (which starts its workers), and
:meth:`Executor.imap` applies a function to items, yielding each item's
:class:`Done` as it finishes, in any order. Studies and sweeps both take one::

    from digistrat.experiments import Processes
    with Processes(2) as executor:
        for done in executor.imap(square, range(10)):
            print(done.item, done.value)

A function that raises gives a :class:`Failure` for that item and the others go
on. Only a fault of the workers themselves (they cannot start, or keep dying)
stops everything, as an :class:`ExecutorError` that says what to do.

An executor may have a ``run_timeout``: a call of the function that runs longer
than that many seconds is stopped (:class:`RunTimedOut`, raised into it by a
timer signal) and recorded as a failure, and the worker goes on with the next.
It applies where the call runs in a process's main thread: in this process and
in local worker processes, not in a dask worker, which runs tasks in threads.
"""

from __future__ import annotations

import itertools
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

#: Most runs sent to a worker at once.
MAX_CHUNK = 16
_TRACEBACK_CHARS = 4000

GUARD_HINT = (
    "the worker processes import the script that started them, so a script that "
    "runs digistrat at its top level starts workers again and again; put those calls "
    'under  if __name__ == "__main__":'
)


@dataclass(frozen=True)
class Failure:
    """Why a run gave no result.

    Attributes:
        error: the exception's type, e.g. ``ValueError``.
        message: its message.
        traceback: the end of its traceback, or "".
    """

    error: str
    message: str
    traceback: str = ""

    def __str__(self) -> str:
        return f"{self.error}: {self.message}"

    @classmethod
    def of(cls, exc: BaseException) -> Failure:
        """The failure an exception describes."""
        text = "".join(traceback.format_exception(exc))[-_TRACEBACK_CHARS:]
        return cls(type(exc).__name__, str(exc), text)


@dataclass(frozen=True)
class Done:
    """One finished item: its value, or why there is none.

    Attributes:
        item: the item given to :meth:`Executor.imap`.
        value: the function's result (None on failure).
        failure: why there is no result, or None.
        seconds: how long the function ran.
    """

    item: Any
    value: Any = None
    failure: Failure | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """The function returned a value."""
        return self.failure is None


class ExecutorError(RuntimeError):
    """The workers cannot run anything; the message says why and what to do."""


class RunTimedOut(Exception):
    """A run took longer than the executor's ``run_timeout`` and was stopped."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`RunTimedOut` in the block once it has run ``seconds`` (wall clock).

    A timer signal (SIGALRM) interrupts the block, so only the main thread of a
    process can be limited; elsewhere, or without ``seconds``, the block runs as is.
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expired(signum, frame) -> None:
        raise RunTimedOut(f"the run took longer than {seconds:g} s and was stopped (--run-timeout)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Limited:
    """``func`` with a wall-clock limit on each call (:func:`time_limit`); picklable."""

    func: Callable[[Any], Any]
    seconds: float

    def __call__(self, item: Any) -> Any:
        """``func(item)``, stopped with :class:`RunTimedOut` after ``seconds``."""
        with time_limit(self.seconds):
            return self.func(item)


def limited(func: Callable[[Any], Any], seconds: float | None) -> Callable[[Any], Any]:
    """``func``, limited to ``seconds`` a call if given (:class:`Limited`)."""
    return Limited(func, seconds) if seconds else func


class Executor:
    """Base of every executor: a context manager whose :meth:`imap` runs items.

    Attributes:
        workers: how many runs go on at once (for estimates; dask counts at start).
    """

    workers: int = 1
    #: Seconds a run may take before it is stopped and recorded as failed; None: no limit.
    run_timeout: float | None = None

    def __enter__(self) -> Executor:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def imap(
        self, func: Callable[[Any], Any], items: Iterable[Any], chunk: int = 1
    ) -> Iterator[Done]:
        """Apply ``func`` to every item, yielding a :class:`Done` per item as it finishes.

        Args:
            func: a picklable callable (a module-level function or an instance of a
                module-level class), sent to the workers.
            items: the items; read lazily, a few chunks ahead of the workers.
            chunk: items sent to a worker at once.
        """
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        """Where the runs ran, for the manifest."""
        raise NotImplementedError

    def _limits(self) -> dict[str, Any]:
        """The run timeout for :meth:`describe`, when there is one."""
        return {"run_timeout": self.run_timeout} if self.run_timeout else {}

    def fit(self, runs: int) -> None:
        """Start no more workers than ``runs`` need (before entering; a cluster is as it is)."""
        return None

    def warm(self) -> None:
        """Begin to start what is slow to start, while this process does other work.

        Optional, before entering; it starts no worker and holds nothing that
        entering would not. The default does nothing.
        """
        return None


class Serial(Executor):
    """Runs every item in this process, one after the other."""

    def __init__(self, run_timeout: float | None = None):
        self.run_timeout = run_timeout

    def imap(self, func, items, chunk=1):  # noqa: D102 - documented on Executor
        func = limited(func, self.run_timeout)
        for item in items:
            yield run_one(func, item)

    def describe(self) -> dict[str, Any]:  # noqa: D102
        return {"kind": "this process", "workers": 1, **self._limits()}


def run_one(func: Callable[[Any], Any], item: Any) -> Done:
    """Apply ``func`` to ``item``, turning an exception into a :class:`Failure`."""
    start = time.perf_counter()
    try:
        value = func(item)
    except Exception as exc:
        return Done(item, failure=Failure.of(exc), seconds=time.perf_counter() - start)
    return Done(item, value, seconds=time.perf_counter() - start)


def run_chunk(func: Callable[[Any], Any], items: list) -> list[Done]:
    """Apply ``func`` to every item of a chunk (in a worker)."""
    return [run_one(func, item) for item in items]


def batches(items: Iterable[Any], chunk: int, workers: int, ahead: int) -> Callable[[], list]:
    """A function that returns the next chunk of ``items``, and ``[]`` once none are left.

    Chunks hold ``chunk`` items until the end draws near. When the number of items
    is known (``items`` is a sequence), no chunk holds more than ``1 / (workers *
    ahead)`` of the items left, so the last chunks are single items and no worker
    waits long while another finishes a long chunk: guided self-scheduling
    (Polychronopoulos and Kuck 1987, IEEE Trans. Computers 36(12):1425-1439), with
    ``ahead`` the chunks a worker is sent before it answers.
    """
    source = iter(items)
    left = len(items) if isinstance(items, Sized) else None
    share = max(1, workers * ahead)

    def take() -> list:
        nonlocal left
        if left is None:
            return list(itertools.islice(source, chunk))
        batch = list(itertools.islice(source, max(1, min(chunk, left // share))))
        left -= len(batch)
        return batch

    return take


def chunk_size(runs: int, workers: int) -> int:
    """Runs per chunk: about twenty chunks per worker, at most :data:`MAX_CHUNK`."""
    return max(1, min(MAX_CHUNK, runs // (20 * max(workers, 1))))
