"""Short plain-text accounts of an experiment's plan and results, for the terminal."""

from __future__ import annotations

import pandas as pd

from .definition import Experiment
from .run import SweepResult

_DESIGN_WORDS = {
    "grid": "full grid",
    "lhs": "Latin hypercube",
    "sobol": "Sobol' (Saltelli) sample",
    "morris": "Morris trajectories",
}


_INDEX_WORDS = {
    "grid": "partial rank correlations (PRCC) and standardised regression coefficients (SRC)",
    "lhs": "partial rank correlations (PRCC) and standardised regression coefficients (SRC)",
    "sobol": "Sobol' sensitivity indices",
    "morris": "Morris screening measures",
}


def describe_plan(experiment: Experiment, points: int, runs: int) -> str:
    """What will run: the design, the factors with their ranges, levers, seeds and measures.

    Args:
        experiment: the experiment.
        points: design points of the uncertain parameters.
        runs: every run (points x policies x seeds).
    """
    d = experiment.design
    seeds = experiment.seeds
    policies = ""
    if experiment.levers:
        crossed = " x ".join(lever.path for lever in experiment.levers)
        policies = f" x {len(experiment.policies)} policies ({crossed})"
    lines = [
        f"experiment {experiment.name} ({experiment.source}), base scenario "
        f"{experiment.scenario.name} ({experiment.scenario.params.strategy.kind})",
        f"design: {_DESIGN_WORDS[d.kind]}, {points} points{policies} x {len(seeds)} seeds "
        f"({seeds[0]}..{seeds[-1]}) = {runs} runs",
        "parameters:",
        *(f"  {f.path}  {f.describe()}" for f in experiment.factors),
    ]
    if experiment.levers:
        lines += ["levers (each policy runs at every point with the same seeds):"]
        lines += [f"  {lever.path}  {lever.describe()}" for lever in experiment.levers]
    lines.append("outcomes: " + ", ".join(m.name for m in experiment.measures))
    return "\n".join(lines)


def describe_result(result: SweepResult) -> str:
    """Runs, time, failures, valid runs per outcome, the indices (largest first), warnings."""
    e, t = result.experiment, result.tally
    policies = f" x {len(e.policies)} policies" if e.levers else ""
    size = f"{len(result.design)} design points{policies} x {len(e.seeds)} seeds"
    if t.stored:
        lines = [
            f"ran {t.ran} runs in {result.wall_seconds:.1f} s; {t.stored} were stored "
            f"already; {result.runs} runs in all ({size})"
        ]
    else:
        lines = [f"ran {result.runs} runs ({size}) in {result.wall_seconds:.1f} s"]
    if t.unique < t.planned:
        lines.append(f"{t.planned - t.unique} runs repeat another's parameters and seed")
    if len(result.failures):
        n = len(result.failures)
        runs = "1 run" if n == 1 else f"{n} runs"
        lines.append(f"{runs} failed; their errors are in failures.csv")
    lines.append(
        "runs with a value: "
        + ", ".join(f"{name} {n} of {result.runs}" for name, n in result.valid.items())
    )
    if e.levers and result.indices is not None and not result.indices.empty:
        lines.append(
            f"{_INDEX_WORDS[e.design.kind]} of each of the {len(e.policies)} policies, from "
            "the mean over seeds of each design point: in sensitivity.csv and the plots"
        )
    elif result.indices is not None and not result.indices.empty:
        lines.append(
            f"{_INDEX_WORDS[e.design.kind]} from the mean over seeds of each design point:"
        )
        by = ["policy", "outcome"] if "policy" in result.indices else ["outcome"]
        for key, rows in result.indices.groupby(by, sort=False):
            name = " under ".join(reversed(key)) if isinstance(key, tuple) else key
            lines.append(f"{name} (n = {int(rows['n'].iloc[0])} design points):")
            lines.extend(_index_table(rows))
    if result.variance is not None and not result.variance.empty:
        lines.extend(_variance_lines(result.variance, len(result.design)))
    lines.extend(f"warning: {note}" for note in result.notes)
    return "\n".join(lines)


def _variance_lines(table: pd.DataFrame, points: int) -> list[str]:
    """Luck against parameters: the seed's share of a run's variance, per outcome.

    ``n`` is the number of design points used (those where every seed gave a value),
    of the ``points`` in the design.
    """
    head = ["policy"] if "policy" in table else []
    rows = [
        (
            *(str(r[h]) for h in head),
            r["outcome"],
            f"{int(r['points'])} of {points}",
            _share(r["seed_share"]),
            _share(1 - r["seed_share"]),
            _share(r["means_noise_share"]),
        )
        for r in table.to_dict("records")
    ]
    titles = (*head, "outcome", "n", "luck", "parameters", "luck in point means")
    widths = [max(len(str(x)) for x in col) for col in zip(titles, *rows, strict=True)]
    return [
        "variance of a run: the share of luck (the seed) and of the parameters, from the "
        "n design points where every seed gave a value; the indices use point means, "
        "where the luck left is the last column:",
        *(
            "  " + "  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)).rstrip()
            for row in (titles, *rows)
        ),
    ]


def _share(value: float) -> str:
    return "-" if value != value else f"{value:.0%}"


def _index_table(rows: pd.DataFrame) -> list[str]:
    if "ST" in rows:
        rows = rows.sort_values("ST", ascending=False)
        head = ("parameter", "S1", "+-", "ST", "+-")
        body = [
            (r.parameter, *(f"{v:.3f}" for v in (r.S1, r.S1_conf, r.ST, r.ST_conf)))
            for r in rows.itertuples()
        ]
    elif "PRCC" in rows:
        rows = rows.assign(size=rows["PRCC"].abs()).sort_values("size", ascending=False)
        head = ("parameter", "PRCC", "p", "SRC", "R2")
        body = [
            (r.parameter, f"{r.PRCC:+.3f}", _p_text(r.PRCC_p), f"{r.SRC:+.3f}", f"{r.R2:.3f}")
            for r in rows.itertuples()
        ]
    else:
        rows = rows.sort_values("mu_star", ascending=False)
        head = ("parameter", "mu*", "+-", "mu", "sigma")
        body = [
            (r.parameter, *(f"{v:.4g}" for v in (r.mu_star, r.mu_star_conf, r.mu, r.sigma)))
            for r in rows.itertuples()
        ]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body, strict=True)]
    return [
        "  "
        + "  ".join(
            str(x).rjust(w) if i else str(x).ljust(w)
            for i, (x, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in (head, *body)
    ]


def _p_text(p: float) -> str:
    if p != p:  # NaN
        return "-"
    return "<0.001" if p < 0.001 else f"{p:.3f}"
