"""Run results on disk as they arrive: Parquet shards, each written whole or not at all.

A shard holds the runs that finished within a couple of seconds. Its **index**
(one row per run: its key, its error if it failed, its time, its tags and the
numbers it records) is written last; a study's tables of the same runs are
written before it, each run's rows one after the other in index order (the
index says how many rows each run has in each table). Every file is written
under a temporary name and renamed when complete, so a shard whose index exists
is whole, and a reader never sees part of a file. Files of a shard without an
index, and temporary files, are debris of a killed process; :func:`sweep_debris`
removes them.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .files import replacing
from .interrupts import signals_deferred
from .layout import RUNS, SHARD_INDEX, shard_name

#: Index columns every store has; each kind of store adds its own after them.
INDEX_FIELDS = (
    pa.field("key", pa.string()),
    pa.field("error", pa.string()),
    pa.field("message", pa.string()),
    pa.field("traceback", pa.string()),
    pa.field("seconds", pa.float64()),
)
FLUSH_SECONDS = 2.0
FLUSH_BYTES = 16_000_000


class ShardWriter:
    """Buffers finished runs and writes them as a shard every :data:`FLUSH_SECONDS`.

    The shards that fill up while runs go on are written by a thread of the writer's
    own, one at a time, while the next runs are done: Arrow writes without holding
    Python's lock, so on a machine with a core to spare a serial study does not wait
    for its store. :meth:`flush` writes what is buffered at once and waits for the
    shard being written, so after it every run added is on disk.

    Args:
        folder: the results directory (shards go to its ``runs/`` folder).
        columns: the store's own index columns (after :data:`INDEX_FIELDS`).
        tables: names of per-run tables written beside the index (a study's).
        flush_seconds: longest time a finished run waits in memory.
    """

    def __init__(
        self,
        folder: Path,
        columns: tuple[pa.Field, ...] = (),
        tables: tuple[str, ...] = (),
        flush_seconds: float = FLUSH_SECONDS,
    ):
        self.folder = Path(folder) / RUNS
        self.folder.mkdir(exist_ok=True)
        counts = tuple(pa.field(rows_column(name), pa.int64()) for name in tables)
        self.schema = pa.schema([*INDEX_FIELDS, *columns, *counts])
        self.tables, self.flush_seconds = tables, flush_seconds
        self._pending: list[tuple[dict, dict[str, pa.Table]]] = []
        self._bytes, self._last = 0, time.monotonic()
        self._pool: ThreadPoolExecutor | None = None
        self._writing: Future | None = None
        self.written = 0

    def add(self, row: Mapping, frames: Mapping[str, pa.Table] | None = None) -> None:
        """Buffer one run: its index row and, if it succeeded, its tables.

        The run joins the buffer in one step, so an interrupt leaves it either
        whole in the buffer or not there at all.
        """
        kept = {name: frames[name] for name in self.tables} if frames else {}
        row = {**row, **{rows_column(name): frame.num_rows for name, frame in kept.items()}}
        self._pending.append((row, kept))
        # Buffer sizes: nbytes walks every string of a table, 30 times as long.
        self._bytes += sum(frame.get_total_buffer_size() for frame in kept.values())
        if self._bytes > FLUSH_BYTES or time.monotonic() - self._last >= self.flush_seconds:
            self._hand_over()

    def _hand_over(self) -> None:
        """Give the buffered runs to the writing thread, once the shard before is written."""
        self._wait()
        pending, self._pending, self._bytes = self._pending, [], 0
        self._last = time.monotonic()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="digistrat-shards")
        self._writing = self._pool.submit(self._write_shard, pending)

    def _wait(self) -> None:
        """Wait for the shard being written, and count its runs.

        A Ctrl-C while waiting leaves the shard to be waited for again by
        :meth:`flush`; a failed write (a full disk) is raised here, once.
        """
        if self._writing is None:
            return
        try:
            count = self._writing.result()
        except KeyboardInterrupt:
            raise
        except BaseException:
            self._writing = None
            raise
        self._writing = None
        self.written += count

    def flush(self) -> None:
        """Write the buffered runs as one shard (nothing when none are buffered).

        First waits for the shard the thread is writing. Ctrl-C, SIGTERM and SIGHUP
        wait until the shards are written, so a shard is never half written, nor
        written twice.
        """
        with signals_deferred():
            try:
                self._wait()
                pending, self._last = self._pending, time.monotonic()
                if pending:
                    self.written += self._write_shard(pending)
                    self._pending, self._bytes = [], 0
            finally:  # the thread ends here, written or not; the next shard starts another
                if self._pool is not None and self._writing is None:
                    self._pool.shutdown()
                    self._pool = None

    def _write_shard(self, pending: list[tuple[dict, dict[str, pa.Table]]]) -> int:
        """Write ``pending`` as a shard: the tables first, the index last; how many runs."""
        shard = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        for name in self.tables:
            frames = [f[name] for _, f in pending if name in f]
            if frames:
                _write(self.folder / shard_name(shard, name), frames)
        index = pa.Table.from_pylist([row for row, _ in pending], schema=self.schema)
        _write_table(self.folder / shard_name(shard, SHARD_INDEX), index)
        return len(pending)


def rows_column(table: str) -> str:
    """The index column with a run's number of rows in ``table``."""
    return f"{table}_rows"


def _write(path: Path, tables: list[pa.Table]) -> None:
    """The runs' rows one after the other, in index order.

    Written without compression: the shard is read once more, when the results are
    assembled, and writing it fast matters more than its size.
    """
    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    _write_table(path, table, compression="none", use_dictionary=False)


def _write_table(path: Path, table: pa.Table, **options) -> None:
    """Write under a temporary name, make it durable, then give it its name."""
    with replacing(path, "tmp") as tmp:
        pq.write_table(table, tmp, **options)
        with open(tmp, "rb") as file:
            os.fsync(file.fileno())


def shards(folder: Path) -> list[str]:
    """The ids of the complete shards in a results directory, oldest first."""
    runs = Path(folder) / RUNS
    suffix = f".{SHARD_INDEX}.parquet"
    if not runs.is_dir():
        return []
    names = (p.name for p in runs.iterdir() if not p.name.startswith("."))
    return sorted(n[len("part-") : -len(suffix)] for n in names if n.endswith(suffix))


def read_index(folder: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Every stored run's index row, one per key: a success if there is one, else its last failure.

    Args:
        folder: the results directory.
        columns: the columns to return (default: all).
    """
    wanted = None if columns is None else list(dict.fromkeys(["key", "error", *columns]))
    parts = []
    for order, shard in enumerate(shards(folder)):
        path = Path(folder) / RUNS / shard_name(shard, SHARD_INDEX)
        frame = pq.read_table(path, columns=wanted).to_pandas()
        parts.append(frame.assign(_shard=order))
    if not parts:
        names = columns or [f.name for f in INDEX_FIELDS]
        return pd.DataFrame({name: pd.Series(dtype="object") for name in names})
    index = pd.concat(parts, ignore_index=True)
    failed = index["error"].notna().astype(int)
    index = index.assign(_failed=failed, _late=-index["_shard"])
    index = index.sort_values(["key", "_failed", "_late"], kind="stable")
    index = index.drop_duplicates("key", keep="first").sort_index()
    index = index.drop(columns=["_shard", "_failed", "_late"]).reset_index(drop=True)
    return index if columns is None else index[columns]


@dataclass(frozen=True)
class Place:
    """Where a run's rows of one table are: its shard, first row and number of rows."""

    shard: str
    start: int
    rows: int


def run_places(folder: Path, tables: tuple[str, ...]) -> dict[str, dict[str, Place]]:
    """Where each successful run's rows of each of ``tables`` are: table -> key -> place.

    Each shard's index is read once; the first shard that holds a run wins.
    """
    where: dict[str, dict[str, Place]] = {table: {} for table in tables}
    counts = [rows_column(table) for table in tables]
    for shard in shards(folder):
        path = Path(folder) / RUNS / shard_name(shard, SHARD_INDEX)
        index = pq.read_table(path, columns=["key", "error", *counts]).to_pandas()
        ok = index[index["error"].isna()]
        for table, count in zip(tables, counts, strict=True):
            starts = ok[count].cumsum() - ok[count]
            places = where[table]
            for key, start, rows in zip(ok["key"], starts, ok[count], strict=True):
                places.setdefault(key, Place(shard, int(start), int(rows)))
    return where


class ShardTables:
    """Reads runs' rows from shard tables, keeping the last few shards' tables open.

    Memory is bounded by ``keep`` shards (each at most :data:`FLUSH_BYTES` large).
    """

    def __init__(self, folder: Path, table: str, keep: int = 4):
        self.folder, self.table, self.keep = Path(folder), table, keep
        self._open: OrderedDict[str, pa.Table] = OrderedDict()

    def rows(self, place: Place) -> pa.Table:
        """The rows at ``place``."""
        if place.shard not in self._open:
            if len(self._open) >= self.keep:
                self._open.popitem(last=False)
            path = self.folder / RUNS / shard_name(place.shard, self.table)
            self._open[place.shard] = pq.read_table(path)
        self._open.move_to_end(place.shard)
        return self._open[place.shard].slice(place.start, place.rows)


def sweep_debris(folder: Path) -> int:
    """Remove temporary files and shard files without an index; return how many."""
    runs = Path(folder) / RUNS
    if not runs.is_dir():
        return 0
    complete = set(shards(folder))
    removed = 0
    for path in runs.iterdir():
        name = path.name
        partial = name.startswith(".part-") and name.endswith(".tmp")
        shard = name[len("part-") :].split(".", 1)[0] if name.startswith("part-") else None
        if partial or (shard is not None and shard not in complete):
            path.unlink()
            removed += 1
    return removed
