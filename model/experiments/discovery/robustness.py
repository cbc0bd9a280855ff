"""Robustness of each choice over the sampled futures: regret and satisficing.

A **future** is a design point of the uncertain parameters. In each future every
choice of the first lever is scored by the mean over its seeds (the same seeds for
every choice, so the means share their luck).

- **Regret** (Savage 1951; Lempert et al. 2006): the gap between the best choice in
  that future and this one, in the measure's unit, 0 for the best. Its mean, 90th
  percentile and maximum over the futures say how much a choice can cost against
  knowing the future. ``best_share`` is the share of futures where the choice is
  best (ties, within :data:`TIE` of the measure's scale, count for each),
  ``best_share_runs`` the same per run (per future and seed).
- **Satisficing** (Simon 1956; Starr 1963): the share of futures in which the
  choice's seed mean meets a threshold (``share``), and the share of single runs
  that do (``share_runs``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..sweep.settings import Threshold
from .pairs import POINT, sign

REGRET = (
    "futures",
    "seeds",
    "mean",
    "best_share",
    "best_share_runs",
    "mean_regret",
    "p90_regret",
    "max_regret",
)
SATISFICING = ("futures", "seeds", "share", "share_runs")
#: Relative difference below which two choices tie (rounding of means of equal runs).
TIE = 1e-9


def regret(wide: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One row per choice (a column of ``wide``): ``choice`` and the columns :data:`REGRET`.

    Args:
        wide: :func:`.pairs.by_choice`'s table: runs by choice, index ``point, replication``.
        measure: the measure (its better direction orients the regret).
    """
    if wide.empty:
        return pd.DataFrame({"choice": list(wide.columns)}).reindex(columns=["choice", *REGRET])
    s = sign(measure)
    means = wide.groupby(level=POINT).mean()
    scored = s * means
    tie = TIE * max(float(np.nanmax(np.abs(wide.to_numpy()))), 1.0)
    gaps = scored.max(axis=1).to_numpy()[:, None] - scored.to_numpy()
    gaps = np.where(gaps <= tie, 0.0, gaps)
    runs = s * wide
    best_runs = runs.max(axis=1).to_numpy()[:, None] - runs.to_numpy() <= tie
    seeds = int(wide.groupby(level=POINT).size().max()) if len(wide) else 0
    rows = []
    for j, choice in enumerate(wide.columns):
        g = gaps[:, j]
        rows.append(
            {
                "choice": choice,
                "futures": len(means),
                "seeds": seeds,
                "mean": float(means[choice].mean()),
                "best_share": float(np.mean(g <= 0)),
                "best_share_runs": float(best_runs[:, j].mean()),
                "mean_regret": float(g.mean()),
                "p90_regret": float(np.quantile(g, 0.9)),
                "max_regret": float(g.max()),
            }
        )
    return pd.DataFrame(rows, columns=["choice", *REGRET])


def satisficing(wide: pd.DataFrame, threshold: Threshold) -> pd.DataFrame:
    """One row per choice: ``choice`` and :data:`SATISFICING` for ``threshold``."""
    if wide.empty:
        empty = pd.DataFrame({"choice": list(wide.columns)})
        return empty.reindex(columns=["choice", *SATISFICING])
    means = wide.groupby(level=POINT).mean()
    seeds = int(wide.groupby(level=POINT).size().max()) if len(wide) else 0
    rows = [
        {
            "choice": choice,
            "futures": len(means),
            "seeds": seeds,
            "share": float(threshold.met(means[choice]).mean()),
            "share_runs": float(threshold.met(wide[choice]).mean()),
        }
        for choice in wide.columns
    ]
    return pd.DataFrame(rows, columns=["choice", *SATISFICING])
