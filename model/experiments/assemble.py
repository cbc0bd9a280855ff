"""A study's tables from its store, written batch by batch so memory stays flat.

Each run's rows are read from its shard (:class:`.shards.ShardTables`), tagged
with its scenario, replication and seed, and appended to ``timeseries.parquet``,
``initiatives.parquet`` and ``departments.parquet`` in the order of the results
(scenario as given, then replication): the same files a study written at once
would have, however the runs were stopped, resumed or spread over workers. The
summary comes from the numbers each run recorded in the store's index.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..core.columns import OUTCOMES
from .campaign import Planned, stored_runs
from .layout import DEPARTMENTS, INITIATIVES, TIMESERIES
from .runner import DEPARTMENTS_COLUMNS, INITIATIVES_COLUMNS, KEYS, TIMESERIES_COLUMNS, RunError
from .shards import ShardTables, run_places
from .summary import order_summary, summary_names

#: The per-run tables of a study: name in the store, file, columns, and the column a
#: run's rows are sorted by (stably, as :func:`.runner.run_tasks` sorts them).
TABLES = (
    ("timeseries", TIMESERIES, TIMESERIES_COLUMNS, "month"),
    ("initiatives", INITIATIVES, INITIATIVES_COLUMNS, "initiative"),
    ("departments", DEPARTMENTS, DEPARTMENTS_COLUMNS, "month"),
)
STORE_TABLES = tuple(table[0] for table in TABLES)
BATCH = 64
_TAG_TYPES = {"scenario": pa.string(), "replication": pa.int64(), "seed": pa.int64()}


def write_tables(folder: Path, runs: Sequence[Planned]) -> None:
    """Write the three tables of the stored ``runs``, in the order given.

    Args:
        folder: the results directory.
        runs: the runs that succeeded, in the order of the results; their tags
            are ``scenario, replication, seed``.

    Raises:
        RunError: if a run's table lacks a column of the column contract.
    """
    for name, file, columns, by in TABLES:
        places = run_places(folder, name)
        reader = ShardTables(folder, name)
        with _Appender(folder / file, columns) as out:
            for start in range(0, len(runs), BATCH):
                batch = runs[start : start + BATCH]
                parts = [_tagged(reader.rows(places[r.key]), r, columns, name, by) for r in batch]
                out.write(pa.concat_tables(parts))


def _tagged(rows: pa.Table, run: Planned, columns: tuple[str, ...], name: str, by: str) -> pa.Table:
    """One run's rows, sorted by ``by``, its tags in front and the columns in contract order."""
    missing = [c for c in columns if c not in run.tags and c not in rows.column_names]
    if missing:
        where = ", ".join(f"{k} {v}" for k, v in run.tags.items())
        raise RunError(f"{name} of {where} lacks columns {missing}")
    rows = rows.take(pc.sort_indices(rows, sort_keys=[(by, "ascending")]))
    n = rows.num_rows
    tags = {k: pa.array([run.tags[k]] * n, type=_TAG_TYPES[k]) for k in KEYS}
    order = [c for c in columns if c not in tags] + [
        c for c in rows.column_names if c not in columns
    ]
    return pa.table({**tags, **{c: rows.column(c) for c in order}})


class _Appender:
    """Writes a Parquet file batch by batch under a temporary name, renamed when complete."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = path, columns
        self.tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
        self.writer: pq.ParquetWriter | None = None

    def __enter__(self) -> _Appender:
        return self

    def write(self, table: pa.Table) -> None:
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.tmp, table.schema)
        self.writer.write_table(table.cast(self.writer.schema))

    def __exit__(self, kind, exc, tb) -> None:
        if self.writer is None and kind is None:  # no runs at all: an empty table
            pd.DataFrame(columns=list(self.columns)).to_parquet(self.tmp, index=False)
        elif self.writer is not None:
            self.writer.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def summary_from_store(folder: Path, runs: Sequence[Planned], points: set[str]) -> pd.DataFrame:
    """The summary of the successful ``runs`` (in order) from the numbers they recorded.

    Args:
        folder: the results directory.
        runs: the runs that succeeded, in the order of the results.
        points: the points some run reaches (``YYYY-MM`` or ``end``); others get no column.
    """
    names = [n for n in summary_names() if n.rsplit("@", 1)[1] in points]
    stored = stored_runs(folder, [r.key for r in runs], ["key", *names]).set_index("key")
    tags = pd.DataFrame([dict(r.tags) for r in runs], columns=list(KEYS))
    values = stored.reindex([r.key for r in runs]).reset_index(drop=True)
    table = pd.concat([tags.astype({"replication": "int64", "seed": "int64"}), values], axis=1)
    return order_summary(table)


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
