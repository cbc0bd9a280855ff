"""Run what a results directory lacks, storing every run as it finishes.

Studies and sweeps are both campaigns: a plan of runs, each with its key
(:mod:`.keys`); the runs already stored under ``runs/`` are skipped, the others go
to the executor in an interleaved order, and each finished run (or its failure) is
appended to the store (:mod:`.shards`) within seconds. Ctrl-C, SIGTERM, a failed
run with ``fail_fast`` or a fault of the workers stop the campaign after the
finished runs are written, so a resumed campaign redoes only what was lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .executor import Done, Executor, ExecutorError, chunk_size
from .layout import RUNS, SHARD_INDEX, ResultsError, shard_name
from .progress import ProgressBar
from .shards import ShardWriter, read_index, rows_column, shards, sweep_debris

#: Turns a successful run's value into its index columns and its tables (or None).
Record = Callable[[Any], tuple[Mapping[str, Any], Mapping[str, pa.Table] | None]]


@dataclass(frozen=True)
class Planned:
    """One planned run.

    Attributes:
        key: its key (:func:`.keys.run_key`).
        item: what the worker function gets; it has the key as ``item.key``.
        tags: the columns that name the run in the store (e.g. point, replication, seed).
        rank: where it comes in the order of execution (lowest first).
    """

    key: str
    item: Any
    tags: Mapping[str, Any]
    rank: tuple = ()


@dataclass(frozen=True)
class Tally:
    """What a campaign did.

    Attributes:
        planned: runs in the plan.
        unique: distinct keys among them (equal runs are run once).
        stored: distinct keys already stored before, with a result.
        ran: runs done now.
        failed: runs done now that failed.
        seconds: wall time of the runs done now.
    """

    planned: int
    unique: int
    stored: int
    ran: int
    failed: int
    seconds: float


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped the runs; the message says what is stored and what next."""


class RunFailed(RuntimeError):
    """A run failed and the campaign was asked to stop at the first failure."""


@dataclass
class Campaign:
    """A plan to run into a results directory's store.

    Attributes:
        folder: the results directory.
        plan: the runs, in the order of the results (not of execution).
        func: the worker function (picklable), called with each run's ``item``.
        record: turns a run's value into index columns and tables.
        columns: the store's own index columns.
        tables: names of the per-run tables a value holds (a study's), or ().
        hint: how to continue after a stop, e.g. ``digistrat sweep EXP --resume``.
    """

    folder: Path
    plan: Sequence[Planned]
    func: Callable[[Any], Any]
    record: Record
    columns: tuple[pa.Field, ...] = ()
    tables: tuple[str, ...] = ()
    hint: str = "run the same command with --resume to continue"
    _stored: int = field(default=0, init=False)
    _failed: int = field(default=0, init=False)

    def missing(self) -> list[Planned]:
        """The planned runs the store lacks (failed ones included), once per key, in order.

        Raises:
            ResultsError: if the stored runs recorded other columns than this plan
                records (another experiment's outcomes); they cannot be continued.
        """
        self._check_columns()
        index = read_index(self.folder, ["key", "error"])
        done = set(index.loc[index["error"].isna(), "key"])
        todo: dict[str, Planned] = {}
        for run in self.plan:
            if run.key not in done and run.key not in todo:
                todo[run.key] = run
        self._stored = len({r.key for r in self.plan} & done)
        return sorted(todo.values(), key=lambda r: r.rank)

    def run(self, executor: Executor, *, fail_fast: bool = False, label: str = "runs") -> Tally:
        """Run the missing runs on ``executor`` and store each as it finishes.

        Raises:
            Interrupted: on Ctrl-C or SIGTERM, after storing the finished runs.
            RunFailed: with ``fail_fast``, at the first failed run (which is stored).
            ExecutorError: if the workers cannot run, after storing the finished runs.
        """
        sweep_debris(self.folder)  # of a process killed while writing; the folder is locked
        todo = self.missing()
        unique = len({r.key for r in self.plan})
        by_key = {r.key: r for r in todo}
        writer = ShardWriter(self.folder, self.columns, self.tables)
        self._failed = 0  # failed runs stored by this call
        with ProgressBar(len(todo), label) as bar:
            try:
                if todo:
                    executor.fit(len(todo))
                    with executor:
                        chunk = chunk_size(len(todo), executor.workers)
                        for done in executor.imap(self.func, [r.item for r in todo], chunk):
                            run = by_key[done.item.key]
                            self._store(writer, run, done)
                            self._failed += not done.ok
                            bar(1, failed=int(not done.ok))
                            if fail_fast and not done.ok:
                                raise RunFailed(self._stop_words(run, done, writer, unique))
                writer.flush()
            except KeyboardInterrupt:
                writer.flush()
                raise Interrupted(self._interrupt_words(writer, unique)) from None
            except ExecutorError as exc:
                writer.flush()
                said = str(exc).rstrip()
                said += "" if said.endswith((".", "?", "!")) else "."
                raise ExecutorError(f"{said} {self._executor_words(writer, unique)}") from None
            except BaseException:
                writer.flush()
                raise
        return Tally(
            len(self.plan), unique, self._stored, writer.written, self._failed, bar.seconds
        )

    def _check_columns(self) -> None:
        needed = {f.name for f in self.columns} | {rows_column(t) for t in self.tables}
        for shard in shards(self.folder):
            path = self.folder / RUNS / shard_name(shard, SHARD_INDEX)
            lacking = needed - set(pq.read_schema(path).names)
            if lacking:
                raise ResultsError(
                    f"the runs stored in {self.folder} record other numbers than these runs "
                    f"(they lack {', '.join(sorted(lacking)[:3])}), so they cannot be "
                    "continued; use --force to start again, or another --out"
                )

    def _store(self, writer: ShardWriter, run: Planned, done: Done) -> None:
        row: dict[str, Any] = {"key": run.key, "seconds": done.seconds, **run.tags}
        frames = None
        if done.ok:
            extra, frames = self.record(done.value)
            row.update(extra)
        else:
            f = done.failure
            row.update(error=f.error, message=f.message, traceback=f.traceback)
        writer.add(row, frames)

    def _kept_words(self, writer: ShardWriter, unique: int) -> str:
        """How many runs have a stored result, and how many failures are stored beside them.

        The runs are counted as ``--resume`` counts them (a failed run is run again),
        so the two messages agree.
        """
        stored = self._stored + writer.written - self._failed
        failures = ""
        if self._failed:
            runs = "1 failed run" if self._failed == 1 else f"{self._failed} failed runs"
            failures = f" (and {runs}, which --resume runs again)"
        return f"{stored} of {unique} runs are stored in {self.folder}{failures}; {self.hint}."

    def _executor_words(self, writer: ShardWriter, unique: int) -> str:
        """What is kept when the workers cannot run, and how to go on."""
        if self._stored + writer.written:
            return self._kept_words(writer, unique)
        words = f"0 of {unique} runs are stored in {self.folder}: none ran."
        again = self.hint.removeprefix("continue with: ")
        if again != self.hint:
            return f"{words} Once that is fixed, run them with: {again}."
        return f"{words} Once that is fixed, start again."

    def _interrupt_words(self, writer: ShardWriter, unique: int) -> str:
        return f"interrupted: {self._kept_words(writer, unique)}"

    def _stop_words(self, run: Planned, done: Done, writer: ShardWriter, unique: int) -> str:
        writer.flush()
        where = ", ".join(f"{k} {v}" for k, v in run.tags.items())
        return (
            f"a run failed ({where}): {done.failure}; stopped at the first failure "
            f"(--fail-fast). {self._kept_words(writer, unique)}"
        )


def spread(n: int) -> list[int]:
    """A rank for each of ``0 .. n-1`` so that any first part of the order spans the range.

    Bit-reversed (van der Corput) order: 0, n/2, n/4, 3n/4, ... An interrupted grid
    sweep run in this order holds points from all over the grid, not its first rows.
    """
    if n <= 1:
        return [0] * n
    bits = (n - 1).bit_length()
    order = sorted(range(n), key=lambda i: int(f"{i:0{bits}b}"[::-1], 2))
    ranks = [0] * n
    for rank, i in enumerate(order):
        ranks[i] = rank
    return ranks


def stored_runs(
    folder: Path, keys: Iterable[str], columns: list[str] | None = None
) -> pd.DataFrame:
    """The stored index rows of ``keys``, one per key (a success if there is one)."""
    index = read_index(folder, columns)
    return index[index["key"].isin(set(keys))].reset_index(drop=True)
