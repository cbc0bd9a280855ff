"""Where the conclusion holds and where it flips: the figures of docs/ODD.md section 9.

Reads the results directory of ``experiments/discovery_small_vs_big.yaml`` (no model
runs) and prints, per funding setting and measure:

1. in what share of the sampled futures each strategy leads (from ``regret.csv``);
2. how often big bang leads small steps in the paired runs, in bins of the
   parameters that decide it (from ``outcomes.parquet`` and ``design.csv``).

With ``--replay N`` it runs again (exactly: same parameters, same seed) N of the runs in
which big bang leads small steps, inside and outside its PRIM box, and counts how its
modernisation programme ended and how busy IT was. With ``--defaults`` it also runs
the default Sundsvall baseline with 20 paired seeds, as is and with one parameter
set to the end of its range, for the contrast between one point and the space.

Usage (from the project root)::

    .venv/bin/digistrat sweep experiments/discovery_small_vs_big.yaml --jobs 2
    .venv/bin/python scripts/where_it_flips.py results/discovery_small_vs_big --defaults
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from digistrat.experiments import Processes, layout, run_replications
from digistrat.experiments.discovery import in_box
from digistrat.experiments.discovery.prim import find_box
from digistrat.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
MEASURES = ("change_capability@2026-12", "change_capability@2030-12")
BINS = {
    "organisation.it.ops_fte_per_system": [0, 0.5, 1.0, 1.6, 2.2, 3.0],
    "strategy.modernisation_cost_msek": [20, 60, 120, 200, 300],
    "behaviour.needs.turbulence": [0, 0.005, 0.015, 0.03, 0.05],
    "strategy.legacy_share_max": [0, 0.1, 0.3, 0.6, 1.0],
    "behaviour.strain.pace": [0.5, 1.0, 1.5, 1.8, 2.0],
}
ONE_AT_A_TIME = (
    (),
    ("funding.investment.enabled=false",),
    ("behaviour.needs.turbulence=0",),
    ("strategy.legacy_share_max=0",),
    ("organisation.it.ops_fte_per_system=2",),
)


def shares(folder: Path) -> None:
    """The share of futures in which each strategy leads, per measure and funding."""
    regret = pd.read_csv(folder / layout.REGRET)
    regret = regret[regret["measure"].isin(MEASURES)]
    print("share of futures in which each strategy leads (mean over 4 paired seeds):")
    for (measure, context), rows in regret.groupby(["measure", "context"], sort=False):
        best = ", ".join(f"{r.choice} {r.best_share:.1%}" for r in rows.itertuples())
        print(f"  {measure}, {context}: {best}")


def bins(folder: Path) -> None:
    """Big bang's share of paired runs won against small steps, by bins of each parameter."""
    design = pd.read_csv(folder / layout.DESIGN)
    outcomes = pd.read_parquet(folder / layout.OUTCOMES)
    policies = pd.read_csv(folder / layout.POLICIES, keep_default_na=False)
    for measure in MEASURES:
        wide = outcomes.pivot_table(
            index=["point", "replication"], columns="policy", values=measure
        )
        for context, rows in policies.groupby("context", sort=False):
            number = dict(zip(rows["choice"], rows["policy"], strict=True))
            gap = wide[number["big_bang"]] - wide[number["small_steps"]]
            runs = gap.rename("gap").reset_index().merge(design, on="point")
            runs["leads"] = runs["gap"] > 0
            print(f"{measure}, {context}: big bang leads {runs['leads'].mean():.1%} of runs")
            box = _box(folder, measure, context)
            inside = in_box(runs, box) if box is not None else pd.Series(False, index=runs.index)
            _by_bins(runs, "all runs")
            if box is not None:
                a, b = runs[inside], runs[~inside]
                print(
                    f"  in its PRIM box: {inside.mean():.0%} of runs; big bang leads "
                    f"{a['leads'].mean():.0%} of them, mean gap {a['gap'].mean():+.3f} "
                    f"(outside: {b['leads'].mean():.0%}, {b['gap'].mean():+.3f})"
                )
                _by_bins(b, "outside the box")
                _second_box(b, design)


def _second_box(runs: pd.DataFrame, design: pd.DataFrame) -> None:
    """PRIM (EMA Workbench) again on the runs outside the first box, for a second box."""
    factors = [c for c in design.columns if c != "point"]
    box = find_box(runs[factors], (runs["gap"] > 0).to_numpy(), resamples=5, seed=3)
    if box is None:
        print("  outside the box big bang never leads")
        return
    p = box.point
    limits = "; ".join(
        f"{r.parameter} {'>=' if pd.notna(r.low) else '<='} "
        f"{r.low if pd.notna(r.low) else r.high:.3g}"
        + (f" and <= {r.high:.3g}" if pd.notna(r.low) and pd.notna(r.high) else "")
        for r in box.limits.itertuples()
    )
    print(
        f"  a second PRIM box on the runs outside: coverage {p['coverage']:.0%}, density "
        f"{p['density']:.0%} (base rate {(runs['gap'] > 0).mean():.0%}); {limits}"
    )


def _by_bins(runs: pd.DataFrame, which: str) -> None:
    """Big bang's share of runs led, in bins of each parameter of :data:`BINS`."""
    print(f"  {which}:")
    for parameter, edges in BINS.items():
        cut = pd.cut(runs[parameter], edges, include_lowest=True, labels=False)
        table = runs.groupby(cut)["leads"].mean()
        text = "  ".join(f"{edges[i]:g}-{edges[i + 1]:g}: {v:.0%}" for i, v in table.items())
        print(f"    {parameter}  {text}")


def _box(folder: Path, measure: str, context: str) -> pd.DataFrame | None:
    """The limits of the PRIM box where big bang leads small steps, or None."""
    boxes = pd.read_csv(folder / layout.DISCOVERY_BOX, keep_default_na=True)
    boxes["context"] = boxes["context"].fillna("")
    mine = boxes[
        (boxes["measure"] == measure)
        & (boxes["context"] == context)
        & boxes["challenger"].str.startswith("big_bang")
        & boxes["leader"].str.startswith("small_steps")
        & boxes["in_box"]
    ]
    return mine if len(mine) else None


def replay(folder: Path, count: int) -> None:
    """Run again ``count`` of big bang's leading runs at 2026-12 (investment on) and tally."""
    from digistrat import run
    from digistrat.experiments.sweep import load_experiment, make_design

    measure, context = MEASURES[0], "funding.investment.enabled=true"
    experiment = load_experiment(ROOT / "experiments" / "discovery_small_vs_big.yaml")
    # the design drawn again, exactly (design.csv holds 10 significant digits)
    design = make_design(experiment.design, experiment.factors).set_index("point")
    outcomes = pd.read_parquet(folder / layout.OUTCOMES)
    policies = {p.name: p for p in experiment.policies}
    bb, ss = policies[f"big_bang__{context}"], policies[f"small_steps__{context}"]
    wide = outcomes.pivot_table(index=["point", "replication"], columns="policy", values=measure)
    leads = wide[wide[bb.index] > wide[ss.index]].reset_index()
    inside = in_box(design.loc[leads["point"]].reset_index(), _box(folder, measure, context))
    rows = []
    for where, chosen in (("in the box", leads[inside]), ("outside", leads[~inside])):
        for _, r in chosen.sample(min(count, len(chosen)), random_state=1).iterrows():
            point, replication = int(r["point"]), int(r["replication"])
            values = design.loc[point].to_dict()
            result = run(experiment.point_params(values, bb), experiment.seeds[replication])
            ts = result.timeseries
            value = ts.loc[ts["month"] == "2026-12", "change_capability"].item()
            assert value == r[bb.index], "the replay must give the stored number exactly"
            log = result.initiatives
            ending = log.loc[log["kind"] == "modernisation", "outcome"]
            busy = ts.loc[ts["month"].between("2018-01", "2026-12"), "it_utilisation"].mean()
            rows.append({"where": where, "programme": ending.iloc[0] if len(ending) else "none",
                         "it_utilisation": busy})  # fmt: skip
    table = pd.DataFrame(rows)
    print(f"replayed {len(table)} runs where big bang leads small steps ({measure}, {context}):")
    for where, part in table.groupby("where", sort=False):
        endings = part["programme"].value_counts(normalize=True)
        text = ", ".join(f"{k} {v:.0%}" for k, v in endings.items())
        print(f"  {where} ({len(part)} runs): programme {text}; mean IT utilisation "
              f"2018-2026 {part['it_utilisation'].mean():.2f}")  # fmt: skip


def defaults(seeds: int, jobs: int) -> None:
    """Big bang's share of paired seeds won at the defaults, and with one change each."""
    print(f"default Sundsvall baseline, {seeds} paired seeds, change_capability@2026-12:")
    for change in ONE_AT_A_TIME:
        values = {}
        for kind in ("small_steps", "big_bang"):
            sets = [*change, f"strategy.kind={kind}"]
            scenario = load_scenario(ROOT / "scenarios" / "sundsvall_2017.yaml", sets)
            tables = run_replications(
                scenario.params, range(2017, 2017 + seeds), executor=Processes(jobs)
            )
            ts = tables.timeseries
            values[kind] = ts.loc[ts["month"] == "2026-12", "change_capability"].to_numpy()
        won = (values["big_bang"] > values["small_steps"]).mean()
        print(f"  {', '.join(change) or 'as is'}: big bang wins {won:.0%} of pairs")


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the discovery sweep's results directory")
    parser.add_argument("--defaults", action="store_true", help="also run the default baseline")
    parser.add_argument("--replay", type=int, default=0, metavar="N", help="replay N leading runs")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    shares(args.folder)
    bins(args.folder)
    if args.replay:
        replay(args.folder, args.replay)
    if args.defaults:
        defaults(args.seeds, args.jobs)


if __name__ == "__main__":
    main()
