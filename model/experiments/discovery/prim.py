"""PRIM boxes with EMA Workbench (Kwakkel 2017), read into plain tables.

EMA Workbench's :class:`ema_workbench.analysis.prim.Prim` peels a box of the
uncertain parameters towards the cases of interest (Friedman & Fisher 1999; Bryant
& Lempert 2010) and pastes it back. Its peeling trajectory trades **coverage** (the
share of all cases of interest that lie in the box) against **density** (the share
of the runs in the box that are cases of interest). The box reported is the point
of the trajectory with the largest **coverage minus mass** that limits at least one
parameter: the weighted relative accuracy of subgroup discovery (Lavrač, Flach &
Zupan 1999), the box that holds the most cases of interest for the share of all
runs it holds. Coverage x density would prefer an almost unlimited box whenever
the cases are common (its value there is the base rate), and the last point of the
trajectory over-peels.

Pitfalls of ema_workbench 3.0 with pandas 3 handled here: whole-number columns crash
the pasting step, so every number is passed as float64; a side of a limit that PRIM
did not move holds the data's minimum or maximum, so limits are read from the
restricted dimensions of ``p_values`` and compared with ``box_init``; importing it
warns about optional packages, and each ``Prim`` warns about a pandas keyword.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

TRAJECTORY = ("id", "coverage", "density", "mass", "res_dim", "n", "k")
LIMITS = ("parameter", "low", "high", "categories", "qp_low", "qp_high")


@dataclass(frozen=True)
class Box:
    """A PRIM box and its peeling trajectory.

    Attributes:
        trajectory: one row per trajectory point (:data:`TRAJECTORY`): ``k`` cases of
            interest among the ``n`` runs in the box, ``res_dim`` limited parameters.
        chosen: the ``id`` of the reported point.
        limits: one row per limited parameter (:data:`LIMITS`), in parameter units;
            ``low`` or ``high`` is NaN on a side PRIM did not move; ``categories``
            lists the values kept of a parameter that is not a number.
        stability: one row per parameter limited by the box or by a rerun: in what
            share of the half-sample reruns of PRIM (each box chosen by the same
            rule) it is limited (``reruns``), and the median of the reruns' lower and
            upper limits (``low``, ``high``); empty without reruns.
    """

    trajectory: pd.DataFrame
    chosen: int
    limits: pd.DataFrame
    stability: pd.DataFrame

    @property
    def point(self) -> dict[str, float]:
        """Coverage, density, mass and limited parameters of the reported point."""
        row = self.trajectory.set_index("id").loc[self.chosen]
        return {k: float(row[k]) for k in ("coverage", "density", "mass", "res_dim")}


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Hide the warnings EMA Workbench raises on import and for each box."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        warnings.filterwarnings("ignore", message=".*ipyparallel.*")
        warnings.filterwarnings("ignore", category=ImportWarning)
        yield


def prepare(x: pd.DataFrame) -> pd.DataFrame:
    """Numbers as float64 (whole numbers crash EMA's pasting); names stay categorical."""
    x = x.reset_index(drop=True).copy()
    for column in x.columns:
        if is_numeric_dtype(x[column]) and not is_bool_dtype(x[column]):
            x[column] = x[column].astype("float64")
        else:
            x[column] = x[column].astype(str)
    return x


def find_box(
    x: pd.DataFrame,
    y: np.ndarray,
    *,
    peel_alpha: float = 0.05,
    mass_min: float = 0.05,
    resamples: int = 0,
    seed: int = 1,
) -> Box | None:
    """The PRIM box of the cases ``y`` among the points ``x``; None without any case.

    Args:
        x: one row per run, one column per uncertain parameter.
        y: whether each run is a case of interest.
        peel_alpha: share of the runs peeled off per step.
        mass_min: smallest share of the runs a box may hold.
        resamples: half-sample reruns of PRIM for :attr:`Box.stability` (0: none).
        seed: seeds the half samples.
    """
    y = np.asarray(y, dtype=bool)
    if not y.any():
        return None
    x = prepare(x)
    with quiet():
        from ema_workbench.analysis import prim

        def peel(xs: pd.DataFrame, ys: np.ndarray):
            found = prim.Prim(xs, ys, peel_alpha=peel_alpha, mass_min=mass_min).find_box()
            trajectory = found.peeling_trajectory[list(TRAJECTORY)].copy()
            chosen = _choose(trajectory)
            return trajectory, chosen, _limits(found, found.prim.box_init, chosen)

        trajectory, chosen, limits = peel(x, y)
        reruns = []
        rng = np.random.default_rng(seed)
        for _ in range(resamples):
            half = np.sort(rng.choice(len(x), size=len(x) // 2, replace=False))
            if y[half].any():
                reruns.append(peel(x.iloc[half].reset_index(drop=True), y[half])[2])
    trajectory["id"] = trajectory["id"].astype(int)
    return Box(trajectory.reset_index(drop=True), chosen, limits, _stability(reruns, resamples))


def _stability(reruns: list[pd.DataFrame], resamples: int) -> pd.DataFrame:
    """How often each parameter is limited over the reruns, and its median limits."""
    columns = ["parameter", "reruns", "low", "high"]
    if not reruns:
        return pd.DataFrame(columns=columns)
    every = pd.concat(reruns, ignore_index=True)
    grouped = every.groupby("parameter", sort=False)
    table = pd.DataFrame(
        {
            "reruns": grouped.size() / resamples,
            "low": grouped["low"].median(),
            "high": grouped["high"].median(),
        }
    ).reset_index()
    return table.sort_values("reruns", ascending=False, kind="stable")[columns]


def _choose(trajectory: pd.DataFrame) -> int:
    """The id of the point with the largest coverage - mass that limits a parameter."""
    score = trajectory["coverage"] - trajectory["mass"]
    candidates = trajectory[trajectory["res_dim"] > 0]
    if candidates.empty:
        return int(trajectory["id"].iloc[0])
    best = score.loc[candidates.index]
    return int(candidates.loc[best.idxmax(), "id"])


def _limits(found, init: pd.DataFrame, i: int) -> pd.DataFrame:
    """The limited parameters of trajectory point ``i`` in parameter units."""
    lims = found.box_lims[i]
    rows = []
    for dim, (qp_low, qp_high) in found.p_values[i].items():
        low, high = lims.loc[0, dim], lims.loc[1, dim]
        if isinstance(low, set):
            kept = sorted(low, key=str)
            rows.append(_row(dim, np.nan, np.nan, ", ".join(map(str, kept)), qp_low, np.nan))
            continue
        low = float(low) if low != init.loc[0, dim] else np.nan
        high = float(high) if high != init.loc[1, dim] else np.nan
        rows.append(_row(dim, low, high, "", qp_low, qp_high))
    return pd.DataFrame(rows, columns=list(LIMITS))


def _row(dim, low, high, categories, qp_low, qp_high) -> dict:
    def qp(value):
        return float(value) if value is not None and value >= 0 else np.nan

    return {
        "parameter": dim,
        "low": low,
        "high": high,
        "categories": categories,
        "qp_low": qp(qp_low),
        "qp_high": qp(qp_high),
    }
