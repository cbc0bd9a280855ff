"""Luck against parameters: how much of an outcome's variance the seeds explain.

Every design point of a sweep runs with the same seeds, so the runs form a crossed
table of points by seeds. A two-way random-effects analysis of variance splits the
variance of one run into three parts (Montgomery, *Design and Analysis of
Experiments*, ch. 13; no replication within a cell)::

    y[p, r] = mean + a[p] + b[r] + e[p, r]

- ``a``, the **parameters**: how far the design point's own expected outcome lies
  from the mean (variance ``parameter_variance``);
- ``b``, the **seed's common luck**: what a seed does to every point alike, such as a
  lucky first initiative (variance ``seed_common_variance``);
- ``e``, the **seed's own luck at the point** (variance ``seed_point_variance``).

From the mean squares of points (``MSp``), seeds (``MSr``) and the residual
(``MSe``), with ``P`` points and ``R`` seeds: ``var e = MSe``,
``var a = (MSp - MSe) / R`` and ``var b = (MSr - MSe) / P``, each at least 0.

``seed_share`` is the share of a single run's variance that is luck,
``(var b + var e) / (var a + var b + var e)``: near 1, luck dominates and one run
says little about the parameters. ``means_noise_share`` is the share of the
variance of the seed means (what the sensitivity indices are computed from) that is
still luck, ``(var e / R) / (var a + var e / R)``; the common luck ``b`` is the same
at every point, so it does not move the indices. Only design points where every
seed gave a finite value are used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

COLUMNS = (
    "outcome",
    "points",
    "seeds",
    "run_variance",
    "parameter_variance",
    "seed_common_variance",
    "seed_point_variance",
    "seed_share",
    "means_noise_share",
)


def decompose(table: np.ndarray) -> dict[str, float]:
    """The variance parts of a points x seeds table of one outcome (see the module).

    Args:
        table: one row per design point, one column per seed; rows with a
            non-finite value are left out.

    Returns:
        ``points``, ``seeds`` and the columns of :data:`COLUMNS` after ``seeds``;
        NaN parts with fewer than 2 usable points or 2 seeds.
    """
    y = np.asarray(table, dtype=float)
    y = y[np.isfinite(y).all(axis=1)] if y.ndim == 2 else y.reshape(0, 0)
    points, seeds = y.shape if y.size else (0, y.shape[1] if y.ndim == 2 else 0)
    out = {"points": points, "seeds": seeds}
    if points < 2 or seeds < 2:
        return out | {c: float("nan") for c in COLUMNS[3:]}
    grand = y.mean()
    by_point, by_seed = y.mean(axis=1), y.mean(axis=0)
    ms_points = seeds * np.sum((by_point - grand) ** 2) / (points - 1)
    ms_seeds = points * np.sum((by_seed - grand) ** 2) / (seeds - 1)
    residual = y - by_point[:, None] - by_seed[None, :] + grand
    ms_error = np.sum(residual**2) / ((points - 1) * (seeds - 1))
    var_e = float(ms_error)
    var_a = max(float(ms_points - ms_error) / seeds, 0.0)
    var_b = max(float(ms_seeds - ms_error) / points, 0.0)
    run = var_a + var_b + var_e
    means = var_a + var_e / seeds
    return out | {
        "run_variance": run,
        "parameter_variance": var_a,
        "seed_common_variance": var_b,
        "seed_point_variance": var_e,
        "seed_share": (var_b + var_e) / run if run > 0 else float("nan"),
        "means_noise_share": (var_e / seeds) / means if means > 0 else float("nan"),
    }


def variance_table(
    outcomes: pd.DataFrame, names: Sequence[str], by: str | None = None
) -> pd.DataFrame:
    """One row per measure (and value of column ``by``, e.g. the policy): its variance parts.

    Args:
        outcomes: one row per run with ``point`` and ``replication`` columns and one
            column per measure.
        names: the measures.
        by: a column to split the runs by first (its values go in a first column of
            the same name), or None.
    """
    groups = outcomes.groupby(by, sort=False) if by else [(None, outcomes)]
    rows = []
    for key, runs in groups:
        for name in names:
            wide = runs.set_index(["point", "replication"])[name].unstack("replication")
            row = {"outcome": name, **decompose(wide.to_numpy())}
            rows.append({by: key, **row} if by else row)
    columns = [by, *COLUMNS] if by else list(COLUMNS)
    return pd.DataFrame(rows, columns=columns)


def variance_notes(table: pd.DataFrame, share: float = 0.5) -> list[str]:
    """Warnings for outcomes where luck is more than ``share`` of a run's variance."""
    notes = []
    for row in table.to_dict("records"):
        if row["seed_share"] > share:
            where = f"{row['policy']}: " if "policy" in row else ""
            notes.append(
                f"{where}{row['outcome']}: luck (the seed) is {row['seed_share']:.0%} of the "
                "variance of a run; compare strategies on seed means or paired seeds, "
                "not single runs"
            )
    return notes
