"""Regression-based sensitivity for grid and Latin-hypercube designs.

Two measures per outcome and parameter, from the mean over seeds of each design point:

- **PRCC**, the partial rank correlation coefficient (Marino et al. 2008, J. Theor.
  Biol. 254:178-196): rank-transform the parameters and the outcome, take the
  residuals of linear regressions of the parameter's ranks and of the outcome's
  ranks on the ranks of the other parameters, and correlate the two residuals
  (Pearson). It measures how strongly and in which direction the outcome rises or
  falls with the parameter, the others held fixed, for any monotone relation. Its
  p-value tests PRCC = 0 with ``t = r sqrt((n-2-k) / (1-r^2))`` on ``n-2-k`` degrees of
  freedom (``n`` points, ``k`` other parameters).
- **SRC**, the standardised regression coefficient: the coefficient of the parameter
  in a linear regression of the outcome on all parameters, both standardised to
  mean 0 and sd 1. With ``R2``, the regression's coefficient of determination: when
  R2 is near 1 the outcome is nearly linear in the parameters and SRC^2 is the share
  of its variance the parameter explains; when R2 is low, read PRCC instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import stdtr  # what scipy.stats.t.sf computes, without importing scipy.stats

from .analysis import missing, unusable
from .factors import Factor, value_text

COLUMNS = ("PRCC", "PRCC_p", "SRC", "R2")
POINTS_PER_PARAMETER = 10  # fewer design points per parameter than this: a warning


def prcc(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Partial rank correlation coefficients of ``y`` with each column of ``x``.

    Args:
        x: n points x k parameters.
        y: n outcome values.

    Returns:
        PRCC and its two-sided p-value, one per column. NaN where a column is fully
        explained by the other columns; 0 (p = 1) where the outcome's ranks are fully
        explained by the other columns, as for an inert parameter on a grid.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n, k = x.shape
    ranks = np.column_stack([rankdata(x[:, j]) for j in range(k)])
    ry = rankdata(y)
    coef, pval = np.full(k, np.nan), np.full(k, np.nan)
    dof = n - 2 - (k - 1)
    for j in range(k):
        others = np.column_stack([np.ones(n), np.delete(ranks, j, axis=1)])
        rx = _residuals(others, ranks[:, j])
        re = _residuals(others, ry)
        if _flat(rx) or dof < 1:
            continue
        if _flat(re):  # the others explain the outcome's ranks fully: nothing left to explain
            coef[j], pval[j] = 0.0, 1.0
            continue
        r = float(np.clip(np.corrcoef(rx, re)[0, 1], -1.0, 1.0))
        coef[j] = r
        if abs(r) == 1.0:
            pval[j] = 0.0
        else:
            t = r * np.sqrt(dof / (1.0 - r * r))
            pval[j] = float(2.0 * stdtr(dof, -abs(t)))  # Student's t upper tail
    return coef, pval


def rankdata(v: np.ndarray) -> np.ndarray:
    """Ranks from 1, ties given their mean rank (``scipy.stats.rankdata``'s "average").

    Here rather than from scipy.stats, whose import (0.5-1 s) would be most of the
    analysis of a grid sweep; the values are the same (``tests/test_regression.py``).
    """
    v = np.asarray(v, dtype=float)
    order = np.argsort(v, kind="mergesort")
    ordered = v[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]]  # the first of each group of ties
    starts = np.flatnonzero(first)
    counts = np.diff(np.r_[starts, len(v)])
    mean_rank = starts + (counts + 1) / 2.0
    ranks = np.empty(len(v))
    ranks[order] = mean_rank[np.cumsum(first) - 1]
    return ranks


def src(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Standardised regression coefficients of ``y`` on the columns of ``x``, and R2."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    sx, sy = x.std(axis=0, ddof=1), y.std(ddof=1)
    zx = (x - x.mean(axis=0)) / np.where(sx > 0, sx, 1.0)
    zy = (y - y.mean()) / sy
    design = np.column_stack([np.ones(len(y)), zx])
    beta, *_ = np.linalg.lstsq(design, zy, rcond=None)
    residual = zy - design @ beta
    r2 = 1.0 - float(residual @ residual) / float(zy @ zy)
    return np.where(sx > 0, beta[1:], np.nan), r2


def regression_indices(
    factors: tuple[Factor, ...],
    design: pd.DataFrame,
    means: pd.DataFrame,
    names: list[str],
    failed: np.ndarray | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """PRCC (with p-value), SRC and R2 of every measure and factor.

    Args:
        factors: the factors, in design order.
        design: one row per design point, one column per factor path, in point order.
        means: mean over seeds of each measure, one row per design point, in point order.
        names: the measures to analyse.
        failed: per design point, whether one of its runs failed, for the notes.

    Returns:
        One row per measure and factor (``outcome, parameter, PRCC, PRCC_p, SRC, R2, n``;
        ``n`` is the number of design points used) and warnings in words. A design
        point without a value for a measure (a failed run, a NaN output) is left out
        of that measure's indices, and a note says how many were.
    """
    paths = [f.path for f in factors]
    x_all = np.column_stack([f.codes(design[f.path].to_numpy()) for f in factors])
    n, k = x_all.shape
    notes = [
        f"{f.path} is categorical; PRCC and SRC code it by the position of its value in "
        f"the list ({', '.join(f'{i} = {value_text(v)}' for i, v in enumerate(f.values))})"
        for f in factors
        if f.categorical
    ]
    if n < POINTS_PER_PARAMETER * k:
        notes.append(
            f"{n} design points for {k} parameters is few for PRCC and SRC (at least "
            f"{POINTS_PER_PARAMETER} per parameter, {POINTS_PER_PARAMETER * k}, is usual); "
            "read them as rough and check the p-values"
        )
    if n - 1 - k < 1:
        notes.append(f"{n} design points cannot fit {_parameters(k)}; no PRCC or SRC")
        return pd.DataFrame(columns=["outcome", "parameter", *COLUMNS, "n"]), notes
    rows = []
    for name in names:
        y = means[name].to_numpy(dtype=float)
        keep = np.isfinite(y)
        x, y = x_all[keep], y[keep]
        if len(y) < n:
            used = f"PRCC and SRC use the other {len(y)}"
            notes.append(missing(name, np.where(keep, 0.0, np.nan), used, failed))
        if len(y) - 1 - k < 1:
            notes.append(f"{name}: {len(y)} design points cannot fit {_parameters(k)}; no PRCC")
            continue
        if problem := unusable(name, y):
            notes.append(problem)
            continue
        r, p = prcc(x, y)
        beta, r2 = src(x, y)
        rows.extend(
            {
                "outcome": name,
                "parameter": path,
                "PRCC": float(r[j]),
                "PRCC_p": float(p[j]),
                "SRC": float(beta[j]),
                "R2": r2,
                "n": len(y),
            }
            for j, path in enumerate(paths)
        )
    return pd.DataFrame(rows, columns=["outcome", "parameter", *COLUMNS, "n"]), notes


def _residuals(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    beta, *_ = np.linalg.lstsq(a, b, rcond=None)
    return b - a @ beta


def _flat(v: np.ndarray) -> bool:
    """True when residuals of ranks are zero up to rounding."""
    return float(np.std(v)) < 1e-9 * len(v)


def _parameters(k: int) -> str:
    return "1 parameter" if k == 1 else f"{k} parameters"
