"""Results on disk: one directory per study, written whole or not at all.

A results directory holds ``timeseries.parquet``, ``initiatives.parquet``,
``departments.parquet``, ``summary.csv``, ``manifest.json``, ``comparison.csv``
(when it holds more than one scenario) and ``plots/``. A run writes into a
temporary directory next to the target and renames it into place at the end, so
an interrupted or failed run never leaves half a directory, nor loses results
that were there before.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .runner import Tables

TIMESERIES = "timeseries.parquet"
INITIATIVES = "initiatives.parquet"
DEPARTMENTS = "departments.parquet"
SUMMARY = "summary.csv"
COMPARISON = "comparison.csv"
MANIFEST = "manifest.json"
PLOTS = "plots"


class ResultsError(RuntimeError):
    """A results directory cannot be written or read; the message says why and what to do."""


def check_target(out: Path, force: bool) -> None:
    """Refuse a target that is a file, or a non-empty directory unless ``force``.

    Raises:
        ResultsError: naming the directory and the way out.
    """
    if out.exists() and not out.is_dir():
        raise ResultsError(f"{out} exists and is not a directory; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ResultsError(
            f"{out} already holds results; nothing was run. "
            "Use --force to replace them, or --out to write elsewhere."
        )


@contextlib.contextmanager
def staging(out: Path, force: bool = False) -> Iterator[Path]:
    """Yield an empty temporary directory that replaces ``out`` when the block succeeds.

    On an exception (or Ctrl-C) the temporary directory is removed and ``out`` is
    left exactly as it was.

    Raises:
        ResultsError: if ``out`` may not be written (see :func:`check_target`).
    """
    check_target(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _swap(tmp, out, force)


def _swap(tmp: Path, out: Path, force: bool) -> None:
    if not out.exists():
        tmp.rename(out)
        return
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ResultsError(f"{out} was filled while this run went on; its results are in {tmp}")
    old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}")
    out.rename(old)
    try:
        tmp.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_tables(folder: Path, tables: Tables) -> None:
    """Write the three tables as parquet files."""
    tables.timeseries.to_parquet(folder / TIMESERIES, index=False)
    tables.initiatives.to_parquet(folder / INITIATIVES, index=False)
    tables.departments.to_parquet(folder / DEPARTMENTS, index=False)


def read_tables(folder: Path) -> Tables:
    """Read the three tables of a results directory.

    Raises:
        ResultsError: if the directory or one of its tables is missing or unreadable.
    """
    if not folder.is_dir():
        raise ResultsError(f"{folder} is not a results directory (it does not exist)")
    frames = []
    for name in (TIMESERIES, INITIATIVES, DEPARTMENTS):
        path = folder / name
        if not path.is_file():
            raise ResultsError(f"{folder} is not a results directory: {name} is missing")
        try:
            frames.append(pd.read_parquet(path))
        except Exception as exc:  # pyarrow raises several kinds for a damaged file
            raise ResultsError(f"cannot read {path}: {exc}") from None
    return Tables(*frames)


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """Write a CSV atomically (a temporary file renamed over the old one)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    frame.to_csv(tmp, index=False, float_format="%.10g")
    os.replace(tmp, path)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write JSON atomically, indented, keys in the given order."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    tmp.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> dict[str, Any]:
    """Read a JSON file, or return {} if it is missing.

    Raises:
        ResultsError: if it exists but is not valid JSON.
    """
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResultsError(f"cannot read {path}: {exc}") from None
