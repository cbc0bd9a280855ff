"""Small helpers shared by the model tests."""

from __future__ import annotations

import numpy as np
from digistrat import Parameters, replace_path, run


def params(kind: str = "small_steps", **overrides) -> Parameters:
    """Default parameters with a strategy and dotted-path overrides (use __ for dots)."""
    p = replace_path(Parameters(), "strategy.kind", kind)
    for key, value in overrides.items():
        p = replace_path(p, key.replace("__", "."), value)
    return p


def final(p: Parameters, column: str, seeds=range(5), month: str | None = None) -> np.ndarray:
    """Value of a timeseries column at ``month`` (default: the end) for each seed."""
    out = []
    for seed in seeds:
        ts = run(p, seed).timeseries
        row = ts.iloc[-1] if month is None else ts.loc[ts.month == month].iloc[0]
        out.append(row[column])
    return np.array(out)
