"""Writing files atomically: a temporary name in the same folder, renamed when complete.

A write that fails (a full disk, a Ctrl-C) removes its temporary file and leaves
the file it would have replaced as it was.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd


def temporary_name(path: Path, tag: str | None = None) -> Path:
    """A hidden name beside ``path``, ``.<name>.<tag>`` (by default a random tag)."""
    return path.with_name(f".{path.name}.{tag or uuid.uuid4().hex[:8]}")


@contextmanager
def replacing(path: Path, tag: str | None = None) -> Iterator[Path]:
    """Yield a temporary name beside ``path``; renamed to ``path`` if the block ends normally.

    If the block (or the rename) fails, the temporary file is removed.
    """
    tmp = temporary_name(path, tag)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """Write a CSV atomically (a temporary file renamed over the old one)."""
    with replacing(path) as tmp:
        frame.to_csv(tmp, index=False, float_format="%.10g")


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    """Write a Parquet file atomically (a temporary file renamed over the old one)."""
    with replacing(path) as tmp:
        frame.to_parquet(tmp, index=False)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write JSON atomically, indented, keys in the given order."""
    write_text(path, json.dumps(data, indent=2, default=str) + "\n")


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
