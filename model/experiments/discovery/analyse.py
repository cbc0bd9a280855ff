"""Scenario discovery and robustness of a lever experiment, from its tables.

For every measure asked, every context (combination of the other levers' values)
and every pair of choices:

1. the paired gap per design point and seed (:mod:`.pairs`), the leader being the
   choice that does better in more runs;
2. the PRIM box of the uncertain parameters where the challenger leads, over the
   runs (:mod:`.prim`), with its peeling trajectory and its stability over
   half-sample reruns;
3. feature scores of the lead and of the gap (:mod:`.scores`);
4. the same comparison over futures (seed means) for the report
   (``robustness.csv``, ``robustness_box.csv``, columns in docs/plots.md).

And for every measure and context, regret and satisficing of each choice
(:mod:`.robustness`). Nothing here runs the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..sweep.factors import metadata
from ..sweep.questions import directed
from ..sweep.settings import DiscoverySettings
from .pairs import POINT, Pair, by_choice, pair
from .prim import Box, find_box
from .robustness import regret, satisficing
from .scores import feature_scores

KEY = ("measure", "context", "leader", "challenger")


@dataclass(frozen=True)
class Discovery:
    """Every table of a discovery and robustness analysis (files named in ``layout``).

    Attributes:
        summary: one row per measure, context and pair: who leads, how often, the box.
        boxes: the limits of each box in parameter units, with the rerun stability.
        peeling: each box's peeling trajectory (coverage, density, mass, res_dim).
        scores: feature scores per pair and parameter.
        robustness: the report's table: the leader's share of the futures.
        robustness_box: the report's box table: one row per limited parameter.
        regret: regret of each choice per measure and context.
        satisficing: satisficing of each choice per threshold and context.
        notes: what could not be done, in words.
    """

    summary: pd.DataFrame
    boxes: pd.DataFrame
    peeling: pd.DataFrame
    scores: pd.DataFrame
    robustness: pd.DataFrame
    robustness_box: pd.DataFrame
    regret: pd.DataFrame
    satisficing: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def discover(
    design: pd.DataFrame,
    outcomes: pd.DataFrame,
    policies: pd.DataFrame,
    factors: Sequence[str],
    settings: DiscoverySettings,
) -> Discovery:
    """Discovery and robustness for every measure, context and pair of ``settings``.

    Args:
        design: one row per design point: ``point`` and a column per factor.
        outcomes: one row per run: ``point, policy, replication, seed`` and measures.
        policies: one row per policy: ``policy, name, choice, context``.
        factors: the uncertain parameters (columns of ``design``) PRIM may limit.
        settings: what to compare and how.
    """
    policies = policies.assign(context=policies["context"].fillna("").astype(str))
    x_all = design.set_index(POINT)[list(factors)]
    names = policies.set_index(["choice", "context"])["name"]
    parts: dict[str, list] = {k: [] for k in ("summary", "boxes", "peeling", "scores", "rob")}
    parts |= {"rob_box": [], "regret": [], "satisficing": [], "notes": []}
    asked = dict.fromkeys([*settings.measures, *(t.measure for t in settings.thresholds)])
    for measure in asked:
        for context in dict.fromkeys(policies["context"]):
            wide = by_choice(outcomes, policies, measure, context)
            tag = {"measure": measure, "context": context}
            if directed(measure):
                parts["regret"].append(_named(regret(wide, measure), tag, names, context))
            for t in (t for t in settings.thresholds if t.measure == measure):
                table = _named(satisficing(wide, t), tag, names, context)
                parts["satisficing"].append(table.assign(threshold=t.text))
            for a, b in settings.pairs if measure in settings.measures else ():
                if wide.empty:
                    parts["notes"].append(f"{measure}: no design point has every run of {a}, {b}")
                    continue
                p = pair(wide, a, b, measure, settings.margin)
                _compare(p, x_all, tag, names, settings, parts)
    return _assemble(parts)


def _compare(p: Pair, x_all, tag, names, settings: DiscoverySettings, parts) -> None:
    """Add the box, trajectory, scores and report rows of one pair to ``parts``."""
    context = tag["context"]
    key = tag | {"leader": names[(p.leader, context)], "challenger": names[(p.challenger, context)]}
    points = p.gap.index.get_level_values(POINT)
    x = x_all.loc[points].reset_index(drop=True)
    lead = p.lead.to_numpy()
    box = find_box(
        x,
        lead,
        peel_alpha=settings.peel_alpha,
        mass_min=settings.mass_min,
        resamples=settings.resamples,
        seed=settings.seed,
    )
    scores = feature_scores(x, lead, p.gap.to_numpy(), settings.seed)
    parts["scores"].append(scores.assign(**key))
    row = key | {
        "futures": p.futures,
        "seeds": p.seeds,
        "runs": len(lead),
        "challenger_runs": int(lead.sum()),
        "challenger_share": float(lead.mean()),
        "mean_gap": float(p.gap.mean()),
        "margin": settings.margin,
    }
    future = p.future_gap() > -settings.margin
    report = key | {
        "leader_share": float(1.0 - future.mean()),
        "futures": p.futures,
        "seeds": p.seeds,
    }
    if box is not None:
        row |= {"box": box.chosen, **box.point}
        chosen = box.trajectory["id"] == box.chosen
        parts["peeling"].append(box.trajectory.assign(**key, chosen=chosen))
        parts["boxes"].append(_box_rows(box, key))
        inside = in_box(x_all.loc[future.index], box.limits)
        hits = (future.to_numpy() & inside).sum()
        report |= {
            "box_coverage": hits / future.sum() if future.sum() else np.nan,
            "box_density": hits / inside.sum() if inside.sum() else np.nan,
        }
        limited = box.limits[["parameter", "low", "high"]]
        parts["rob_box"].append(limited.assign(**{k: key[k] for k in KEY}))
    parts["summary"].append(row)
    parts["rob"].append(report)


def _box_rows(box: Box, key: dict) -> pd.DataFrame:
    """The box's limits with units and meaning, then the parameters only reruns limit."""
    limits = box.limits.assign(in_box=True)
    stability = box.stability.rename(columns={"low": "reruns_low", "high": "reruns_high"})
    table = limits.merge(stability, on="parameter", how="outer", sort=False)
    table["in_box"] = table["in_box"].astype("boolean").fillna(False).astype(bool)
    table = table.sort_values("in_box", ascending=False, kind="stable")
    meta = {p: metadata(p) for p in table["parameter"]}
    table["unit"] = table["parameter"].map(lambda p: meta[p].get("unit", ""))
    table["doc"] = table["parameter"].map(lambda p: meta[p].get("doc", ""))
    return table.assign(**key)


def in_box(x: pd.DataFrame, limits: pd.DataFrame) -> np.ndarray:
    """Whether each row of ``x`` lies within every limit (NaN: that side is open)."""
    inside = np.ones(len(x), dtype=bool)
    for row in limits.to_dict("records"):
        values = x[row["parameter"]]
        categories = row.get("categories")
        if isinstance(categories, str) and categories:  # read from a file, NaN when none
            kept = {c.strip() for c in categories.split(",")}
            inside &= values.astype(str).isin(kept).to_numpy()
            continue
        if pd.notna(row["low"]):
            inside &= (values >= row["low"]).to_numpy()
        if pd.notna(row["high"]):
            inside &= (values <= row["high"]).to_numpy()
    return inside


def _named(table: pd.DataFrame, tag: dict, names: pd.Series, context: str) -> pd.DataFrame:
    policy = table["choice"].map(lambda c: names[(c, context)])
    return table.assign(**tag, policy=policy)


_ORDER = {
    "summary": [
        *KEY,
        "futures",
        "seeds",
        "runs",
        "challenger_runs",
        "challenger_share",
        "mean_gap",
        "margin",
        "box",
        "coverage",
        "density",
        "mass",
        "res_dim",
    ],
    "boxes": [*KEY, "parameter", "in_box", "low", "high", "categories", "unit"],
    "peeling": [*KEY, "id", "chosen"],
    "scores": [*KEY, "parameter"],
    "rob": [
        "measure",
        "leader",
        "challenger",
        "leader_share",
        "futures",
        "seeds",
        "box_coverage",
        "box_density",
        "context",
    ],
    "rob_box": ["measure", "leader", "challenger", "parameter", "low", "high"],
    "regret": ["measure", "context", "choice", "policy"],
    "satisficing": ["threshold", "measure", "context", "choice", "policy"],
}


def _assemble(parts: dict) -> Discovery:
    tables = {}
    for name, first in _ORDER.items():
        pieces = parts[name]
        frame = (
            pd.DataFrame(pieces)
            if pieces and isinstance(pieces[0], dict)
            else (pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame())
        )
        frame = frame.reindex(columns=[*first, *(c for c in frame.columns if c not in first)])
        tables[name] = frame
    return Discovery(
        tables["summary"],
        tables["boxes"],
        tables["peeling"],
        tables["scores"],
        tables["rob"],
        tables["rob_box"],
        tables["regret"],
        tables["satisficing"],
        parts["notes"],
    )
