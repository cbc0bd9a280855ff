"""Runs in worker processes of this machine: a small pool with nothing hidden that can hang.

Each worker has its own pipe and works on one chunk at a time; the parent waits on
the pipes and on the workers' process sentinels together, with a timeout, so it
always knows which chunk a worker held when it died and never waits on a queue
that no process reads. Workers are forked from a fork server that has imported
the model once and frozen its heap (:mod:`.preload`; ``forkserver``, or ``spawn``
where there is none), so they start in a fraction of a second, share those pages
with each other, and share no state with this process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from .executor import (
    GUARD_HINT,
    Done,
    Executor,
    ExecutorError,
    Failure,
    batches,
    limited,
    run_chunk,
)

#: Seconds the workers may take to start before it is an error.
START_TIMEOUT = 60.0
#: Attempts at a run whose worker died running it, before it is recorded as failed.
ATTEMPTS = 3
#: Worker deaths after which the pool is given up.
MAX_RESTARTS = 10
#: Chunks a worker holds at once: the next is in its pipe while it runs one, so it
#: never waits for this process to read a result and send more work.
DEPTH = 2
#: Seconds a worker holding runs may use no CPU at all before it is taken for hung
#: (stopped, or waiting on something that never comes) and replaced.
STALL_TIMEOUT = 30.0
#: Seconds without a finished run before the first note that the runs go on.
QUIET_NOTE = 60.0
#: What the fork server imports before it forks a worker.
PRELOAD = "digistrat.experiments.preload"
METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
_POLL = 1.0
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
log = logging.getLogger("digistrat.experiments")


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds a process has used (user and system), or None where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


def start_server() -> None:
    """Start the fork server unless it runs; it imports :data:`PRELOAD` first.

    It starts with SIGINT ignored, and so do the workers it forks: a Ctrl-C at the
    terminal reaches every process of the foreground group, and the server, which
    ignores SIGINT only once it has imported the model, would otherwise stop with a
    traceback from the middle of those imports (its resource tracker likewise).
    This process handles Ctrl-C and stops them. An ignored signal stays ignored
    across ``exec``, so SIGINT is ignored here while the two are started: a few
    milliseconds (under 20 on the machines measured, ``docs/experiments.md``), in
    which a Ctrl-C is lost and must be pressed again. Only the main thread can
    change it; elsewhere (or where the handler was set outside Python) the server
    starts as the standard library starts it.
    """
    import threading
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload([PRELOAD])
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is None  # set outside Python: not restorable
    ):
        forkserver.ensure_running()
        return
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, handler)


def _serve(conn: Connection) -> None:
    """A worker: say it is ready, then run chunks until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    import digistrat.core  # noqa: F401 - the first run should not pay for the imports

    try:
        conn.send(("ready", os.getpid()))
    except (BrokenPipeError, OSError):  # the parent gave up on it while it started
        return
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        func, items = message
        try:
            conn.send(run_chunk(func, items))
        except (BrokenPipeError, OSError):  # the parent is gone (killed): nobody to tell
            return


class _Worker:
    """One worker process, its pipe, and the chunks it holds (with their attempt numbers).

    It runs them in the order they were sent; the first is the one it is running.
    """

    def __init__(self, context):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.held: deque[tuple[list, int]] = deque()
        self.ready = False
        self.cpu: float | None = None  # CPU seconds when last seen to have changed
        self.moved = time.monotonic()  # when it was last seen to use CPU or answer

    def busy(self, now: float) -> None:
        """Note that it answered, or was given work while idle: it is not stalled."""
        self.moved, self.cpu = now, None

    def stalled(self, now: float, limit: float) -> bool:
        """It holds runs and has used no CPU for ``limit`` seconds."""
        if not self.held or not self.process.is_alive():
            return False
        cpu = cpu_seconds(self.process.pid)
        if cpu is None:
            return False
        if cpu != self.cpu:
            self.cpu, self.moved = cpu, now
            return False
        return now - self.moved > limit

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Processes(Executor):
    """Runs items in ``jobs`` worker processes of this machine.

    Workers that cannot start are reported within seconds, with the likely cause.
    A worker that dies is replaced; the chunk it was running is tried again one run at a
    time, and a run that kills its worker :data:`ATTEMPTS` times is recorded as
    failed. When the runs are done, or on an error or Ctrl-C, the workers are
    stopped at once.

    A worker that holds runs but uses no CPU for ``stall_timeout`` seconds (stopped,
    or stuck waiting) is taken for hung and replaced in the same way. While no run
    finishes for a minute or more, a note says so on the ``digistrat.experiments``
    logger, as does every replaced worker.

    Args:
        jobs: number of worker processes (at least 1).
        start_timeout: seconds the workers may take to start.
        stall_timeout: seconds a worker holding runs may use no CPU.
    """

    def __init__(
        self,
        jobs: int,
        start_timeout: float = START_TIMEOUT,
        stall_timeout: float = STALL_TIMEOUT,
        run_timeout: float | None = None,
    ):
        if jobs < 1:
            raise ValueError(f"jobs must be >= 1, got {jobs}")
        self.workers, self.start_timeout = jobs, start_timeout
        self.stall_timeout, self.run_timeout = stall_timeout, run_timeout
        self._pool: list[_Worker] = []
        self._context = None
        self._restarts = 0

    def describe(self) -> dict[str, Any]:  # noqa: D102 - documented on Executor
        return {
            "kind": "local processes",
            "workers": self.workers,
            "start": METHOD,
            **self._limits(),
        }

    def fit(self, runs: int) -> None:  # noqa: D102 - documented on Executor
        self.workers = max(1, min(self.workers, runs))

    def warm(self) -> None:
        """Start the fork server now: it imports the model (1-2 s) while this process plans.

        Nothing happens in a process that is still importing its main script (see
        :func:`refuse_while_bootstrapping`, which entering then raises) or where
        workers are spawned rather than forked from a server.
        """
        if METHOD != "forkserver" or _bootstrapping():
            return
        start_server()

    def __enter__(self) -> Processes:
        refuse_while_bootstrapping()
        self._context = multiprocessing.get_context(METHOD)
        try:
            if METHOD == "forkserver":
                start_server()
            self._pool = []
            for _ in range(self.workers):  # one by one: those started are stopped on Ctrl-C
                self._pool.append(_Worker(self._context))
            self._await_ready(self._pool)
        except (EOFError, ConnectionError) as exc:  # the fork server went away mid-start
            self._stop()
            raise ExecutorError(
                f"the worker processes could not be started ({type(exc).__name__}: {exc}): "
                "the process that starts them ended early, e.g. killed or out of memory"
            ) from None
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self._stop()

    def _stop(self) -> None:
        for worker in self._pool:
            worker.stop()
        self._pool = []

    def _await_ready(self, workers: list[_Worker]) -> None:
        deadline = time.monotonic() + self.start_timeout
        waiting = list(workers)
        while waiting:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ExecutorError(
                    f"the worker processes did not start within {self.start_timeout:g} s; "
                    "is the machine overloaded, or does importing digistrat hang?"
                )
            ready = wait([w.conn for w in waiting] + [w.process.sentinel for w in waiting], left)
            for worker in list(waiting):
                if worker.conn in ready or worker.process.sentinel in ready:
                    try:
                        worker.conn.recv()
                    except (EOFError, OSError):  # it exited before it was ready
                        worker.process.join(5)
                        raise ExecutorError(
                            f"the worker processes stopped while starting (exit code "
                            f"{worker.process.exitcode}; their own error, if any, is "
                            f"printed above). Likely cause: {GUARD_HINT}"
                        ) from None
                    worker.ready = True
                    waiting.remove(worker)

    def imap(self, func, items, chunk=1):  # noqa: D102
        func = limited(func, self.run_timeout)
        take = batches(items, chunk, len(self._pool), DEPTH)
        retry: deque[tuple[list, int]] = deque()

        def feed(worker: _Worker) -> None:
            while len(worker.held) < DEPTH and worker.process.is_alive():
                if retry:  # the runs of a chunk whose worker died, now one by one
                    batch, attempt = retry.popleft()
                else:
                    batch, attempt = take(), 1
                    if not batch:
                        return
                if not worker.held:
                    worker.busy(time.monotonic())
                worker.held.append((batch, attempt))
                try:
                    worker.conn.send((func, batch))
                except (BrokenPipeError, OSError):
                    return  # it died; its sentinel tells

        for worker in self._pool:
            feed(worker)
        answered = checked = time.monotonic()
        note = QUIET_NOTE
        while any(w.held for w in self._pool):
            conns = {w.conn: w for w in self._pool if w.held}
            sentinels = {w.process.sentinel: w for w in self._pool if w.held}
            for ready in wait([*conns, *sentinels], _POLL):
                worker = conns.get(ready)
                if worker is not None:  # if it died while answering, its sentinel tells
                    answered = time.monotonic()
                    note = QUIET_NOTE
                    worker.busy(answered)
                    yield from self._drain(worker)
                    feed(worker)
                elif (worker := sentinels[ready]).held:
                    yield from self._drain(worker)  # what it answered before it died
                    if worker.held:
                        log.warning(
                            "a worker process (pid %s) died (exit code %s) while running "
                            "%s; a new one runs them again",
                            worker.process.pid,
                            worker.process.exitcode,
                            _runs(worker.held[0][0]),
                        )
                        yield from self._replace(worker, retry)
            now = time.monotonic()
            if now - checked > 5 * _POLL:  # this process was stopped itself (Ctrl-Z) or starved
                checked = answered = now
                for worker in self._pool:
                    worker.busy(now)
            elif now - checked >= _POLL:
                checked = now
                for worker in [w for w in self._pool if w.stalled(now, self.stall_timeout)]:
                    log.warning(
                        "a worker process (pid %s) has used no CPU for %.0f s while running "
                        "%s (stopped, or stuck waiting); it is replaced and they run again",
                        worker.process.pid,
                        now - worker.moved,
                        _runs(worker.held[0][0]),
                    )
                    yield from self._replace(worker, retry, "WorkerHung", "used no CPU")
                if now - answered >= note:
                    log.warning(
                        "no run has finished for %.0f s; the workers are still running "
                        "(a run stuck in a loop would keep them so: Ctrl-C stops, and "
                        "--resume goes on)",
                        now - answered,
                    )
                    note *= 2
            for worker in self._pool:
                feed(worker)

    @staticmethod
    def _drain(worker: _Worker) -> Iterator[Done]:
        """The results waiting in a worker's pipe (also those it sent before it died)."""
        while worker.held and worker.conn.poll():
            try:
                results = worker.conn.recv()
            except (EOFError, OSError):
                return
            worker.held.popleft()
            yield from results

    def _replace(
        self, dead: _Worker, retry: deque, error: str = "WorkerDied", what: str = "died"
    ) -> list[Done]:
        """Start a worker in place of one that died (or hung, and is killed here).

        The chunk it was running is tried again run by run; the chunks it held but
        had not started go back as they were.
        """
        self._restarts += 1
        if self._restarts > MAX_RESTARTS:
            raise ExecutorError(
                f"worker processes died {MAX_RESTARTS} times; is the machine out of memory?"
            )
        failed = []
        batch, attempt = dead.held.popleft()
        for item in batch:
            if attempt >= ATTEMPTS:
                message = f"the worker process running it {what} {attempt} times"
                failed.append(Done(item, failure=Failure(error, message)))
            else:
                retry.append(([item], attempt + 1))
        retry.extendleft(reversed(dead.held))  # sent but not started: as they were
        dead.held.clear()
        dead.stop()
        fresh = _Worker(self._context)
        self._pool[self._pool.index(dead)] = fresh
        self._await_ready([fresh])
        return failed


def _runs(batch: list) -> str:
    return "1 run" if len(batch) == 1 else f"{len(batch)} runs"


def refuse_while_bootstrapping() -> None:
    """Refuse to start workers from a worker that is still importing the main script.

    A spawned worker (of these processes, or a dask worker) imports the script that
    started it as ``__mp_main__``; a script without ``if __name__ == "__main__":``
    would start workers from there, again and again. While it imports the script,
    multiprocessing marks the process as inheriting (what its own check of this case
    reads), and ``parent_process()`` is not yet set.
    """
    if _bootstrapping():
        raise ExecutorError(f"a worker process tried to start workers itself: {GUARD_HINT}")


def _bootstrapping() -> bool:
    main = sys.modules.get("__main__")
    inheriting = getattr(multiprocessing.current_process(), "_inheriting", False)
    return inheriting or (
        multiprocessing.parent_process() is not None
        and getattr(main, "__name__", "") == "__mp_main__"
    )
