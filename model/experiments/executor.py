"""Where runs execute: this process, this machine's worker processes, or a dask cluster.

One interface for every place, after EMA Workbench's evaluators: an
:class:`Executor` is entered as a context manager (which starts its workers), and
:meth:`Executor.imap` applies a function to items, yielding each item's
:class:`Done` as it finishes, in any order. Studies and sweeps both take one::

    from digistrat.experiments.executor import Processes
    with Processes(2) as executor:
        for done in executor.imap(square, range(10)):
            print(done.item, done.value)

A function that raises gives a :class:`Failure` for that item and the others go
on. Only a fault of the workers themselves (they cannot start, or keep dying)
stops everything, as an :class:`ExecutorError` that says what to do.
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType
from typing import Any

#: Seconds the local worker processes may take to start before it is an error.
START_TIMEOUT = 60.0
#: Attempts at a run whose worker process died before it is recorded as failed.
ATTEMPTS = 3
#: Worker deaths after which the local pool is given up.
MAX_RESTARTS = 10
#: Most runs sent to a worker at once.
MAX_CHUNK = 16
_TRACEBACK_CHARS = 4000

_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
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


class Executor:
    """Base of every executor: a context manager whose :meth:`imap` runs items.

    Attributes:
        workers: how many runs go on at once (for estimates; dask counts at start).
    """

    workers: int = 1

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


class Serial(Executor):
    """Runs every item in this process, one after the other."""

    def imap(self, func, items, chunk=1):  # noqa: D102 - documented on Executor
        for item in items:
            yield run_one(func, item)

    def describe(self) -> dict[str, Any]:  # noqa: D102
        return {"kind": "this process", "workers": 1}


class Processes(Executor):
    """Runs items in ``jobs`` worker processes of this machine.

    Workers are forked from a fork server that has imported the model once
    (``forkserver``; ``spawn`` where there is none), so they start in a fraction of
    a second and share no state with this process. Workers that cannot start are
    reported within seconds, with the likely cause; a worker that dies is replaced
    and its runs are tried again, up to :data:`ATTEMPTS` times each, then recorded as
    failed. When the runs are done the workers are stopped at once.

    Args:
        jobs: number of worker processes (at least 1).
        start_timeout: seconds the workers may take to start.
    """

    def __init__(self, jobs: int, start_timeout: float = START_TIMEOUT):
        if jobs < 1:
            raise ValueError(f"jobs must be >= 1, got {jobs}")
        self.workers, self.start_timeout = jobs, start_timeout
        self._pool: cf.ProcessPoolExecutor | None = None
        self._restarts = 0

    def __enter__(self) -> Processes:
        _refuse_while_bootstrapping()
        self._start()
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self._stop(kill=True)  # every result is in: nothing is lost, and exiting costs a second

    def describe(self) -> dict[str, Any]:  # noqa: D102
        return {"kind": "local processes", "workers": self.workers, "start": _METHOD}

    def _start(self) -> None:
        context = multiprocessing.get_context(_METHOD)
        if _METHOD == "forkserver":
            context.set_forkserver_preload(["digistrat.core"])
        self._pool = cf.ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker
        )
        probes = [self._pool.submit(os.getpid) for _ in range(self.workers)]
        try:
            for probe in cf.as_completed(probes, timeout=self.start_timeout):
                probe.result()
        except BrokenProcessPool:
            self._stop(kill=True)
            raise ExecutorError(
                f"the {self.workers} worker processes stopped while starting (their own "
                "error, if any, is printed above). "
                f"Likely cause: {GUARD_HINT}"
            ) from None
        except cf.TimeoutError:
            self._stop(kill=True)
            raise ExecutorError(
                f"the worker processes did not start within {self.start_timeout:g} s; "
                "is the machine overloaded, or does importing digistrat hang?"
            ) from None

    def _stop(self, kill: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            terminate = getattr(pool, "terminate_workers", None)  # Python >= 3.14
            if terminate is not None:
                terminate()
            else:
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def imap(self, func, items, chunk=1):  # noqa: D102
        source = iter(items)
        window = 2 * self.workers
        pending: dict[cf.Future, tuple[list, int]] = {}
        retry: list[tuple[list, int]] = []

        def refill() -> None:
            while len(pending) < window:
                if retry:
                    batch, attempt = retry.pop()
                else:
                    batch, attempt = list(itertools.islice(source, chunk)), 1
                    if not batch:
                        return
                pending[self._pool.submit(run_chunk, func, batch)] = (batch, attempt)

        refill()
        while pending:
            done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            broken = []
            for future in done:
                batch, attempt = pending.pop(future)
                try:
                    yield from future.result()
                except BrokenProcessPool:
                    broken.append((batch, attempt))
            if broken or any(_broken(f) for f in pending):
                broken += [pending.pop(f) for f in list(pending)]
                yield from self._recover(broken, retry)
            refill()

    def _recover(self, broken: list[tuple[list, int]], retry: list) -> Iterator[Done]:
        """Restart the pool after a worker died; its runs are tried again one by one."""
        self._restarts += 1
        if self._restarts > MAX_RESTARTS:
            raise ExecutorError(
                f"worker processes died {MAX_RESTARTS} times; is the machine out of memory? "
                "The runs finished so far are kept."
            )
        self._stop(kill=True)
        self._start()
        for batch, attempt in broken:
            for item in batch:
                if attempt >= ATTEMPTS:
                    message = f"the worker process running it died {attempt} times"
                    yield Done(item, failure=Failure("WorkerDied", message))
                else:
                    retry.append(([item], attempt + 1))


def _broken(future: cf.Future) -> bool:
    return future.done() and isinstance(future.exception(), BrokenProcessPool)


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


def chunk_size(runs: int, workers: int) -> int:
    """Runs per chunk: about twenty chunks per worker, at most :data:`MAX_CHUNK`."""
    return max(1, min(MAX_CHUNK, runs // (20 * max(workers, 1))))


def _start_worker() -> None:
    """Workers leave Ctrl-C to the parent, which stops them, and load the model once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import digistrat.core  # noqa: F401 - the first run should not pay for the imports


def _refuse_while_bootstrapping() -> None:
    """Refuse to start workers from a worker that is still importing the main script."""
    main = sys.modules.get("__main__")
    if multiprocessing.parent_process() is not None and getattr(main, "__name__", "") == (
        "__mp_main__"
    ):
        raise ExecutorError(f"a worker process tried to start workers itself: {GUARD_HINT}")
