"""Experiments layer: run replications, store results, compare scenarios, run sweeps.

For researchers::

    from digistrat import Parameters
    from digistrat.experiments import Processes, run_replications, paired_comparison
    tables = run_replications(Parameters(), seeds=range(20), executor=Processes(2))
    tables.timeseries  # scenario, replication, seed, month, step, outcomes...
"""

from .campaign import Interrupted, RunFailed
from .compare import bootstrap_ci, p_better, paired_comparison
from .executor import Executor, ExecutorError, Serial
from .executors import make_executor
from .processes import Processes
from .runner import RunError, Tables, Task, run_replications, run_tasks, seeds_for
from .store import ResultsError, read_tables
from .study import Study, default_folder, refresh, run_study
from .summary import points, summary_table

__all__ = [
    "Executor",
    "ExecutorError",
    "Interrupted",
    "Processes",
    "ResultsError",
    "RunError",
    "RunFailed",
    "Serial",
    "Study",
    "Tables",
    "Task",
    "bootstrap_ci",
    "default_folder",
    "make_executor",
    "p_better",
    "paired_comparison",
    "points",
    "read_tables",
    "refresh",
    "run_replications",
    "run_study",
    "run_tasks",
    "seeds_for",
    "summary_table",
]
