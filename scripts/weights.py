"""How much the comparison of strategies depends on the weights of the change-capability index.

The index is a weighted mean of five parts, each an output column. This draws many
weight vectors (uniformly over all weightings, a flat Dirichlet) and recomputes each
strategy's index at 2026-12 from the parts of paired runs, then says in what share of
weightings each strategy comes first, and how often each pair keeps the order the
default weights give. No model run is repeated per weighting.

Usage (from the project root)::

    .venv/bin/python scripts/weights.py                 # 20 seeds, 2,000 weightings
    .venv/bin/python scripts/weights.py --investment    # with investment funding on
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from digistrat import Parameters, replace_path, run
from digistrat.core.columns import INDEX_PARTS

STRATEGIES = ("small_steps", "big_bang", "adaptive", "hybrid", "capability_only", "order_from_it")


def parts(kind: str, seeds: range, investment: bool, month: str) -> np.ndarray:
    """The five index parts at ``month``, one row per seed."""
    p = replace_path(Parameters(), "strategy.kind", kind)
    p = replace_path(p, "funding.investment.enabled", investment)
    rows = []
    for seed in seeds:
        ts = run(p, seed).timeseries.set_index("month")
        rows.append([ts.at[month, column] for column in INDEX_PARTS])
    return np.array(rows)


def main(argv: list[str] | None = None) -> int:
    """Print the shares."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--weightings", type=int, default=2000)
    parser.add_argument("--investment", action="store_true", help="investment funding on")
    parser.add_argument("--month", default="2026-12")
    args = parser.parse_args(argv)
    seeds = range(args.seeds)
    data = {k: parts(k, seeds, args.investment, args.month) for k in STRATEGIES}
    o = Parameters().behaviour.outcome
    default = np.array([getattr(o, w) for w in INDEX_PARTS.values()])
    weights = np.random.default_rng(1).dirichlet(np.ones(len(INDEX_PARTS)), args.weightings)
    means = {k: (v.mean(axis=0) @ weights.T) for k, v in data.items()}  # one per weighting
    at_default = {k: float(v.mean(axis=0) @ default / default.sum()) for k, v in data.items()}
    ranked = sorted(at_default, key=at_default.get, reverse=True)
    first = np.argmax(np.array([means[k] for k in STRATEGIES]), axis=0)
    funding = "programme and investment" if args.investment else "programme money only"
    print(f"index at {args.month}, {funding}, {args.seeds} seeds, {args.weightings} weightings")
    print("default weights: " + ", ".join(f"{k} {at_default[k]:.3f}" for k in ranked))
    for i, k in enumerate(STRATEGIES):
        print(f"  {k:16s} first under {np.mean(first == i):6.1%} of weightings")
    pairs = list(zip(ranked, ranked[1:], strict=False))
    core = tuple(sorted(("small_steps", "big_bang"), key=ranked.index))
    if core not in pairs:
        pairs.append(core)
    for a, b in pairs:
        kept = np.mean(means[a] > means[b])
        print(f"  {a} above {b} (as with the default weights) under {kept:.1%} of weightings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
