"""The model against the literature: each figure measured from the model's own output.

Prints the table of docs/ODD.md section 5.2 ("model against the literature") as
Markdown. Every number comes from runs of the default model (or from the model's own
overrun function, sampled on an even grid), so anyone can check it.

Usage (from the project root)::

    .venv/bin/python scripts/literature.py              # 40 seeds
    .venv/bin/python scripts/literature.py --seeds 10   # quicker, rougher
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd
from digistrat import Parameters, build_model, replace_path, run


def overrun_shape(p: Parameters, size: float) -> np.ndarray:
    """The model's overrun function for a project of relative size ``size``, on an even grid."""
    model = build_model(p, 0)
    u = (np.arange(200_000) + 0.5) / 200_000
    return model.portfolio.overrun(u, np.full_like(u, size))


def realised(p: Parameters, seeds: range) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Initiative logs and time series of ``seeds`` runs, tagged by seed."""
    logs, series = [], []
    for seed in seeds:
        r = run(p, seed)
        logs.append(r.initiatives.assign(seed=seed))
        series.append(r.timeseries.assign(seed=seed))
    return pd.concat(logs, ignore_index=True), pd.concat(series, ignore_index=True)


def months(frame: pd.DataFrame) -> pd.Series:
    """Months from start to end of each ended initiative."""
    start = frame.start.str[:4].astype(int) * 12 + frame.start.str[5:7].astype(int)
    end = frame.end.str[:4].astype(int) * 12 + frame.end.str[5:7].astype(int)
    return end - start


def success(frame: pd.DataFrame, on_time: bool = False) -> float:
    """Share completed within 10% of its planned cost (and, if ``on_time``, duration).

    CHAOS counts a project successful when on budget, on time and in scope. The plan
    knows the legacy's drag; a schedule slips through overruns, strain, blocks and
    missing staff or money.
    """
    ended = frame[frame.outcome != "running"]
    if ended.empty:
        return float("nan")
    ok = (ended.outcome == "completed") & (ended.overrun <= 0.10)
    if on_time:
        ok &= months(ended) <= 1.1 * np.ceil(ended.planned_months)
    return float(ok.mean())


def lost(frame: pd.DataFrame) -> float:
    """Share of ended initiatives that failed or were blocked."""
    ended = frame[frame.outcome != "running"]
    return float((ended.outcome != "completed").mean())


def depreciation_in_full(p: Parameters, seeds: range) -> float:
    """Depreciation charged, per what straight-line charging of the spending requires.

    Investment money spent in month m is charged over the ``12 * useful_life_years``
    months that follow: by the last month M it should have been charged
    ``min(1, (M - m) / life)`` of it. 1.000 means every charge was made in full.
    """
    life = round(p.funding.investment.useful_life_years * 12)
    charged = due = 0.0
    for seed in seeds:
        ts = run(p, seed).timeseries
        spend = ts.spend_investment_msek.to_numpy()
        last = len(spend) - 1
        elapsed = last - np.arange(len(spend))
        due += float((spend * np.minimum(1.0, elapsed / life)).sum())
        charged += float(ts.depreciation_msek.sum())
    return charged / due if due > 0 else float("nan")


def table(seeds: int) -> str:
    """The Markdown table of figures and model values."""
    p = Parameters()
    bb = replace_path(p, "strategy.kind", "big_bang")
    large = overrun_shape(p, 1.0)
    median_size = 1 - np.exp(-6.0 / p.behaviour.initiatives.size_scale_fte_months)
    small_shape = overrun_shape(p, float(median_size))
    logs, ts = realised(p, range(seeds))
    bb_logs, _ = realised(bb, range(seeds))
    programmes = bb_logs[bb_logs.kind == "modernisation"]
    capability = logs[logs.kind == "capability"]
    fixes = logs[logs.kind == "legacy_fix"]
    fifth = capability.effort_fte_months.quantile([0.2, 0.8]).to_numpy()
    small = capability[capability.effort_fte_months <= fifth[0]]
    largest = capability[capability.effort_fte_months >= fifth[1]]
    year = ts.month.str[:4].astype(int)
    early = ts[year.between(2017, 2019)]
    late = ts[year.between(2028, 2030)]
    ratio = depreciation_in_full(p, range(max(2, seeds // 10)))
    rows = [
        (
            "Mean cost overrun of a large IT project",
            "Flyvbjerg & Budzier 2011: 27%",
            f"{large.mean():+.0%} (overrun function at size 1); "
            f"{programmes.overrun.mean():+.0%} realised by {len(programmes)} big-bang programmes",
        ),
        (
            "Black swans: share over +100%, and their mean overrun",
            "Flyvbjerg & Budzier 2011: about 1 in 6, about +200%",
            f"{(large >= 1).mean():.0%}, {large[large >= 1].mean():+.0%} (size 1); "
            f"programmes: {(programmes.overrun >= 1).mean():.0%}",
        ),
        (
            "Projects missing their cost estimate by more than 10%",
            "Budzier & Flyvbjerg: 8 in 10",
            f"{(np.abs(large) > 0.1).mean():.0%} (size 1)",
        ),
        (
            "Cost overrun of a small initiative (median effort)",
            "(small projects rarely in the tail)",
            f"{small_shape.mean():+.0%} on average, {(small_shape >= 1).mean():.1%} over +100%",
        ),
        (
            "Success by size: completed within 10% of planned cost",
            "Standish CHAOS 2015: small about 62%, large about 6% (weak: a direction and a "
            "rough ratio)",
            f"smallest fifth of capability initiatives {success(small):.0%}, largest fifth "
            f"{success(largest):.0%}, legacy fixes {success(fixes):.0%}, big-bang programmes "
            f"{success(programmes):.0%}; smallest fifth / programmes = "
            f"{success(small) / max(success(programmes), 1e-9):.1f}",
        ),
        (
            "... and also within 10% of planned time",
            "(CHAOS's success is on budget and on time)",
            f"{success(small, True):.0%}, {success(largest, True):.0%}, "
            f"{success(fixes, True):.0%}, {success(programmes, True):.0%}",
        ),
        (
            "Failed or blocked, by size",
            "failure rises with size (CHAOS 2015)",
            f"smallest fifth {lost(small):.0%}, largest fifth {lost(largest):.0%}, "
            f"programmes {lost(programmes):.0%}",
        ),
        (
            "Operations and maintenance share of IT spending",
            "GAO-16-468: about 75%; Radar 2013: only about 12% to development in Swedish "
            "municipalities (about 88% O&M)",
            f"{early.maintenance_share.mean():.0%} in 2017-2019, "
            f"{late.maintenance_share.mean():.0%} in 2028-2030 (small steps)",
        ),
        (
            "Developers' time lost to technical debt",
            "Besker, Martini & Bosch 2019: about 23%",
            f"{ts[year.between(2018, 2022)].debt_time_share.mean():.0%} in 2018-2022, "
            f"{late.debt_time_share.mean():.0%} in 2028-2030",
        ),
        (
            "Capitalisation: only asset-building work, depreciation charged in full",
            "RKR R3 / LKBR (2018:597)",
            f"depreciation charged per charge due from the spending: {ratio:.3f} (1 = in "
            f"full, none dropped); by 2030-12 {late.depreciation_services_msek.mean() * 12:.1f} "
            "MSEK a year falls on departments' service budgets beyond their digital money, "
            f"{late.depreciation_it_msek.mean() * 12:.1f} on IT's; unit payroll from "
            "investment only for asset-building time (tested)",
        ),
    ]
    lines = [
        "| Figure | Literature | Model (default parameters) |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40, help="runs per scenario (default 40)")
    args = parser.parse_args(argv)
    print(table(args.seeds))
    command = f"`.venv/bin/python scripts/literature.py --seeds {args.seeds}`"
    print(f"\n(seeds 0-{args.seeds - 1}; {command})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
