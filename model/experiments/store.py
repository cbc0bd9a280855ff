"""Results on disk: one directory per study, written whole or not at all.

A results directory holds the files that :mod:`.layout` names. A run writes into a
temporary directory next to the target and renames it into place at the end, so
an interrupted or failed run never leaves half a directory, nor loses results
that were there before.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .files import write_csv, write_json
from .layout import DEPARTMENTS, INITIATIVES, TIMESERIES, ResultsError
from .runner import Tables

__all__ = ["ResultsError", "check_target", "read_tables", "staging", "write_csv", "write_json"]


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
