"""A study's tables from its store, written batch by batch so memory stays flat.

Each run's rows are read from its shard (:class:`.shards.ShardTables`), tagged
with its scenario, replication and seed, and appended to ``timeseries.parquet``,
``initiatives.parquet`` and ``departments.parquet`` in the order of the results
(scenario as given, then replication): the same files a study written at once
would have, however the runs were stopped, resumed or spread over workers. The
summary is computed batch by batch on the way.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..core.columns import OUTCOMES
from .campaign import Planned
from .files import temporary_name
from .layout import DEPARTMENTS, INITIATIVES, TIMESERIES
from .runner import DEPARTMENTS_COLUMNS, INITIATIVES_COLUMNS, KEYS, TIMESERIES_COLUMNS, RunError
from .shards import ShardTables, run_places
from .summary import order_summary, summary_of

#: The per-run tables of a study: name in the store, file, columns, and the column a
#: run's rows are sorted by (stably, as :func:`.runner.run_tasks` sorts them).
TABLES = (
    ("timeseries", TIMESERIES, TIMESERIES_COLUMNS, "month"),
    ("initiatives", INITIATIVES, INITIATIVES_COLUMNS, "initiative"),
    ("departments", DEPARTMENTS, DEPARTMENTS_COLUMNS, "month"),
)
STORE_TABLES = tuple(table[0] for table in TABLES)
BATCH = 256
_TAG_TYPES = {"scenario": pa.string(), "replication": pa.int64(), "seed": pa.int64()}


def write_tables(folder: Path, runs: Sequence[Planned]) -> pd.DataFrame:
    """Write the three tables of the stored ``runs``, in the order given; return the summary.

    Args:
        folder: the results directory.
        runs: the runs that succeeded, in the order of the results; their tags
            are ``scenario, replication, seed``.

    Raises:
        RunError: if a run's table lacks a column of the column contract.
    """
    summaries = []
    every = run_places(folder, STORE_TABLES)
    for name, file, columns, by in TABLES:
        places = every[name]
        reader = ShardTables(folder, name)
        with _Appender(folder / file, columns) as out:
            for start in range(0, len(runs), BATCH):
                batch = runs[start : start + BATCH]
                parts = [reader.rows(places[r.key]) for r in batch]
                counts = [part.num_rows for part in parts]
                table = _tagged(_in_order(parts, counts, by), counts, batch, columns, name)
                out.write(table)
                if name == "timeseries":
                    summaries.append(_summary(table))
    if not summaries:
        return pd.DataFrame(columns=list(KEYS))
    return order_summary(pd.concat(summaries, ignore_index=True))


def _summary(table: pa.Table) -> pd.DataFrame:
    names = [c for c in (*KEYS, "month", *OUTCOMES) if c in table.column_names]
    return summary_of({c: table.column(c).to_numpy(zero_copy_only=False) for c in names})


def _in_order(parts: list[pa.Table], counts: list[int], by: str) -> pa.Table:
    """Runs' rows one after the other, each run's in the order of ``by`` (stable).

    Most runs come in that order already: one comparison over the whole batch shows
    it (pairs that straddle two runs do not count). Otherwise each run is sorted on
    its own.
    """
    rows = pa.concat_tables(parts)
    if rows.num_rows < 2:
        return rows
    column = rows.column(by)
    ordered = pc.less_equal(column[:-1], column[1:]).fill_null(True)
    ordered = ordered.to_numpy(zero_copy_only=False)
    starts = np.cumsum(counts)[:-1]  # each run's first row, but the first run's
    starts = starts[(starts > 0) & (starts < rows.num_rows)]
    ordered[starts - 1] = True  # a run's last row against the next run's first
    if ordered.all():
        return rows
    return pa.concat_tables([_sorted(part, by) for part in parts])


def _sorted(rows: pa.Table, by: str) -> pa.Table:
    """One run's rows in the order of ``by`` (stable)."""
    column = rows.column(by)
    if len(column) < 2 or pc.all(pc.less_equal(column[:-1], column[1:])).as_py():
        return rows
    return rows.take(pc.sort_indices(rows, sort_keys=[(by, "ascending")]))


def _tagged(
    rows: pa.Table, counts: list[int], runs: Sequence[Planned], columns: tuple[str, ...], name: str
) -> pa.Table:
    """The runs' ``rows`` (``counts`` of each), tags in front, the columns in contract order."""
    missing = [c for c in columns if c not in KEYS and c not in rows.column_names]
    if missing:
        where = ", ".join(f"{k} {v}" for k, v in runs[0].tags.items())
        raise RunError(f"{name} of {where} (or a run after it) lacks columns {missing}")
    which = pa.array(np.repeat(np.arange(len(runs)), counts))  # each row's run
    tags = {k: pa.array([r.tags[k] for r in runs], type=_TAG_TYPES[k]).take(which) for k in KEYS}
    order = [c for c in columns if c not in tags] + [
        c for c in rows.column_names if c not in columns
    ]
    return pa.table({**tags, **{c: rows.column(c) for c in order}})


class _Appender:
    """Writes a Parquet file batch by batch under a temporary name, renamed when complete."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = path, columns
        self.tmp = temporary_name(path)
        self.writer: pq.ParquetWriter | None = None

    def __enter__(self) -> _Appender:
        return self

    def write(self, table: pa.Table) -> None:
        if self.writer is None:
            # Dictionaries only for the text columns: on floats they cost twice the time
            # of the whole write and make the file larger.
            text = [f.name for f in table.schema if pa.types.is_string(f.type)]
            self.writer = pq.ParquetWriter(self.tmp, table.schema, use_dictionary=text)
        self.writer.write_table(table.cast(self.writer.schema))

    def __exit__(self, kind, exc, tb) -> None:
        try:
            if self.writer is None and kind is None:  # no runs at all: an empty table
                pd.DataFrame(columns=list(self.columns)).to_parquet(self.tmp, index=False)
            elif self.writer is not None:
                self.writer.close()
            if kind is None:
                os.replace(self.tmp, self.path)
        finally:  # gone once renamed; left only by a failure, here or in the block
            self.tmp.unlink(missing_ok=True)


def failures_table(runs: Sequence[Planned], stored: pd.DataFrame) -> pd.DataFrame:
    """The failed runs of a study: ``scenario, replication, seed, error``."""
    by_key = stored.set_index("key")
    rows = []
    for run in runs:
        if run.key in by_key.index and pd.notna(by_key.at[run.key, "error"]):
            error = f"{by_key.at[run.key, 'error']}: {by_key.at[run.key, 'message']}"
            rows.append({**run.tags, "error": error})
    return pd.DataFrame(rows, columns=[*KEYS, "error"])


def valid_counts(summary: pd.DataFrame) -> dict[str, int]:
    """Runs with a finite value of each outcome at its last month."""
    out = {}
    for name in OUTCOMES:
        column = f"{name}@end"
        if column in summary:
            values = pd.to_numeric(summary[column], errors="coerce")
            out[name] = int(values.replace([float("inf"), float("-inf")], float("nan")).count())
    return out
