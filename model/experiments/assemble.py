"""A study's tables from its store, written run by run so memory stays flat.

Each run's rows are read from its shard's row group, tagged with its scenario,
replication and seed, and appended to ``timeseries.parquet``,
``initiatives.parquet`` and ``departments.parquet`` in the order of the results
(scenario as given, then replication): the same files a study written at once
would have, however the runs were stopped, resumed or spread over workers. The
summary is built batch by batch on the way.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..core.columns import OUTCOMES
from .campaign import Planned
from .layout import DEPARTMENTS, INITIATIVES, TIMESERIES
from .runner import DEPARTMENTS_COLUMNS, INITIATIVES_COLUMNS, KEYS, TIMESERIES_COLUMNS, tagged
from .shards import read_groups, run_groups
from .summary import order_summary, summary_table

#: The per-run tables of a study: name in the store, file, columns.
TABLES = (
    ("timeseries", TIMESERIES, TIMESERIES_COLUMNS),
    ("initiatives", INITIATIVES, INITIATIVES_COLUMNS),
    ("departments", DEPARTMENTS, DEPARTMENTS_COLUMNS),
)
STORE_TABLES = tuple(name for name, _, _ in TABLES)
BATCH = 64


def write_tables(folder: Path, runs: Sequence[Planned]) -> pd.DataFrame:
    """Write the three tables of the stored ``runs`` and return the summary table.

    Args:
        folder: the results directory.
        runs: the runs that succeeded, in the order of the results; their tags
            are ``scenario, replication, seed``.
    """
    summaries: list[pd.DataFrame] = []
    for name, file, columns in TABLES:
        places = run_groups(folder, name)
        present = [r for r in runs if r.key in places]
        groups = read_groups([places[r.key] for r in present])
        with _Appender(folder / file, columns) as out:
            for start in range(0, len(present), BATCH):
                batch = present[start : start + BATCH]
                frames = [_frame(next(groups), r, columns, name) for r in batch]
                frame = pd.concat(frames, ignore_index=True)
                out.write(frame)
                if name == "timeseries":
                    summaries.append(summary_table(frame))
    if not summaries:
        return pd.DataFrame(columns=list(KEYS))
    return order_summary(pd.concat(summaries, ignore_index=True))


def _frame(group: pa.Table, run: Planned, columns: tuple[str, ...], name: str) -> pd.DataFrame:
    frame = group.drop_columns(["key"]).to_pandas()
    where = ", ".join(f"{k} {v}" for k, v in run.tags.items())
    return tagged(frame, dict(run.tags), columns, where, name)


class _Appender:
    """Writes a Parquet file batch by batch under a temporary name, renamed when complete."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = path, columns
        self.tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
        self.writer: pq.ParquetWriter | None = None

    def __enter__(self) -> _Appender:
        return self

    def write(self, frame: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.tmp, table.schema)
        self.writer.write_table(table.cast(self.writer.schema))

    def __exit__(self, kind, exc, tb) -> None:
        if self.writer is None and kind is None:  # no rows at all: an empty table
            pd.DataFrame(columns=list(self.columns)).to_parquet(self.tmp, index=False)
        elif self.writer is not None:
            self.writer.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
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
