"""Small hand-made tables with known answers (no model run needed)."""

import numpy as np
import pandas as pd
from digistrat.core.columns import OUTCOMES


def timeseries(values: dict[str, list[float]], months=("2022-11", "2022-12", "2023-01")):
    """One run per value: outcome ``change_capability`` = value + month index; others 0."""
    rows = []
    for scenario, per_seed in values.items():
        for r, value in enumerate(per_seed):
            for step, month in enumerate(months):
                row = {"scenario": scenario, "replication": r, "seed": 100 + r}
                row |= {"month": month, "step": step}
                row |= {name: 0.0 for name in OUTCOMES}
                row["change_capability"] = value + step
                row["change_lead_time_months"] = 10.0 - value
                rows.append(row)
    return pd.DataFrame(rows)


def random_timeseries(scenarios=("a", "b"), replications=5, seed=0):
    rng = np.random.default_rng(seed)
    return timeseries({s: list(rng.random(replications)) for s in scenarios})
