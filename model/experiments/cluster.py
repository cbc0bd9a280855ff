"""Runs on a dask.distributed cluster: a running scheduler, or a local cluster started here.

Nothing waits without a limit. Connecting to a scheduler, its handshake included,
takes at most ``timeout`` seconds; a scheduler with no workers is an error after
``timeout`` seconds; a cluster that loses all its workers mid-sweep is an error
after ``timeout`` seconds without one. A run whose worker dies is rerun on another
worker by the scheduler (up to dask's ``distributed.scheduler.allowed-failures``,
3 by default) and then recorded as failed; the sweep goes on. A worker of the
local cluster that stops answering (stopped, hung) is restarted by its nanny after
``timeout`` seconds (at least 10; the scheduler's ``worker_ttl``); on a running
scheduler its own ``worker-ttl`` decides. While no run finishes, a note on the
``digistrat.experiments`` logger says so, and names the workers that do not answer.

A local cluster's workers are forked from the same fork server as local worker
processes (:mod:`.processes`; dask's ``multiprocessing-method`` is set to
``forkserver`` for the cluster's life, where there is one): they start with the
model already imported, and, like the server, they ignore the Ctrl-C that a
terminal sends to every process of its group, which this process handles by
closing the cluster.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from .executor import GUARD_HINT, Done, Executor, ExecutorError, Failure, batches, run_chunk
from .interrupts import signals_deferred
from .processes import METHOD, QUIET_NOTE, refuse_while_bootstrapping, start_server

#: Seconds to connect to a scheduler, and to wait for it to have a worker.
TIMEOUT = 30.0
_POLL = 1.0
log = logging.getLogger("digistrat.experiments")
_START_HINT = "start workers with: dask worker {address} --nthreads 1"


def ctrl_c_deferred() -> AbstractContextManager[None]:
    """Hold a Ctrl-C back until the block ends, then act on it (main thread only).

    A local cluster half built cannot be closed: dask would stop with errors from
    its exit handlers and its workers. So a Ctrl-C while it starts (a few seconds,
    bounded by dask's own start timeout) is noted, said on the log, and acted on
    once the cluster is whole and can be closed.
    """
    return signals_deferred(
        (signal.SIGINT,),
        lambda: log.warning("Ctrl-C: stopping as soon as the local dask workers have started"),
    )


#: Largest scheduler file read (dask writes a few hundred bytes).
SCHEDULER_FILE_BYTES = 1 << 20


def scheduler_address(scheduler: str, timeout: float) -> str:
    """The address ``scheduler`` names: itself, or the one in a scheduler file (``*.json``).

    A scheduler file that does not exist yet, or is still being written, is waited
    for up to ``timeout`` seconds (a note says so once).

    Raises:
        ExecutorError: no usable file after ``timeout`` seconds, or one without an address.
    """
    if not scheduler.lower().endswith(".json"):
        return scheduler
    path = Path(scheduler)
    deadline = time.monotonic() + timeout
    noted = False
    while True:
        problem = _read_scheduler_file(path)
        if isinstance(problem, tuple):
            return problem[0]
        if time.monotonic() >= deadline:
            raise ExecutorError(
                f"the dask scheduler file {scheduler} {problem} after {timeout:g} s; start "
                f"the scheduler with: dask scheduler --scheduler-file {scheduler}"
            )
        if not noted:
            log.warning(
                "waiting up to %g s for the dask scheduler file %s (it %s)",
                timeout, scheduler, problem,
            )  # fmt: skip
            noted = True
        time.sleep(min(0.2, timeout / 10))


def _read_scheduler_file(path: Path) -> tuple[str] | str:
    """``(address,)`` from a scheduler file, or what is wrong with it, in words."""
    import json

    try:
        if not path.is_file():
            return "is not a regular file" if path.exists() else "does not exist"
        if path.stat().st_size > SCHEDULER_FILE_BYTES:
            return "is too large to be one"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):  # ValueError: still being written
        return "cannot be read as JSON"
    address = data.get("address") if isinstance(data, dict) else None
    if not isinstance(address, str) or not address:
        return "holds no 'address'"
    return (address,)


class Dask(Executor):
    """Runs items on dask workers.

    Args:
        scheduler: address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``, or
            the path of the JSON file ``dask scheduler --scheduler-file PATH``
            writes (a name ending in ``.json``), as on a batch system where the
            scheduler's node is known only once the job runs; the file is waited
            for up to ``timeout`` seconds.
        workers: without a scheduler, start a ``LocalCluster`` of this many
            single-threaded worker processes on the loopback interface.
        client: use this ``distributed.Client`` instead (it is not closed here).
        timeout: seconds for connecting, and for waiting for workers.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        client: Any = None,
        timeout: float = TIMEOUT,
    ):
        self.scheduler, self.local_workers, self.timeout = scheduler, workers, timeout
        self.address = scheduler  # the scheduler's address (read from a scheduler file)
        self.client, self._own, self._cluster = client, client is None, None
        self.workers = workers or 1
        self._method: Any = None  # dask's config while the local cluster runs

    def __enter__(self) -> Dask:
        if self.client is None and self.scheduler is not None:
            from distributed import Client

            self.address = scheduler_address(self.scheduler, self.timeout)
            try:
                self._probe(self.address)
            except ExecutorError as exc:
                if self.address == self.scheduler:
                    raise
                raise ExecutorError(
                    f"{exc} (the address is that in the scheduler file {self.scheduler}, "
                    "which may be left from a scheduler that has stopped)"
                ) from None
            try:
                self.client = Client(self.address, timeout=f"{self.timeout}s")
            except (OSError, TimeoutError) as exc:
                raise ExecutorError(
                    f"cannot connect to the dask scheduler at {self.address}: {exc}"
                ) from None
        elif self.client is None:
            refuse_while_bootstrapping()  # in a dask worker importing an unguarded script
            try:
                with ctrl_c_deferred():
                    self._start_local()
            except BaseException:
                self._close()
                raise
        try:
            self.workers = self._wait_for_workers()
        except BaseException:
            self._close()
            raise
        return self

    def _start_local(self) -> None:
        from distributed import Client, LocalCluster

        if METHOD == "forkserver":
            import dask

            start_server()
            key = "distributed.worker.multiprocessing-method"
            self._method = dask.config.set({key: METHOD})
        try:
            self._cluster = LocalCluster(
                n_workers=self.local_workers or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                scheduler_kwargs={
                    # a worker that stops answering (stopped, hung) is restarted by
                    # its nanny after this long, and its runs go to the others
                    "worker_ttl": max(self.timeout, 10.0),
                    # its HTTP server (always started; the dashboard is off) on a free
                    # loopback port: the default 8787 is often taken, and dask warns
                    "dashboard_address": "127.0.0.1:0",
                },
            )
        except Exception as exc:  # dask says "Nanny failed to start."
            raise ExecutorError(
                f"the local dask workers stopped while starting (dask: {exc!s:.200}; "
                f"their own error, if any, is printed above). Likely cause: {GUARD_HINT}"
            ) from None
        self.client = Client(self._cluster, timeout=f"{self.timeout}s")

    def __exit__(self, kind, exc, tb) -> None:
        self._close()

    def describe(self) -> dict[str, Any]:  # noqa: D102 - documented on Executor
        where = self.address or ("local cluster" if self._cluster else "given client")
        described = {"kind": "dask", "scheduler": where, "workers": self.workers}
        if self.scheduler is not None and self.scheduler != self.address:
            described["scheduler_file"] = self.scheduler
        return described

    def _close(self) -> None:
        if self._own and self.client is not None:
            self.client.close(timeout=self.timeout)
            self.client = None
        if self._cluster is not None:
            self._cluster.close(timeout=self.timeout)
            self._cluster = None
        if self._method is not None:
            self._method.__exit__(None, None, None)
            self._method = None

    def _probe(self, address: str) -> None:
        """Connect and shake hands once, within the timeout (dask's own handshake has none)."""
        from distributed.comm import connect

        async def shake() -> None:
            comm = await connect(address, timeout=self.timeout)
            await comm.close()

        async def bounded() -> None:
            await asyncio.wait_for(shake(), self.timeout)

        scheme = address.split("://", 1)[0].lower() if "://" in address else "tcp"
        if scheme not in ("tcp", "inproc"):
            raise ExecutorError(
                f"cannot connect to the dask scheduler at {address}: {scheme}:// is not "
                "supported here (tls needs certificates, ucx its own packages); give a "
                "tcp:// address, e.g. tcp://10.0.0.5:8786"
            )
        try:
            asyncio.run(bounded())
        except TimeoutError:
            raise ExecutorError(
                f"the dask scheduler at {address} did not answer within {self.timeout:g} s "
                "(connection and handshake); is the address right and the scheduler running?"
            ) from None
        except (OSError, ValueError) as exc:
            raise ExecutorError(
                f"cannot connect to the dask scheduler at {address}: {exc}"
            ) from None
        except Exception as exc:  # it answered, but not as dask does (HTTP, SSH, ...)
            raise ExecutorError(
                f"{address} is not a dask scheduler: it answered the handshake with "
                f"something else ({type(exc).__name__}); is the address and port right?"
            ) from None

    def _start_hint(self) -> str:
        if self.scheduler is not None and self.scheduler != self.address:
            return _START_HINT.format(address=f"--scheduler-file {self.scheduler}")
        address = self.address
        if address is None:
            address = getattr(getattr(self.client, "scheduler", None), "address", None)
        return _START_HINT.format(address=address or "SCHEDULER-ADDRESS")

    def _count(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1).get("workers", {}))

    def _wait_for_workers(self) -> int:
        deadline = time.monotonic() + self.timeout
        while (count := self._count()) == 0:
            if time.monotonic() > deadline:
                raise ExecutorError(
                    f"the dask scheduler at {self.address} has no workers after "
                    f"{self.timeout:g} s; {self._start_hint()}"
                )
            time.sleep(min(0.2, self.timeout / 10))
        return count

    def imap(self, func, items, chunk=1):  # noqa: D102
        from distributed import wait
        from distributed.client import FutureCancelledError

        ahead = 4
        take = batches(items, chunk, max(self.workers, 1), ahead)
        pending: dict[Any, list] = {}

        def refill() -> None:
            while len(pending) < ahead * max(self.workers, 1):
                batch = take()
                if not batch:
                    return
                future = self.client.submit(run_chunk, func, batch, pure=False)
                pending[future] = batch

        refill()
        quiet_since = time.monotonic()
        note = max(self.timeout, QUIET_NOTE)
        while pending:
            try:
                done = wait(list(pending), timeout=_POLL, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                done = set()
            if not done:
                self._check_alive(quiet_since, len(pending))
                if time.monotonic() - quiet_since >= note:
                    self._note_quiet(time.monotonic() - quiet_since)
                    note *= 2
                continue
            quiet_since = time.monotonic()
            note = max(self.timeout, QUIET_NOTE)
            for future in done:
                batch = pending.pop(future)
                try:
                    yield from future.result()
                except FutureCancelledError:
                    raise ExecutorError("the dask cluster cancelled the runs") from None
                except Exception as exc:  # KilledWorker: its worker died too often
                    failure = Failure(type(exc).__name__, f"dask could not run it: {exc}")
                    yield from (Done(item, failure=failure) for item in batch)
            refill()

    def _note_quiet(self, quiet: float) -> None:
        """Say that no run has finished for a while, and which workers have gone silent."""
        info = self.client.scheduler_info(n_workers=-1)
        now = time.time()
        silent = [
            f"{address} (last heard {now - worker['last_seen']:.0f} s ago)"
            for address, worker in info.get("workers", {}).items()
            if now - worker.get("last_seen", now) > self.timeout
        ]
        words = f"no run has finished for {quiet:.0f} s"
        if silent:
            words += (
                f"; workers not answering: {', '.join(silent[:3])}. The scheduler restarts "
                "or drops a worker that has not answered for its worker-ttl "
                "(distributed.scheduler.worker-ttl, 5 minutes unless set) and reruns its "
                "runs on the others"
            )
        else:
            words += "; the workers answer and are still running"
        log.warning("%s (Ctrl-C stops, and --resume goes on)", words)

    def _check_alive(self, quiet_since: float, unfinished: int) -> None:
        """Fail when the cluster has had no worker for the whole timeout."""
        if time.monotonic() - quiet_since < self.timeout:
            return
        self.workers = self._count()
        if self.workers == 0:
            raise ExecutorError(
                f"the dask cluster has had no workers for {self.timeout:g} s and "
                f"{unfinished} batches of runs are unfinished; {self._start_hint()}. "
                "The runs finished so far are kept."
            )
