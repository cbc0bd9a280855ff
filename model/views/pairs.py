"""Two scenarios run for run: runs with the same seed share every chance event.

The mean paired difference has a percentile-bootstrap 95% interval
(:func:`digistrat.experiments.bootstrap_ci`, seeded from the manifest, so a report
is reproducible), and how often one did better is counted pair by pair.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..experiments import bootstrap_ci
from .data import Results
from .runs import Measure, fmt, paired, with_unit


@dataclass(frozen=True)
class Pair:
    """``first`` against ``second`` on one measure, over their paired runs."""

    first: str
    second: str
    measure: Measure
    n: int
    wins: int  # pairs in which first did better
    ties: int
    mean_diff: float  # first minus second
    low: float
    high: float

    def sentence(self, results: Results) -> str:
        """'Change capability index 0.07 higher on average (95% interval 0.06 to 0.08); ...'."""
        unit, name = self.measure.unit, self.measure.name()
        name = name[:1].upper() + name[1:]
        if self.n == 0:
            return f"{name}: the runs share no seeds, so they cannot be compared run for run."
        if self.low == self.high == 0:
            return f"{name}: the same in every one of the {self.n} paired runs."
        direction = "higher" if self.mean_diff > 0 else "lower"
        if unit == "months":
            direction = "longer" if self.mean_diff > 0 else "shorter"
        text = (
            f"{name} {with_unit(abs(self.mean_diff), unit)} {direction} on average "
            f"(95% interval of the difference {fmt(self.low, unit)} to {fmt(self.high, unit)})"
        )
        if self.measure.better:
            ties = f", the same in {self.ties}" if self.ties else ""
            text += f"; better in {self.wins} of {self.n} paired runs{ties}"
        return text + "."


def bootstrap_seed(results: Results) -> int:
    """The seed the study's comparison used, else the smallest run seed."""
    settings = results.manifest.comparison or {}
    return int(settings.get("bootstrap_seed", results.timeseries["seed"].min()))


def against(results: Results, first: str, second: str, measure: Measure) -> Pair:
    """``first`` against ``second`` on ``measure``, pairing their runs by seed."""
    runs = paired(results, measure, first, second)
    diff = (runs["a"] - runs["b"]).to_numpy(float)
    n = len(diff)
    if n == 0:
        return Pair(first, second, measure, 0, 0, 0, math.nan, math.nan, math.nan)
    low, high = bootstrap_ci(diff, bootstrap_seed(results))
    signed = -diff if measure.better == "lower" else diff
    wins, ties = int((signed > 0).sum()), int((signed == 0).sum())
    return Pair(first, second, measure, n, wins, ties, float(diff.mean()), low, high)
