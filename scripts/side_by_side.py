"""The cost of running old and new side by side: the table of docs/ODD.md 7.5.

Reads the results directory of ``experiments/side_by_side.yaml`` (no model runs)
and prints, for each funding setting and side-by-side cost, how far small steps and
the adaptive strategy lead big bang in change capability (mean of the paired
differences, and in how many of the paired seeds the strategy leads), and each
strategy's operations and maintenance share of IT's budget over 2028-2030.

Usage (from the project root)::

    .venv/bin/digistrat sweep experiments/side_by_side.yaml --jobs 2
    .venv/bin/python scripts/side_by_side.py results/side_by_side
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from digistrat.experiments import layout

COST = "behaviour.legacy.side_by_side"
STRATEGY = "strategy.kind"
FUNDING = "funding.investment.enabled"
MEASURES = ("change_capability@2026-12", "change_capability@2030-12")
UPKEEP = "maintenance_share@2028-01..2030-12"
LEADERS = ("small_steps", "adaptive")
NAMES = {"small_steps": "small steps", "adaptive": "adaptive", "big_bang": "big bang"}


def runs(folder: Path) -> pd.DataFrame:
    """Every run's measures with its design point's parameters."""
    design = pd.read_csv(folder / layout.DESIGN)
    outcomes = pd.read_parquet(folder / layout.OUTCOMES)
    return outcomes.merge(design, on="point")


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per funding setting and cost: leads over big bang, paired by seed."""
    rows = []
    for (funded, cost), group in frame.groupby([FUNDING, COST], sort=False):
        by = {kind: g.set_index("seed") for kind, g in group.groupby(STRATEGY)}
        row = {"investment": "on" if funded else "off", "side_by_side": cost}
        for measure in MEASURES:
            for kind in LEADERS:
                gap = (by[kind][measure] - by["big_bang"][measure]).dropna()
                row[f"{kind} {measure}"] = f"{gap.mean():+.3f} ({(gap > 0).sum()}/{len(gap)})"
        for kind in ("small_steps", "big_bang", "adaptive"):
            row[f"O&M {kind}"] = f"{by[kind][UPKEEP].mean():.2f}"
        rows.append(row)
    return pd.DataFrame(rows).sort_values(["investment", "side_by_side"], ascending=[False, True])


def markdown(result: pd.DataFrame) -> str:
    """The table as docs/ODD.md shows it."""
    head = ["investment", "side-by-side cost"]
    for measure in MEASURES:
        month = measure.split("@")[1]
        head += [f"{NAMES[kind]} − big bang {month}" for kind in LEADERS]
    head += [f"O&M share 2028-2030: {NAMES[k]}" for k in ("small_steps", "big_bang", "adaptive")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in result.itertuples(index=False):
        cells = [row[0], f"{row[1]:g}", *row[2:]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main() -> None:
    """Print the table of the results directory named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="results directory of side_by_side.yaml")
    args = parser.parse_args()
    frame = runs(args.results)
    missing = {COST, STRATEGY, FUNDING} - set(frame.columns)
    if missing:
        parser.exit(2, f"{args.results}: not a side_by_side sweep (no {', '.join(missing)})\n")
    print(markdown(table(frame)))


if __name__ == "__main__":
    main()
