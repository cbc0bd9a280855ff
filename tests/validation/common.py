"""Paired runs and the statistics every validation test reports."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from digistrat import Parameters, replace_path, run
from digistrat.experiments.compare import bootstrap_ci

N_PAIRS = 30
SEEDS = tuple(range(1000, 1000 + N_PAIRS))


def scenario(kind: str, **overrides) -> Parameters:
    """Default parameters with a strategy and dotted overrides (``__`` for dots)."""
    p = replace_path(Parameters(), "strategy.kind", kind)
    for key, value in overrides.items():
        p = replace_path(p, key.replace("__", "."), value)
    return p


@cache
def _runs(p: Parameters) -> tuple:
    return tuple(run(p, seed) for seed in SEEDS)


def runs(p: Parameters) -> tuple:
    """One result per seed in SEEDS (cached: several tests share scenarios)."""
    return _runs(p)


def at(p: Parameters, column: str, month: str) -> np.ndarray:
    """A column's value at ``month`` in each paired run."""
    return np.array([r.timeseries.set_index("month").at[month, column] for r in runs(p)])


def series(p: Parameters, column: str) -> pd.DataFrame:
    """A column over time: one row per month, one column per seed."""
    return pd.DataFrame(
        {s: r.timeseries.set_index("month")[column] for s, r in zip(SEEDS, runs(p), strict=True)}
    )


@dataclass
class Paired:
    """A paired comparison: share of pairs where A > B, and the mean difference's CI."""

    share: float
    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return (
            f"A > B in {self.share:.0%} of {N_PAIRS} pairs; mean difference {self.mean:+.3f} "
            f"(bootstrap 95% CI {self.low:+.3f} to {self.high:+.3f})"
        )


def paired(a: np.ndarray, b: np.ndarray) -> Paired:
    """Compare paired samples ``a`` and ``b``."""
    diff = np.asarray(a) - np.asarray(b)
    low, high = bootstrap_ci(diff, seed=0)
    return Paired(float((diff > 0).mean()), float(diff.mean()), low, high)
