"""Parameter sweeps and sensitivity analysis from experiment files in ``experiments/``.

For researchers::

    from digistrat.experiments import Processes
    from digistrat.experiments.sweep import load_experiment, run_experiment
    experiment = load_experiment("experiments/sobol_small_vs_big.yaml")
    result = run_experiment(experiment, executor=Processes(2))   # out=Path(...) writes the folder
    result.indices      # outcome, parameter, S1, S1_conf, ST, ST_conf, n
"""

from .definition import Design, Experiment, load_experiment
from .design import design_size, make_design
from .factors import Factor
from .measures import Measure
from .plan import MAX_RUNS, check_size, plan, run_count
from .run import SweepResult, run_experiment
from .schema import ExperimentError

__all__ = [
    "Design",
    "Experiment",
    "ExperimentError",
    "Factor",
    "MAX_RUNS",
    "Measure",
    "SweepResult",
    "check_size",
    "design_size",
    "load_experiment",
    "make_design",
    "plan",
    "run_count",
    "run_experiment",
]
