"""Writing files atomically: a temporary name in the same folder, renamed when complete."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pandas as pd


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """Write a CSV atomically (a temporary file renamed over the old one)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    frame.to_csv(tmp, index=False, float_format="%.10g")
    os.replace(tmp, path)


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    """Write a Parquet file atomically (a temporary file renamed over the old one)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write JSON atomically, indented, keys in the given order."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    tmp.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
