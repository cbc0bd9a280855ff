"""Parameter sweeps and sensitivity analysis from experiment files in ``experiments/``.

For researchers::

    from digistrat.experiments.sweep import load_experiment, run_experiment
    experiment = load_experiment("experiments/sobol_small_vs_big.yaml")
    result = run_experiment(experiment, jobs=2)   # out=Path(...) also writes the folder
    result.indices      # outcome, parameter, S1, S1_conf, ST, ST_conf
"""

from .definition import Design, Experiment, load_experiment
from .design import design_size, make_design
from .errors import ExperimentError
from .factors import Factor
from .measures import Measure
from .run import SweepResult, plan, run_experiment

__all__ = [
    "Design",
    "Experiment",
    "ExperimentError",
    "Factor",
    "Measure",
    "SweepResult",
    "design_size",
    "load_experiment",
    "make_design",
    "plan",
    "run_experiment",
]
