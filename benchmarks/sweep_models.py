"""The benchmark grid as mesa.batch_run and EMA Workbench want it (imported by their workers).

Both run the same model with the same parameters and seeds as digistrat's sweep
and measure the same numbers: change capability in 2026-12 and its mean over
2027-01..2030-12. batch_run steps a Mesa model class built from keyword
arguments and reads a DataCollector's model reporters; EMA Workbench calls a
function of keyword arguments that returns the outcomes.
"""

from __future__ import annotations

from pathlib import Path

import mesa
from digistrat import replace_path
from digistrat.core import DigitalisationModel, check
from digistrat.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "small_steps__programme_2022.yaml"
PACE, TRAINING = "behaviour.strain.pace", "behaviour.attitudes.training_share"
MEASURES = {"cc_2026": ("2026-12", "2026-12"), "cc_2027_2030": ("2027-01", "2030-12")}
_BASE = None


def base():
    """The base parameters (loaded once per process)."""
    global _BASE
    if _BASE is None:
        _BASE = load_scenario(SCENARIO).params
    return _BASE


def params(pace: float, training_share: float):
    """The base parameters at one grid point."""
    p = replace_path(base(), PACE, float(pace))
    return check(replace_path(p, TRAINING, float(training_share)))


def measures(model: DigitalisationModel) -> dict[str, float]:
    """The two measures, from the model's monthly records."""
    from digistrat.core.calendar import month_number

    values = [row["change_capability"] for row in model.records]
    out = {}
    for name, (start, end) in MEASURES.items():
        a, b = month_number(start) - model.start, month_number(end) - model.start + 1
        part = values[a:b]
        out[name] = sum(part) / len(part)
    return out


class GridModel(DigitalisationModel):
    """The model as mesa.batch_run builds it: keyword arguments, a DataCollector."""

    def __init__(self, pace: float = 1.0, training_share: float = 0.2, seed: int = 0):
        super().__init__(params(pace, training_share), seed=int(seed))
        self.datacollector = mesa.DataCollector(
            model_reporters={name: (lambda m, n=name: measures(m)[n]) for name in MEASURES}
        )

    def step(self) -> None:
        """One month; the measures are collected after the last."""
        super().step()
        if self.steps >= self.n_months:
            self.datacollector.collect(self)
            self.running = False


def ema_run(pace: float = 1.0, training_share: float = 0.2, seed: int = 0) -> dict[str, float]:
    """One run as EMA Workbench calls a model function."""
    model = DigitalisationModel(params(pace, training_share), seed=int(seed))
    model.run()
    return measures(model)
