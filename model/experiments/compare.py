"""Paired comparison of scenarios under common random numbers.

Replications of the scenarios share seeds, so each seed gives a pair of runs that
differ only in the scenario. For each outcome and point (``2022-12``, ``2026-12``,
``end``) and each scenario against the first, the comparison reports the mean
paired difference with a percentile-bootstrap 95% interval, and the probability
that the first scenario does better than the other in a pair (ties count half).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..core.columns import OUTCOMES
from .summary import SUMMARY_MONTHS, point_labels, points

RESAMPLES = 2000
COLUMNS = (
    "outcome",
    "month",
    "scenario_a",
    "scenario_b",
    "mean_a",
    "mean_b",
    "mean_diff",
    "ci_low",
    "ci_high",
    "p_a_better",
    "n_pairs",
)


def paired_comparison(
    timeseries: pd.DataFrame,
    scenarios: list[str],
    seed: int,
    resamples: int = RESAMPLES,
    months: tuple[str, ...] = SUMMARY_MONTHS,
) -> pd.DataFrame:
    """Compare every scenario with the first, pairing runs by seed.

    Args:
        timeseries: tidy time series of all scenarios.
        scenarios: names; the first is scenario A of every row.
        seed: seeds the bootstrap (numpy Generator), so the table is reproducible.
        resamples: bootstrap resamples.
        months: months to compare at, besides the end month.

    Returns:
        one row per outcome, point and other scenario, columns :data:`COLUMNS`.
        ``mean_diff`` is A minus B. ``p_a_better`` is empty for outcomes where neither
        direction is better.

    Raises:
        ValueError: if fewer than two scenarios are given, or one has no runs.
    """
    return compare_points(points(timeseries, months), scenarios, seed, resamples, months)


def compare_points(
    long: pd.DataFrame,
    scenarios: list[str],
    seed: int,
    resamples: int = RESAMPLES,
    months: tuple[str, ...] = SUMMARY_MONTHS,
) -> pd.DataFrame:
    """:func:`paired_comparison` of the long table of :func:`.summary.points`.

    Each row uses the pairs of seeds where both scenarios have a value; ``n_pairs``
    says how many that is.
    """
    if len(scenarios) < 2:
        raise ValueError(f"a comparison needs at least two scenarios, got {scenarios}")
    present = set(long["scenario"])
    missing = [s for s in scenarios if s not in present]
    if missing:
        raise ValueError(f"no runs of scenario(s) {missing}; present: {sorted(present)}")
    table = long.pivot_table(
        index=["outcome", "point", "seed"], columns="scenario", values="value", dropna=False
    )
    available = set(table.index.droplevel("seed"))
    rows = []
    reference = scenarios[0]
    for other in scenarios[1:]:
        for outcome in OUTCOMES:
            for point in point_labels(months):
                if (outcome, point) not in available:
                    continue
                pairs = table.loc[(outcome, point), [reference, other]].dropna()
                if pairs.empty:
                    continue
                a, b = pairs[reference].to_numpy(float), pairs[other].to_numpy(float)
                rows.append(_row(outcome, point, reference, other, a, b, seed, resamples))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _row(outcome, point, name_a, name_b, a, b, seed, resamples) -> dict:
    diff = a - b
    low, high = bootstrap_ci(diff, seed, resamples)
    return {
        "outcome": outcome,
        "month": point,
        "scenario_a": name_a,
        "scenario_b": name_b,
        "mean_a": float(a.mean()),
        "mean_b": float(b.mean()),
        "mean_diff": float(diff.mean()),
        "ci_low": low,
        "ci_high": high,
        "p_a_better": p_better(diff, OUTCOMES[outcome].better),
        "n_pairs": len(diff),
    }


def bootstrap_ci(
    values: np.ndarray, seed: int, resamples: int = RESAMPLES, level: float = 0.95
) -> tuple[float, float]:
    """Percentile-bootstrap interval of the mean of ``values``.

    Raises:
        ValueError: if ``values`` is empty or ``level`` is not in (0, 1).
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        raise ValueError("bootstrap_ci needs at least one value")
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level}")
    rng = np.random.default_rng(seed)
    index = rng.integers(0, values.size, size=(resamples, values.size))
    means = values[index].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def p_better(diff: np.ndarray, better: str) -> float:
    """Share of pairs where A (``diff = A - B``) is better; ties count half.

    Returns NaN when ``better`` is "" (neither direction is better).

    Raises:
        ValueError: if ``better`` is not "higher", "lower" or "".
    """
    if better == "":
        return math.nan
    if better not in ("higher", "lower"):
        raise ValueError(f"better must be 'higher', 'lower' or '', got {better!r}")
    signed = diff if better == "higher" else -diff
    return float(((signed > 0) + 0.5 * (signed == 0)).mean())
