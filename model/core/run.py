"""The one way to run the model: build it, run it, get its tables."""

from __future__ import annotations

from .model import DigitalisationModel
from .parameters import Parameters, check
from .result import RunResult


def build_model(params: Parameters | None = None, seed: int = 0) -> DigitalisationModel:
    """Build a :class:`~digistrat.core.model.DigitalisationModel`, checking the parameters.

    Raises:
        ParameterError: if a parameter breaks its range or a rule.
    """
    return DigitalisationModel(check(params or Parameters()), seed=seed)


def run(params: Parameters | None = None, seed: int = 0) -> RunResult:
    """Run the model from start to end month and return its tables."""
    model = build_model(params, seed)
    model.run()
    return model.result()
