"""Wall time of scenario discovery on tables the size of the shipped discovery experiment.

Synthetic runs (no model): 2,000 futures x 4 seeds of two choices over fifteen
uncertain parameters, the challenger leading in a box of two of them plus 5% noise.
Times, for one pair: PRIM alone (EMA Workbench), PRIM with 10 half-sample reruns, the
two feature-score forests, and the whole ``discover`` (pairs, PRIM, reruns, scores,
regret, satisficing). The shipped experiment does 12 such comparisons.

Run:  .venv/bin/python benchmarks/bench_discovery.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd
from digistrat.experiments.discovery import discover
from digistrat.experiments.discovery.prim import find_box
from digistrat.experiments.discovery.scores import feature_scores
from digistrat.experiments.sweep.settings import DiscoverySettings, parse_threshold

POINTS, SEEDS, FACTORS = 2000, 4, 15
MEASURE = "change_capability@2026-12"


def tables(seed: int = 0):
    """Design, outcomes and policies of two choices; ``b`` leads where x0 > 0.6 and x1 < 0.4."""
    rng = np.random.default_rng(seed)
    names = [f"x{i}" for i in range(FACTORS)]
    design = pd.DataFrame(rng.uniform(0, 1, (POINTS, FACTORS)), columns=names)
    design.insert(0, "point", np.arange(POINTS))
    good = ((design.x0 > 0.6) & (design.x1 < 0.4)).to_numpy()
    rows = []
    for p in range(POINTS):
        for r in range(SEEDS):
            a = 0.4 + 0.05 * rng.normal()
            flip = good[p] != (rng.random() < 0.05)
            rows.append((p, 0, r, r, a))
            rows.append((p, 1, r, r, a + (0.05 if flip else -0.05)))
    outcomes = pd.DataFrame(rows, columns=["point", "policy", "replication", "seed", MEASURE])
    policies = pd.DataFrame({"policy": [0, 1], "name": ["a", "b"], "choice": ["a", "b"]})
    return design, outcomes, policies.assign(context=""), names


def timed(call, repeats: int) -> float:
    """Median wall time of ``call`` over ``repeats``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    design, outcomes, policies, names = tables()
    find_box(design[names].head(100), np.ones(100, dtype=bool))  # import EMA Workbench once
    x = design.loc[np.repeat(design.index, SEEDS), names].reset_index(drop=True)
    wide = outcomes.pivot_table(index=["point", "replication"], columns="policy", values=MEASURE)
    gap = (wide[1] - wide[0]).to_numpy()
    lead = gap > 0
    settings = DiscoverySettings(
        pairs=(("a", "b"),),
        measures=(MEASURE,),
        thresholds=(parse_threshold(f"{MEASURE} >= 0.4"),),
        resamples=10,
    )
    print(f"{POINTS} futures x {SEEDS} seeds = {len(x)} paired runs, {FACTORS} parameters")
    print(f"  PRIM:                   {timed(lambda: find_box(x, lead), args.repeats):6.2f} s")
    print(
        "  PRIM + 10 reruns:       "
        f"{timed(lambda: find_box(x, lead, resamples=10), args.repeats):6.2f} s"
    )
    print(f"  feature scores:         {timed(lambda: feature_scores(x, lead, gap, 1), 1):6.2f} s")
    whole = timed(lambda: discover(design, outcomes, policies, names, settings), 1)
    print(f"  discover (one pair):    {whole:6.2f} s")


if __name__ == "__main__":
    main()
