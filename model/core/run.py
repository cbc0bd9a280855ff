"""The one way to run the model: build it, run it, get its tables."""

from __future__ import annotations

from .model import DigitalisationModel, collector_paused
from .parameters import Parameters, check
from .result import RunResult, table_columns


def build_model(params: Parameters | None = None, seed: int = 0) -> DigitalisationModel:
    """Build a :class:`~digistrat.core.model.DigitalisationModel`, checking the parameters.

    Raises:
        ParameterError: if a parameter breaks its range or a rule.
    """
    return DigitalisationModel(check(params or Parameters()), seed=seed)


def run(params: Parameters | None = None, seed: int = 0) -> RunResult:
    """Run the model from start to end month and return its tables."""
    model = build_model(params, seed)
    with collector_paused():  # the run and its tables
        model.run()
        return model.result()


def run_columns(params: Parameters | None = None, seed: int = 0) -> tuple[dict, dict, dict]:
    """Run the model like :func:`run` and return its three tables as plain columns.

    Numpy arrays for numbers and lists for text, in the order of :func:`run`'s tables;
    for callers that store the tables without making DataFrames of them.
    """
    model = build_model(params, seed)
    with collector_paused():
        model.run()
        return table_columns(model)
