"""Design points of an experiment: full grid, Latin hypercube, Sobol' (Saltelli) or Morris.

The samplers draw in the unit hypercube, each from its own seed; the factors map
the draws to parameter values. The same experiment file gives the same design.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from .definition import Design
from .factors import Factor

POINT = "point"


def unit_problem(factors: tuple[Factor, ...]) -> dict:
    """The SALib problem: one variable per factor, each on [0, 1]."""
    return {
        "num_vars": len(factors),
        "names": [f.path for f in factors],
        "bounds": [[0.0, 1.0]] * len(factors),
    }


def unit_sample(design: Design, factors: tuple[Factor, ...]) -> np.ndarray | None:
    """Draws in the unit hypercube (one row per point), or None for a grid."""
    d = len(factors)
    if design.kind == "lhs":
        from scipy.stats import qmc

        return qmc.LatinHypercube(d, rng=np.random.default_rng(design.seed)).random(design.n)
    if design.kind == "sobol":
        from SALib.sample import sobol

        return sobol.sample(
            unit_problem(factors),
            design.n,
            calc_second_order=design.second_order,
            seed=design.seed,
        )
    if design.kind == "morris":
        from SALib.sample import morris

        return morris.sample(
            unit_problem(factors), design.n, num_levels=design.levels, seed=design.seed
        )
    return None


def design_size(design: Design, factors: tuple[Factor, ...]) -> int:
    """Number of design points, from the design's parameters alone (nothing is drawn).

    Exact for any size (Python integers do not overflow), so a design too large to
    build can be refused before anything is allocated.
    """
    d = len(factors)
    if design.kind == "grid":
        return math.prod(len(f.levels(design.levels)) for f in factors)
    if design.kind == "sobol":
        return design.n * ((2 * d + 2) if design.second_order else (d + 2))
    if design.kind == "morris":
        return design.n * (d + 1)
    return design.n


def make_design(design: Design, factors: tuple[Factor, ...]) -> pd.DataFrame:
    """One row per design point: ``point`` (0, 1, ...) and one column per factor path."""
    if design.kind == "grid":
        rows = list(itertools.product(*(f.levels(design.levels) for f in factors)))
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(factors)
    else:
        units = unit_sample(design, factors)
        columns = [f.from_unit(units[:, i]) for i, f in enumerate(factors)]
    frame = pd.DataFrame({f.path: _column(f, c) for f, c in zip(factors, columns, strict=True)})
    frame.insert(0, POINT, np.arange(len(frame)))
    return frame


def _column(factor: Factor, values) -> pd.Series:
    if factor.categorical:
        return pd.Series(list(values), dtype=object)
    return pd.Series(np.asarray(values, dtype=float)).astype(int if factor.integer else float)
