"""Choosing an executor from the command line's ``--jobs``, ``--dask`` and ``--scheduler``."""

from __future__ import annotations

from .cluster import TIMEOUT, Dask
from .executor import Executor, ExecutorError, Serial
from .processes import STALL_TIMEOUT, Processes


def make_executor(
    jobs: int = 1,
    dask_workers: int | None = None,
    scheduler: str | None = None,
    timeout: float | None = None,
    run_timeout: float | None = None,
) -> Executor:
    """The executor the command line's ``--jobs``, ``--dask`` and ``--scheduler`` ask for.

    Args:
        jobs: local worker processes; 1 runs in this process.
        dask_workers: start a dask ``LocalCluster`` with this many worker processes.
        scheduler: run on the dask cluster at this address.
        timeout: seconds to connect to a dask scheduler and to wait for its workers;
            with local worker processes, seconds a worker holding runs may use no CPU
            before it is taken for hung and replaced.
        run_timeout: seconds a run may take before it is stopped and recorded as
            failed, in this process and in local worker processes (not on dask:
            its workers run tasks in threads, which cannot be interrupted).

    Raises:
        ExecutorError: ``run_timeout`` with dask.
    """
    if dask_workers is not None or scheduler is not None:
        if run_timeout:
            raise ExecutorError(
                "--run-timeout cannot stop a run on dask: its workers run tasks in threads, "
                "which cannot be interrupted; use --jobs, or leave --run-timeout out"
            )
        return Dask(scheduler, dask_workers, timeout=TIMEOUT if timeout is None else timeout)
    if jobs == 1:
        return Serial(run_timeout)
    stall = STALL_TIMEOUT if timeout is None else timeout
    return Processes(jobs, stall_timeout=stall, run_timeout=run_timeout)
