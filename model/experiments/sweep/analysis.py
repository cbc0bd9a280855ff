"""Sensitivity indices with SALib, from the replication mean of each design point.

Sobol': first-order ``S1`` and total ``ST`` indices with SALib's bootstrap
confidence intervals (``S1_conf``, ``ST_conf`` are half-widths at 95%). Morris:
``mu``, ``mu_star``, ``sigma`` and ``mu_star_conf``, in the outcome's unit per full
range of the parameter (the design is drawn on the unit interval). Each design
point's outcome is the mean over its seeds; since every point uses the same seeds,
run-to-run noise is common to all points, but what remains of it shows up as
interaction (``ST`` above ``S1``) and widens the intervals.

A design point has a mean only when every one of its runs gave a finite value.
Both estimators need every point of their design, so an outcome with a point
missing (a failed run, a NaN output) gets no indices, and a note says how many
points lack a value for each cause.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .definition import Design
from .design import unit_problem, unit_sample
from .factors import Factor

RESAMPLES = 1000
CONF_LEVEL = 0.95
SOBOL_MIN_N = 512  # base samples below which Sobol' indices are rough
MORRIS_MIN_N = 10  # trajectories below which Morris screening is rough
WIDE_CI = 0.1  # Sobol' interval half-width above which an index is not resolved


def point_means(outcomes: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Mean of every measure over the seeds of each design point, in point order.

    NaN where any run of the point has no finite value (it failed, or gave NaN or
    an infinity): a mean of the other seeds would not be the same estimate.
    """
    values = outcomes[["point", *names]].replace([np.inf, -np.inf], np.nan)
    grouped = values.groupby("point", sort=True)[names]
    return grouped.mean().where(grouped.count().eq(grouped.size(), axis=0))


def failed_points(outcomes: pd.DataFrame) -> np.ndarray:
    """Per design point, in point order: whether any of its runs failed (has an ``error``)."""
    return outcomes["error"].notna().groupby(outcomes["point"], sort=True).any().to_numpy()


def analyse(
    design: Design,
    factors: tuple[Factor, ...],
    means: pd.DataFrame,
    names: list[str],
    failed: np.ndarray | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None, list[str]]:
    """Sensitivity indices of every measure.

    Args:
        design: a sobol or morris design.
        factors: the factors, in design order.
        means: :func:`point_means` of the outcomes.
        names: the measures to analyse.
        failed: :func:`failed_points` of the outcomes, for the notes (None: unknown).

    Returns:
        the indices (one row per measure and factor), the second-order Sobol'
        indices (or None) and warnings in words.
    """
    notes: list[str] = []
    rows, pairs = [], []
    if design.kind == "sobol":
        consequence = "Sobol' indices need every design point, so none are computed"
    else:
        consequence = "Morris screening needs every design point, so none is computed"
    for name in names:
        y = means[name].to_numpy(dtype=float)
        if problem := missing(name, y, consequence, failed):
            notes.append(problem)
            continue
        if problem := unusable(name, y):
            notes.append(problem)
            continue
        if design.kind == "sobol":
            table, s2 = _sobol(design, factors, y)
            pairs.extend({"outcome": name, **row} for row in s2)
        else:
            table = _morris(design, factors, y)
        rows.extend({"outcome": name, **row, "n": len(y)} for row in table)
    indices = pd.DataFrame(rows)
    notes = _size_notes(design) + notes + _width_notes(design, indices)
    second = pd.DataFrame(pairs) if design.second_order else None
    return indices, second, notes


def missing(name: str, y: np.ndarray, consequence: str, failed: np.ndarray | None = None) -> str:
    """A note when design points lack a value, saying how many for which cause, or ''.

    A point with a failed run can be run again (``--resume``); a point whose runs all
    ran but where the model gave no finite value (NaN) gives the same again.

    Args:
        name: the measure.
        y: the measure's value at every design point (NaN: none).
        consequence: what the analysis does about it.
        failed: per design point, whether one of its runs failed (None: unknown).
    """
    lacking = ~np.isfinite(y)
    count = int(lacking.sum())
    if not count:
        return ""
    said = f"{name}: {count} of {len(y)} design points lack a value"
    if failed is None:
        return (
            f"{said} (a failed run, or a NaN output); {consequence}. --resume reruns "
            "failed runs; a NaN output comes again"
        )
    broken = int((lacking & failed).sum())
    causes = []
    if broken:
        causes.append(f"{broken} with a failed run (--resume reruns failed runs)")
    if count - broken:
        causes.append(
            f"{count - broken} where the model gave no value (a NaN output; rerunning "
            "gives the same)"
        )
    return f"{said}: {', '.join(causes)}; {consequence}"


def unusable(name: str, y: np.ndarray) -> str:
    """Why an outcome with a value at every point gets no indices (no variation), or ''."""
    if np.ptp(y) == 0:
        return f"{name}: the outcome does not vary over the design; no indices"
    return ""


def _sobol(design: Design, factors: tuple[Factor, ...], y: np.ndarray) -> tuple[list, list]:
    from SALib.analyze import sobol

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        res = sobol.analyze(
            unit_problem(factors),
            y,
            calc_second_order=design.second_order,
            num_resamples=RESAMPLES,
            conf_level=CONF_LEVEL,
            seed=design.seed,
        )
    table = _rows(factors, res, ("S1", "S1_conf", "ST", "ST_conf"))
    pairs = []
    if design.second_order:
        for i, j in zip(*np.triu_indices(len(factors), 1), strict=True):
            pairs.append(
                {
                    "parameter_a": factors[i].path,
                    "parameter_b": factors[j].path,
                    "S2": res["S2"][i, j],
                    "S2_conf": res["S2_conf"][i, j],
                }
            )
    return table, pairs


def _morris(design: Design, factors: tuple[Factor, ...], y: np.ndarray) -> list:
    from SALib.analyze import morris

    x = unit_sample(design, factors)
    res = morris.analyze(
        unit_problem(factors),
        x,
        y,
        num_resamples=RESAMPLES,
        conf_level=CONF_LEVEL,
        num_levels=design.levels,
        seed=design.seed,
    )
    return _rows(factors, res, ("mu", "mu_star", "mu_star_conf", "sigma"))


def _rows(factors: tuple[Factor, ...], res: dict, keys: tuple[str, ...]) -> list[dict]:
    """One row per factor with the SALib results under ``keys``."""
    return [
        {"parameter": f.path, **{k: float(res[k][i]) for k in keys}} for i, f in enumerate(factors)
    ]


def _size_notes(design: Design) -> list[str]:
    if design.kind == "sobol" and design.n < SOBOL_MIN_N:
        return [
            f"n = {design.n} base samples is small for Sobol' indices (at least "
            f"{SOBOL_MIN_N} is usual); read them as rough and check the intervals"
        ]
    if design.kind == "morris" and design.n < MORRIS_MIN_N:
        return [
            f"n = {design.n} trajectories is small for Morris screening (at least "
            f"{MORRIS_MIN_N} is usual)"
        ]
    return []


def _width_notes(design: Design, indices: pd.DataFrame) -> list[str]:
    if design.kind != "sobol" or indices.empty:
        return []
    wide = indices[(indices["S1_conf"] > WIDE_CI) | (indices["ST_conf"] > WIDE_CI)]
    if wide.empty:
        return []
    return [
        f"{len(wide)} of {len(indices)} indices have a 95% interval wider than "
        f"+-{WIDE_CI}; a larger n would resolve them"
    ]
