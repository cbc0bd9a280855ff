"""Reading and writing a study's three tables as whole files.

The runs themselves are stored as they finish (:mod:`.shards`) and assembled into
these files at the end of a study (:mod:`.assemble`); here are the plain readers and
writers that ``digistrat report``, the views and tests use.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .files import write_csv, write_json, write_parquet
from .layout import DEPARTMENTS, INITIATIVES, TIMESERIES, ResultsError
from .runner import Tables

__all__ = [
    "ResultsError",
    "read_tables",
    "read_timeseries",
    "write_csv",
    "write_json",
    "write_tables",
]


def write_tables(folder: Path, tables: Tables) -> None:
    """Write the three tables as parquet files, each atomically."""
    write_parquet(folder / TIMESERIES, tables.timeseries)
    write_parquet(folder / INITIATIVES, tables.initiatives)
    write_parquet(folder / DEPARTMENTS, tables.departments)


def read_tables(folder: Path) -> Tables:
    """Read the three tables of a results directory.

    Raises:
        ResultsError: if the directory or one of its tables is missing or unreadable.
    """
    return Tables(*(_read(path) for path in _table_paths(folder)))


def read_timeseries(folder: Path) -> pd.DataFrame:
    """Read only the time series of a results directory that has all three tables.

    Raises:
        ResultsError: as :func:`read_tables`, for the time series.
    """
    return _read(_table_paths(folder)[0])


def _table_paths(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ResultsError(f"{folder} is not a results directory (it does not exist)")
    paths = [folder / name for name in (TIMESERIES, INITIATIVES, DEPARTMENTS)]
    for path in paths:
        if not path.is_file():
            raise ResultsError(f"{folder} is not a results directory: {path.name} is missing")
    return paths


def _read(path: Path) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several kinds for a damaged file
        raise ResultsError(f"cannot read {path}: {exc}") from None
