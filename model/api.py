"""The one way to run the model: build it, run it, get its tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .parameters import Parameters, check


@dataclass(frozen=True)
class RunResult:
    """Tables from one run.

    Attributes:
        timeseries: one row per month: ``month`` (YYYY-MM), ``step`` and one column per
            outcome in :data:`model.outcomes_info.OUTCOMES`.
        initiatives: one row per initiative, columns
            :data:`model.outcomes_info.INITIATIVE_COLUMNS`.
        departments: one row per department and month: ``month`` and
            :data:`model.outcomes_info.DEPARTMENT_COLUMNS`.
        seed: the seed of the run.
    """

    timeseries: pd.DataFrame
    initiatives: pd.DataFrame
    departments: pd.DataFrame
    seed: int


def build_model(params: Parameters | None = None, seed: int = 0):
    """Build a :class:`~model.core.DigitalisationModel`, checking the parameters first.

    Raises:
        ParameterError: if a parameter breaks its range or a rule.
    """
    from .core import DigitalisationModel

    return DigitalisationModel(check(params or Parameters()), seed=seed)


def run(params: Parameters | None = None, seed: int = 0) -> RunResult:
    """Run the model from start to end month and return its tables."""
    model = build_model(params, seed)
    model.run()
    return model.result()
