"""Feature scores: which uncertain parameters decide who leads (EMA Workbench, extra trees).

EMA Workbench's ``get_ex_feature_scores`` fits an extra-trees ensemble (Geurts et al.
2006; Jaxa-Rozen & Kwakkel 2018) and returns each parameter's share of the
impurity the trees remove, so the scores of one fit add up to 1. Two fits per
pair: a classifier of whether the challenger leads in a run (``lead``), and a
regression of the paired gap (``gap``). The forest is seeded, so the scores are
the same on every run of the analysis.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .prim import prepare, quiet

TREES = 100


def feature_scores(x: pd.DataFrame, lead: np.ndarray, gap: np.ndarray, seed: int) -> pd.DataFrame:
    """One row per parameter: ``parameter``, ``lead`` and ``gap`` scores, largest ``lead`` first.

    Args:
        x: one row per run, one column per uncertain parameter.
        lead: whether the challenger leads in each run.
        gap: the paired gap of each run (challenger minus leader, better positive).
        seed: seeds the forests.
    """
    x = prepare(x)
    with quiet():
        from ema_workbench.analysis import RuleInductionType, feature_scoring

        out = pd.DataFrame({"parameter": list(x.columns)})
        fits = {
            "lead": (np.asarray(lead, dtype=int), RuleInductionType.CLASSIFICATION),
            "gap": (np.asarray(gap, dtype=float), RuleInductionType.REGRESSION),
        }
        for name, (y, mode) in fits.items():
            if np.ptp(y) == 0:  # nothing to explain
                out[name] = np.nan
                continue
            scores, _ = feature_scoring.get_ex_feature_scores(
                x, y, mode=mode, nr_trees=TREES, random_state=seed
            )
            out[name] = out["parameter"].map(scores.iloc[:, 0])
    return out.sort_values(["lead", "gap"], ascending=False, kind="stable").reset_index(drop=True)
